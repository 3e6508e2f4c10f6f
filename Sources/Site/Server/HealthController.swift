import Foundation
import Hummingbird
import Records
import Storage

/// `GET /health` for the operator's monitoring: no session, no data, one line. `ok` (200), or
/// `dégradé : …` (503) with each reason: the database does not take writes, the hub has not
/// been reached for more than an hour, the TLS certificate expires in under 30 days.
struct HealthController {
    let site: SiteEnvironment

    static let hubSilence: TimeInterval = 3600
    static let certificateNotice: TimeInterval = 30 * 86_400

    func addRoutes(to router: Router<SiteContext>) {
        router.get("/health") { _, _ in
            let problems = Self.problems(node: site.node, now: site.now, certificateExpiry: site.configuration.certificateExpiry())
            var response = Response(
                status: problems.isEmpty ? .ok : .serviceUnavailable,
                body: .init(byteBuffer: ByteBuffer(string: problems.isEmpty ? "ok\n" : "dégradé : \(problems.joined(separator: " ; "))\n"))
            )
            response.headers[.contentType] = "text/plain; charset=utf-8"
            response.headers[.cacheControl] = "no-store"
            return response
        }
    }

    /// Why the node is degraded, in French, without any personal data; empty when healthy.
    static func problems(node: OpenNode, now: Date, certificateExpiry: Date?) -> [String] {
        var problems: [String] = []
        // The directory by a file, the database by a row: a full or read-only database shows in the second.
        var failure = StorageHealth.check(node.directory).failure
        if failure == nil {
            do { try node.database.checkWritable(now: now) } catch { failure = error }
        }
        if let failure { problems.append("la base de données ne prend plus d'écriture (\(failure.label))") }
        if let state = try? SyncState.load(node), state.hubURL != nil, (try? node.role()) != .hub {
            let since = state.lastSuccess?.date
            let started = state.lastAttempt?.date
            if let since, now.timeIntervalSince(since) > hubSilence {
                problems.append("hub injoignable depuis plus d'une heure (dernière synchronisation réussie le \(French.dateTime(Timestamp(since))))")
            } else if since == nil, let started, now.timeIntervalSince(started) > hubSilence {
                problems.append("aucune synchronisation réussie avec le hub depuis plus d'une heure")
            }
        }
        if let expiry = certificateExpiry {
            if expiry <= now {
                problems.append("le certificat TLS a expiré le \(French.dateTime(Timestamp(expiry)))")
            } else if expiry.timeIntervalSince(now) < certificateNotice {
                problems.append("le certificat TLS expire le \(French.dateTime(Timestamp(expiry))), dans moins de 30 jours")
            }
        }
        return problems
    }
}
