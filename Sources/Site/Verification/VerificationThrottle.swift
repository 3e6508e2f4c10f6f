import Foundation
import Synchronization

/// How many verifications each address made lately, in memory only: the public `/verifier`
/// keeps nothing on disk of what it is given, not even who asked.
final class VerificationThrottle: Sendable {
    private let recent = Mutex<[String: [Date]]>([:])
    /// Addresses tracked at most; past that the oldest entries go (a flood cannot grow memory).
    static let maxAddresses = 10_000

    /// Counts one attempt from `address`; false when it passes `limit` within `window`.
    func allow(_ address: String, limit: Int, window: TimeInterval, now: Date) -> Bool {
        recent.withLock { table in
            let since = now.addingTimeInterval(-window)
            var times = (table[address] ?? []).filter { $0 > since }
            guard times.count < limit else {
                table[address] = times
                return false
            }
            times.append(now)
            table[address] = times
            if table.count > Self.maxAddresses {
                table = table.filter { $0.value.contains { $0 > since } }
            }
            return true
        }
    }
}
