import Foundation
import Logging
import Records
import ServiceLifecycle
import Workflow

/// Issues the attestation credentials that became due without anyone acting on this node: the
/// visitor's evaluation arriving by sync, or the host's alone once the delay has passed.
struct CredentialLoop: Service {
    let credentials: Credentials
    let clock: @Sendable () -> Date
    let interval: Duration
    let logger: Logger

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while !Task.isCancelled {
                    do {
                        let now = clock()
                        try credentials.issueDue(today: Day.today(now), now: now)
                    } catch {
                        logger.warning("credential issuance failed", metadata: ["error": "\(type(of: error))"])
                    }
                    try await Task.sleep(for: interval)
                }
            }
        } catch is CancellationError {
            // A graceful shutdown interrupts the wait between two passes: a normal end.
        }
    }
}
