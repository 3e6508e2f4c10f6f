import Foundation
import Logging
import Records
import ServiceLifecycle
import Storage
import Workflow

/// A pass of work run at once, then every `interval`, until a graceful shutdown. A failed pass
/// is logged by its type only (no personal data) and retried at the next one.
struct PeriodicTask: Service {
    /// Names the task in the log: "<name> failed".
    let name: String
    let clock: @Sendable () -> Date
    let interval: Duration
    let logger: Logger
    let pass: @Sendable (Date) async throws -> Void

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while !Task.isCancelled {
                    do {
                        try await pass(clock())
                    } catch {
                        logger.warning("\(name) failed", metadata: ["error": "\(type(of: error))"])
                    }
                    try await Task.sleep(for: interval)
                }
            }
        } catch is CancellationError {
            // A graceful shutdown interrupts the wait between two passes: a normal end.
        }
    }
}

extension PeriodicTask {
    /// Sends due notifications every minute: new steps arrive with sync, reminders with the calendar.
    static func notifications(_ service: NotificationService, clock: @escaping @Sendable () -> Date, logger: Logger) -> PeriodicTask {
        PeriodicTask(name: "notifications", clock: clock, interval: .seconds(60), logger: logger) { now in
            try await service.run(today: Day.today(now))
        }
    }

    /// Issues the attestation credentials that became due without anyone acting on this node:
    /// the visitor's evaluation arriving by sync, or the host's alone once the delay has passed.
    static func credentialIssuance(
        _ credentials: Credentials,
        clock: @escaping @Sendable () -> Date,
        interval: Duration,
        logger: Logger
    ) -> PeriodicTask {
        PeriodicTask(name: "credential issuance", clock: clock, interval: interval, logger: logger) { now in
            try credentials.issueDue(today: Day.today(now), now: now)
        }
    }

    /// Applies the network's retention policy to the node's accounts and own records, and
    /// follows the erasures other structures asked for (daily in `serve`). The log says how
    /// many, never who.
    static func retention(
        _ node: OpenNode,
        clock: @escaping @Sendable () -> Date,
        interval: Duration,
        logger: Logger
    ) -> PeriodicTask {
        PeriodicTask(name: "retention", clock: clock, interval: interval, logger: logger) { now in
            let done = try Retention.run(node: node, now: now)
            guard !done.isEmpty else { return }
            let accounts = done.accounts
            logger.info(
                "retention applied",
                metadata: [
                    "deactivated": "\(accounts.deactivated.count)", "deleted": "\(accounts.deleted.count)",
                    "sessions": "\(accounts.expiredSessions)", "links": "\(accounts.spentLinks)", "failures": "\(accounts.loginFailures)",
                    "journal": "\(accounts.auditEntries)", "records": "\(done.records.count)", "followed": "\(done.followed)",
                ]
            )
        }
    }
}
