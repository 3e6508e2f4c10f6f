import Foundation
import Logging
import Records
import ServiceLifecycle
import Storage

/// Keeps a node in sync in the background: at start, periodically, and soon after each
/// local write (whichever process made it), with capped exponential backoff and jitter
/// while the hub is unreachable. Local work never waits for it.
public struct SyncService: Service {
    let synchronizer: Synchronizer
    let interval: Duration
    let maxBackoff: Duration
    let logger: Logger

    public init(synchronizer: Synchronizer, interval: Duration = .seconds(30), maxBackoff: Duration = .seconds(300), logger: Logger) {
        self.synchronizer = synchronizer
        self.interval = interval
        self.maxBackoff = maxBackoff
        self.logger = logger
    }

    /// Delay before retry number `failures` (1-based): 2 s, 4 s, 8 s… capped, times a jitter in [0.5, 1].
    public static func backoff(failures: Int, cap: Duration, jitter: Double = Double.random(in: 0.5...1.0)) -> Duration {
        let exponent = min(max(failures - 1, 0), 20)
        let base = min(Double(1 << exponent) * 2.0, Double(cap.components.seconds))
        return .milliseconds(Int64(base * jitter * 1000))
    }

    public func run() async throws {
        do {
            try await cancelWhenGracefulShutdown { try await loop() }
        } catch is CancellationError {
            // A graceful shutdown interrupts the wait between two rounds: a normal end.
        }
    }

    func loop() async throws {
        var failures = 0
        while !Task.isCancelled {
            do {
                let report = try await synchronizer.syncOnce()
                failures = 0
                if report.pushed + report.pulled + report.recovered > 0 {
                    logger.info(
                        "sync",
                        metadata: ["pushed": "\(report.pushed)", "pulled": "\(report.pulled)", "recovered": "\(report.recovered)"]
                    )
                }
            } catch {
                // A refusal that needs a person (revoked, not enrolled…) is retried only at the slowest pace.
                failures = (error as? SyncError)?.isTransient == false ? 30 : failures + 1
                logger.warning(
                    "sync failed",
                    metadata: ["failures": "\(failures)", "reason": "\(Synchronizer.describe(error))"]
                )
            }
            let delay = failures == 0 ? interval : Self.backoff(failures: failures, cap: maxBackoff)
            try await waitForLocalWrite(upTo: delay)
        }
    }

    /// Sleeps up to `delay`, returning early when our own chain grows (a local write).
    func waitForLocalWrite(upTo delay: Duration) async throws {
        let store = synchronizer.node.store
        let origin = synchronizer.node.structureID
        let start = ContinuousClock.now
        let before = try store.head(origin: origin)?.seq ?? 0
        while ContinuousClock.now - start < delay {
            try await Task.sleep(for: min(.seconds(1), delay - (ContinuousClock.now - start)))
            if (try store.head(origin: origin)?.seq ?? 0) != before {
                try await Task.sleep(for: .milliseconds(300))  // let a burst of writes finish
                return
            }
        }
    }
}
