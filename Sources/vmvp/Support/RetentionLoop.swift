import Foundation
import Logging
import ServiceLifecycle
import Storage

/// Applies the retention policy to the node's local account data once a day, the first time
/// shortly after the server starts. The log says how many, never who.
struct RetentionLoop: Service {
    let accounts: AccountStore
    let policy: AccountRetentionPolicy
    let clock: @Sendable () -> Date
    let interval: Duration
    let logger: Logger

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while !Task.isCancelled {
                    do {
                        let done = try accounts.purge(policy: policy, now: clock())
                        if !done.isEmpty {
                            logger.info(
                                "retention applied",
                                metadata: [
                                    "deactivated": "\(done.deactivated.count)", "deleted": "\(done.deleted.count)",
                                    "sessions": "\(done.expiredSessions)", "links": "\(done.spentLinks)", "failures": "\(done.loginFailures)",
                                ]
                            )
                        }
                    } catch {
                        logger.warning("retention failed", metadata: ["error": "\(type(of: error))"])
                    }
                    try await Task.sleep(for: interval)
                }
            }
        } catch is CancellationError {
            // A graceful shutdown interrupts the wait between two passes: a normal end.
        }
    }
}
