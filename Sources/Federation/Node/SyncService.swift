import Foundation
import Logging
import Metrics
import Observability
import Records
import ServiceLifecycle
import Storage
import Synchronization

/// Keeps a node in sync in the background: at start, as soon as the hub has something for it
/// (a long-poll of the changes feed), as soon as a local write commits (at once when written by
/// this process, within a second from another), and at least every `interval`; with capped
/// exponential backoff and jitter while the hub is unreachable. Local work never waits for it.
public struct SyncService: Service {
    let synchronizer: Synchronizer
    let interval: Duration
    let maxBackoff: Duration
    /// How long each long-poll asks the hub to hold (nil: no long-poll, the interval and local writes only).
    let longPoll: Duration?
    let logger: Logger
    /// Why each round started, and the long-poll answers stored without one, counted (tests
    /// and `bench propagation` check the path taken).
    public let wakeups = Wakeups()

    /// What started a round.
    public enum Wakeup: String, Sendable, CaseIterable {
        /// The hub answered a long-poll: something for us.
        case remoteChange
        /// Our own chain grew.
        case localWrite
        /// The interval (or a backoff) passed.
        case interval
        /// Not a round: a long-poll's answer, stored at once by the listener.
        case followed
    }

    /// Counts of `Wakeup`, safe to read from any task.
    public final class Wakeups: Sendable {
        private let counts = Mutex<[Wakeup: Int]>([:])
        public init() {}
        func note(_ wakeup: Wakeup) { counts.withLock { $0[wakeup, default: 0] += 1 } }
        public subscript(_ wakeup: Wakeup) -> Int { counts.withLock { $0[wakeup] ?? 0 } }
    }

    public init(
        synchronizer: Synchronizer,
        interval: Duration = .seconds(30),
        maxBackoff: Duration = .seconds(300),
        longPoll: Duration? = Wire.nodeLongPoll,
        logger: Logger
    ) {
        self.synchronizer = synchronizer
        self.interval = interval
        self.maxBackoff = maxBackoff
        self.longPoll = longPoll
        self.logger = logger
    }

    /// After a failed long-poll: 2 to 8 s, drawn at random so that nodes cut off together (a hub
    /// restart, a moment of overload) do not all come back in the same second, each with a new
    /// TLS handshake.
    public static func listenRetryDelay(jitter: Double = Double.random(in: 0...1)) -> Duration {
        .milliseconds(Int64(2_000 + 6_000 * min(max(jitter, 0), 1)))
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
        // The long-poll runs beside the rounds and is never abandoned mid-request (an abandoned
        // request would stay held at the hub, its connection with it): it rings the doorbell when
        // the hub has something, then waits for the round that pulls it before asking again.
        let doorbell = Doorbell()
        let roundDone = Doorbell()
        let listener = longPoll.map { wait in Task { await listen(wait: wait, doorbell: doorbell, roundDone: roundDone) } }
        defer { listener?.cancel() }
        var failures = 0
        while !Task.isCancelled {
            do {
                let report = try await synchronizer.syncOnce()
                failures = 0
                Counter(label: VMVPMetrics.syncRounds, dimensions: [("outcome", "ok")]).increment()
                if report.pushed + report.pulled + report.recovered > 0 {
                    logger.info(
                        "sync",
                        metadata: ["pushed": "\(report.pushed)", "pulled": "\(report.pulled)", "recovered": "\(report.recovered)"]
                    )
                }
                await checkDeferredSignatures()
            } catch {
                // A refusal that needs a person (revoked, not enrolled…) is retried only at the slowest pace.
                failures = (error as? SyncError)?.isTransient == false ? 30 : failures + 1
                Counter(label: VMVPMetrics.syncRounds, dimensions: [("outcome", "failed")]).increment()
                Counter(label: VMVPMetrics.syncErrors, dimensions: [("reason", Self.metricReason(error))]).increment()
                logger.warning(
                    "sync failed",
                    metadata: ["failures": "\(failures)", "reason": "\(Synchronizer.describe(error))"]
                )
            }
            await roundDone.ring(.interval)
            let delay = failures == 0 ? interval : Self.backoff(failures: failures, cap: maxBackoff)
            // While the hub fails, only a local write or the backoff starts the next round.
            do {
                wakeups.note(try await nextWakeup(within: delay, doorbell: failures == 0 ? doorbell : nil))
            } catch let error where !(error is CancellationError) {
                // A wait that failed (the database busy for a moment) must not end the service,
                // and with it the node: the next round comes a second later.
                logger.warning("sync wait failed", metadata: ["reason": "\(Synchronizer.describe(error))"])
                try await Task.sleep(for: .seconds(1))
            }
        }
    }

