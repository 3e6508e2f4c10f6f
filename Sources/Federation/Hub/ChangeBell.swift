import Foundation
import Synchronization

/// Wakes the long-polls of the changes feed (protocol/federation.md, "Long-poll"): the hub rings
/// it when a push commits, naming who may see what was committed; a member's long-poll waits
/// for a ring that concerns it, like CouchDB's `feed=longpoll` or Matrix's `/sync?timeout=`.
///
/// Rings are numbered. A caller reads the number before it looks at the feed, then waits for a
/// ring after it: a commit between the look and the wait is not missed.
///
/// What the hub writes without a push (the directory and rules, from its site or from a command
/// run in another process) rings no one: one watcher for the whole hub reads the log's position
/// every second while long-polls are held, and rings everyone when it stayed past what was rung
/// from one reading to the next (so within two seconds).
/// Held long-polls cost nothing while nothing happens (no read per waiter).
actor ChangeBell {
    /// Who a commit concerns: every member (a `network` record) or some (the parties of a `parties` record).
    enum Audience: Sendable {
        case everyone
        case structures(Set<String>)
    }

    private var rings: UInt64 = 0 {
        didSet { ringCount.store(rings, ordering: .releasing) }
    }
    /// Closed while the hub shuts down: held long-polls are answered at once, none is held.
    private var closed = false {
        didSet { closedFlag.store(closed, ordering: .releasing) }
    }
    /// `rings` and `closed`, readable without a hop to the actor: a long-poll reads both for
    /// every answer, and each hop back from the actor queued it behind every answer a ring woke.
    /// A reading that lags the actor is safe: `wait` checks against the actor's own state.
    private nonisolated let ringCount = Atomic<UInt64>(0)
    private nonisolated let closedFlag = Atomic<Bool>(false)
    private var lastForEveryone: UInt64 = 0
    private var lastFor: [String: UInt64] = [:]
    private var waiters: [UUID: (structure: String, continuation: CheckedContinuation<Void, Never>)] = [:]

    /// The log's position, read by the watcher; the highest position a ring accounted for.
    private let position: @Sendable () throws -> Int64
    private var rungPosition: Int64 = 0
    private var watcher: Task<Void, Never>?
    private let watchInterval: Duration

    init(position: @escaping @Sendable () throws -> Int64, watchInterval: Duration = .seconds(1)) {
        self.position = position
        self.watchInterval = watchInterval
    }

    /// How many long-polls are waiting (for `vmvp status` and the benchmarks).
    var waiting: Int { waiters.count }

    /// The number of the last ring: what a caller reads before it looks at the feed.
    nonisolated var current: UInt64 { ringCount.load(ordering: .acquiring) }

    /// Rings for a commit that brought the log to `upTo` (when known).
    func ring(_ audience: Audience, upTo logPosition: Int64? = nil) {
        rings += 1
        if let logPosition { rungPosition = max(rungPosition, logPosition) }
        switch audience {
        case .everyone: lastForEveryone = rings
        case .structures(let structures): for structure in structures { lastFor[structure] = rings }
        }
        for (id, waiter) in waiters where concerns(waiter.structure, after: rings - 1) {
            waiters[id] = nil
            waiter.continuation.resume()
        }
    }

    /// A commit that concerns nobody (records kept but not relayed) still moved the log.
    func account(upTo logPosition: Int64) {
        rungPosition = max(rungPosition, logPosition)
    }

    /// Whether a ring after `mark` concerns `structure` (or the bell is closed).
    private func concerns(_ structure: String, after mark: UInt64) -> Bool {
        closed || lastForEveryone > mark || (lastFor[structure] ?? 0) > mark
    }

    /// Answers every held long-poll now and holds none until `reopen`: a graceful shutdown
    /// does not wait for their timeouts.
    func close() {
        closed = true
        for (id, waiter) in waiters {
            waiters[id] = nil
            waiter.continuation.resume()
        }
        watcher?.cancel()
        watcher = nil
    }

    func reopen() { closed = false }

    nonisolated var isClosed: Bool { closedFlag.load(ordering: .acquiring) }

    /// Returns when a ring after `mark` concerns `structure`, or after `timeout`, or when the
    /// calling task is cancelled (the connection closed), whichever comes first.
    func wait(for structure: String, after mark: UInt64, timeout: Duration) async {
        if concerns(structure, after: mark) { return }
        startWatcher()
        let id = UUID()
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.park(id, structure: structure, after: mark) }
            group.addTask {
                try? await Task.sleep(for: timeout)
                await self.release(id)
            }
            await group.next()
            group.cancelAll()
            release(id)
        }
    }

    private func park(_ id: UUID, structure: String, after mark: UInt64) async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                // Checked again here: a ring may have come while this task was being started.
                if Task.isCancelled || concerns(structure, after: mark) {
                    continuation.resume()
                } else {
                    waiters[id] = (structure, continuation)
                }
            }
        } onCancel: {
            Task { await self.release(id) }
        }
    }

    private func release(_ id: UUID) {
        waiters.removeValue(forKey: id)?.continuation.resume()
    }

    /// One reader of the log's position for every held long-poll. Its first reading is the
    /// baseline; afterwards a position past the last rung one is a write nobody rang for.
    private func startWatcher() {
        guard watcher == nil, !closed else { return }
        if let now = try? position() { rungPosition = max(rungPosition, now) }
        watcher = Task { [watchInterval] in
            while !Task.isCancelled {
                try? await Task.sleep(for: watchInterval)
                self.look()
            }
        }
    }

    /// A position seen past the rung one at the previous look.
    private var unrungSeen: Int64?

    /// Rings everyone for a write still unaccounted for a whole interval after it was seen: a
    /// push commits before it rings, and a look between the two must not wake every held
    /// long-poll (a thousand of them, each reading the feed to find nothing new).
    func look() {
        guard !waiters.isEmpty, let now = try? position() else { return }
        if let seen = unrungSeen, seen > rungPosition { ring(.everyone, upTo: seen) }
        unrungSeen = now > rungPosition ? now : nil
    }
}
