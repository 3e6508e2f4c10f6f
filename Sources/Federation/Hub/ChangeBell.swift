import Foundation

/// Wakes the long-polls of the changes feed (protocol/federation.md, "Long-poll"): the hub rings
/// it when a push commits, naming who may see what was committed; a member's long-poll waits
/// for a ring that concerns it, like CouchDB's `feed=longpoll` or Matrix's `/sync?timeout=`.
///
/// Rings are numbered. A caller reads the number before it looks at the feed, then waits for a
/// ring after it: a commit between the look and the wait is not missed.
actor ChangeBell {
    /// Who a commit concerns: every member (a `network` record) or some (the parties of a `parties` record).
    enum Audience: Sendable {
        case everyone
        case structures(Set<String>)
    }

    private var rings: UInt64 = 0
    /// Closed while the hub shuts down: held long-polls are answered at once, none is held.
    private var closed = false
    private var lastForEveryone: UInt64 = 0
    private var lastFor: [String: UInt64] = [:]
    private var waiters: [UUID: (structure: String, continuation: CheckedContinuation<Void, Never>)] = [:]

    /// How many long-polls are waiting (for `vmvp status` and the benchmarks).
    var waiting: Int { waiters.count }

    /// The number of the last ring: what a caller reads before it looks at the feed.
    var current: UInt64 { rings }

    func ring(_ audience: Audience) {
        rings += 1
        switch audience {
        case .everyone: lastForEveryone = rings
        case .structures(let structures): for structure in structures { lastFor[structure] = rings }
        }
        for (id, waiter) in waiters where concerns(waiter.structure, after: rings - 1) {
            waiters[id] = nil
            waiter.continuation.resume()
        }
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
    }

    func reopen() { closed = false }

    var isClosed: Bool { closed }

    /// Returns when a ring after `mark` concerns `structure`, or after `timeout`, or when the
    /// calling task is cancelled (the connection closed), whichever comes first.
    func wait(for structure: String, after mark: UInt64, timeout: Duration) async {
        if concerns(structure, after: mark) { return }
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
}