    /// The background pass of chain-tail verification: what a pull left unchecked is checked
    /// between rounds, a page at a time, so that the log ends fully verified.
    func checkDeferredSignatures() async {
        do {
            let failed = try await synchronizer.node.store.checkAllDeferredSignatures().failed
            if !failed.isEmpty {
                logger.error("signatures that do not hold, quarantined", metadata: ["count": "\(failed.count)", "envelopes": "\(failed.prefix(20))"])
            }
        } catch {
            logger.warning("deferred signature check failed", metadata: ["reason": "\(Synchronizer.describe(error))"])
        }
    }

    /// A fixed word for the metrics (never the French sentence, which may name a record).
    static func metricReason(_ error: any Error) -> String {
        switch error {
        case SyncError.unreachable: "unreachable"
        case SyncError.refused: "refused"
        case let other where StorageFailure(other) != nil: "storage"
        default: "other"
        }
    }

    /// Waits for whichever comes first: the long-poll rang (the hub has something for us), our
    /// own chain grows, or `delay` passes.
    func nextWakeup(within delay: Duration, doorbell: Doorbell?) async throws -> Wakeup {
        if let rung = await doorbell?.take() { return rung }
        let deadline = ContinuousClock.now + delay
        let before = try synchronizer.node.store.head(origin: synchronizer.node.structureID)?.seq ?? 0
        return try await withThrowingTaskGroup(of: Wakeup.self) { group in
            group.addTask { try await waitForLocalWrite(after: before, until: deadline) }
            if let doorbell { group.addTask { await doorbell.wait() ?? .interval } }
            defer { group.cancelAll() }
            return try await group.next() ?? .interval
        }
    }

    /// `.localWrite` as soon as our chain is past `seq`: at once for a write of this process
    /// (observed on commit), within a second for another's; `.interval` at the deadline.
    func waitForLocalWrite(after seq: Int64, until deadline: ContinuousClock.Instant) async throws -> Wakeup {
        let store = synchronizer.node.store
        let origin = synchronizer.node.structureID
        while ContinuousClock.now < deadline {
            try await store.waitForOwnChain(origin: origin, past: seq, upTo: min(.seconds(1), deadline - ContinuousClock.now))
            if (try store.head(origin: origin)?.seq ?? 0) != seq {
                try await Task.sleep(for: .milliseconds(50))  // let a burst of writes finish
                return .localWrite
            }
        }
        return .interval
    }

    /// The long-poll, until cancelled: stores what the hub answers with, or, when that takes a
    /// round (more waiting, a new epoch, something refused or erased), rings `doorbell` and
    /// waits for the next round to end (it pulls from a newer cursor). A failed long-poll (hub
    /// unreachable) waits a little; a hub that answers at once (one that does not hold requests)
    /// is asked again only after the time asked for, never in a loop.
    func listen(wait: Duration, doorbell: Doorbell, roundDone: Doorbell) async {
        _ = await roundDone.wait()  // the first round
        while !Task.isCancelled {
            let started = ContinuousClock.now
            do {
                switch try await synchronizer.follow(wait: wait) {
                case .ingested:
                    wakeups.note(.followed)
                    await checkDeferredSignatures()
                    continue
                case .roundNeeded:
                    await doorbell.ring(.remoteChange)
                    _ = await roundDone.wait()
                    continue
                case .nothing:
                    if ContinuousClock.now - started < wait / 2 { try await Task.sleep(for: wait) }
                }
            } catch {
                try? await Task.sleep(for: Self.listenRetryDelay())
            }
        }
    }
}

/// One pending wake-up, rung by one task and taken by another: a ring with nobody waiting is
/// kept (the newest) for the next `wait` or `take`.
actor Doorbell {
    private var pending: SyncService.Wakeup?
    private var waiter: (id: UUID, continuation: CheckedContinuation<SyncService.Wakeup?, Never>)?

    func ring(_ wakeup: SyncService.Wakeup) {
        if let waiter {
            self.waiter = nil
            waiter.continuation.resume(returning: wakeup)
        } else {
            pending = wakeup
        }
    }

    func take() -> SyncService.Wakeup? {
        defer { pending = nil }
        return pending
    }

    /// The next ring (or the one pending); nil when the waiting task is cancelled.
    func wait() async -> SyncService.Wakeup? {
        if let rung = take() { return rung }
        let id = UUID()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if Task.isCancelled {
                    continuation.resume(returning: nil)
                } else {
                    waiter?.continuation.resume(returning: nil)
                    waiter = (id, continuation)
                }
            }
        } onCancel: {
            Task { await self.cancel(id) }
        }
    }

    private func cancel(_ id: UUID) {
        guard let waiter, waiter.id == id else { return }
        self.waiter = nil
        waiter.continuation.resume(returning: nil)
    }
}
