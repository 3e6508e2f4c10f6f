import Federation
import Foundation
import Records

/// Wraps the real transport: every k-th call fails, either before reaching the hub or
/// after the hub has processed it (the response is lost, as when a node dies mid-batch).
final class FlakyTransport: HubTransport, @unchecked Sendable {
    enum Mode { case beforeSending, afterProcessing }
    let base: any HubTransport
    let every: Int
    let mode: Mode
    private let lock = NSLock()
    private var count = 0

    init(_ base: any HubTransport, every: Int, mode: Mode) {
        self.base = base
        self.every = every
        self.mode = mode
    }

    func call(_ method: HubMethod, _ path: String, body: JSONValue?) async throws -> JSONValue {
        let n = lock.withLock {
            count += 1
            return count
        }
        let fail = n % every == 0
        if fail && mode == .beforeSending { throw SyncError.unreachable("panne simulée") }
        let result = try await base.call(method, path, body: body)
        if fail { throw SyncError.unreachable("réponse perdue (simulée)") }
        return result
    }
}
