import Storage
import Synchronization

/// The newest rows of the hub's log, in memory, to answer the long-polls a push wakes. A push
/// that concerns everyone wakes every held request at once: each used to read its page in a
/// read transaction of its own (17 % of the hub's CPU at 1,000 members, docs/benchmark.md); now
/// the first reads the new rows once and every other is answered from them.
///
/// It answers only for `since` within what it holds, exactly as `RecordStore.changes` would
/// (tested against it); anything older is read from the database. A redaction erases rows
/// already held here, so one among the new rows empties the copy: what was read before it is
/// never served again.
final class FeedTail: Sendable {
    private struct Entry {
        let row: FeedRow
        var position: Int64 { row.position }
    }

    private struct State {
        var entries: [Entry] = []
        /// Every servable row after `start`, up to `end`, is in `entries`.
        var start: Int64 = 0
        var end: Int64 = 0
        /// The bell's count of rings when the rows were last read (nil: never read).
        var mark: UInt64?
    }

    private let state = Mutex(State())
    private let store: RecordStore
    let capacity: Int

    init(store: RecordStore, capacity: Int = 4_096) {
        self.store = store
        self.capacity = capacity
    }

    /// The page `RecordStore.changes` would give, or nil when `since` is older than what is
    /// held. `mark` is the bell's count of rings: when it moved, the new rows are read first.
    func page(for structure: String, since: Int64, limit: Int, maxBytes: Int, mark: UInt64) throws -> ChangesPage? {
        try state.withLock { state -> ChangesPage? in
            if state.mark != mark {
                try refresh(&state)
                state.mark = mark
            }
            guard since >= state.start else { return nil }
            var raw: [RawEnvelope] = []
            var bytes = 0
            var next = since
            var more = false
            let first = Self.firstIndex(after: since, in: state.entries)
            for entry in state.entries[first...] {
                let row = entry.row
                guard row.origin != structure, row.network || row.recipients.contains(structure) else { continue }
                // Bounded by count and by bytes; a page always holds at least one envelope.
                if raw.count == limit || (!raw.isEmpty && bytes + row.size > maxBytes) {
                    more = true
                    break
                }
                raw.append(row.raw)
                bytes += row.size
                next = row.position
            }
            return ChangesPage(raw: raw, next: next, more: more)
        }
    }

    private func refresh(_ state: inout State) throws {
        if state.mark == nil {
            // Held from now on: older positions are read from the database.
            state.end = try store.logPosition()
            state.start = state.end
        }
        while true {
            let rows = try store.feedRows(after: state.end, limit: capacity)
            guard let last = rows.last else { break }
            if rows.contains(where: \.isRedaction) {
                state.entries.removeAll()
                state.start = last.position
            } else {
                state.entries += rows.filter(\.servable).map(Entry.init)
            }
            state.end = last.position
            if rows.count < capacity { break }
        }
        if state.entries.count > capacity {
            let dropped = state.entries.count - capacity
            state.start = state.entries[dropped - 1].position
            state.entries.removeFirst(dropped)
        }
    }

    /// The index of the first entry past `since` (entries are in log order).
    private static func firstIndex(after since: Int64, in entries: [Entry]) -> Int {
        var low = 0
        var high = entries.count
        while low < high {
            let mid = (low + high) / 2
            if entries[mid].position <= since { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
