import Storage
import Synchronization

/// The wire form of recently served envelopes. Every member's long-poll asks for the same new
/// records: without this, a hub of 1,000 members Base64-encoded each of them 1,000 times
/// (docs/benchmark.md, "A hub for many nodes"). Keyed by envelope id and redaction, so an
/// erased envelope is never served from its earlier form. Two generations: when the current
/// one is full it becomes the previous one, and what was not asked for since is dropped.
final class WireLineCache: Sendable {
    private struct Generations {
        var current: [String: [UInt8]] = [:]
        var previous: [String: [UInt8]] = [:]
    }

    private let generations = Mutex(Generations())
    let capacity: Int

    init(capacity: Int = 4_096) {
        self.capacity = capacity
    }

    func line(for raw: RawEnvelope) -> [UInt8] {
        let key = raw.redactedBy.map { "\(raw.id)|\($0)" } ?? raw.id
        if let line = generations.withLock({ g -> [UInt8]? in
            if let line = g.current[key] { return line }
            guard let line = g.previous[key] else { return nil }
            g.current[key] = line
            return line
        }) {
            return line
        }
        let line = raw.wireLine
        generations.withLock { g in
            if g.current.count >= capacity {
                g.previous = g.current
                g.current = [:]
            }
            g.current[key] = line
        }
        return line
    }

    var count: Int { generations.withLock { $0.current.count + $0.previous.count } }
}
