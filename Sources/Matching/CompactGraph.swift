import Dispatch
import Records
import Synchronization

/// The compatibility graph in arrays, for networks of thousands of wishes: structures and
/// wishes by index (wishes in id order), a reachability table, and cycles as wish indices.
struct CompactGraph: Sendable {
    let wishes: [Wish]
    let structureIndex: [String: Int]
    let structureOfWish: [Int]
    /// For each wish, the structures it may discover and the best fit there, by structure index.
    let fits: [[(structure: Int, fit: Fit)]]
    let wishesOf: [[Int]]
    /// reach[w * structures + s]: the position in fits[w] of structure s, or -1.
    let reach: [Int32]
    let structureCount: Int
    /// targets[w]: the structures of fits[w], as plain integers for the hot loops.
    let targets: [[Int]]
    /// startDays[w][k]: first day (days since 1970) of the stay fits[w][k] proposes.
    let startDays: [[Int]]

    init(wishes unsorted: [Wish], arcs: (([Wish]) -> [[String: Fit]])) {
        wishes = unsorted.sorted { $0.id < $1.id }
        var index: [String: Int] = [:]
        for w in wishes where index[w.structure] == nil { index[w.structure] = index.count }
        let byString = arcs(wishes)
        for fitsOfWish in byString { for s in fitsOfWish.keys where index[s] == nil { index[s] = index.count } }
        structureIndex = index
        structureCount = index.count
        structureOfWish = wishes.map { index[$0.structure]! }
        fits = byString.map { $0.map { (index[$0.key]!, $0.value) }.sorted { $0.0 < $1.0 } }
        var of = Array(repeating: [Int](), count: index.count)
        for (i, s) in structureOfWish.enumerated() { of[s].append(i) }
        wishesOf = of
        var reach = Array(repeating: Int32(-1), count: wishes.count * max(1, index.count))
        for (w, list) in fits.enumerated() { for (k, entry) in list.enumerated() { reach[w * index.count + entry.structure] = Int32(k) } }
        self.reach = reach
        startDays = fits.map { $0.map { $0.fit.period.from.daysSinceEpoch } }
        targets = fits.map { $0.map(\.structure) }
    }

    func fit(_ w: Int, to s: Int) -> Fit {
        fits[w][Int(reach[w * structureCount + s])].fit
    }

    /// Start day of wish w's stay in structure s.
    func start(_ w: Int, to s: Int) -> Int { startDays[w][Int(reach[w * structureCount + s])] }

    /// Every pair and cycle of three as three columns of wish indices in cycle order, smallest
    /// first (third column -1 for a pair), pairs first. Found in parallel over fixed ranges of
    /// the first wish, joined in order: the list is the same on any number of cores.
    func cycles() -> (m0: [Int32], m1: [Int32], m2: [Int32], pairs: Int) {
        let n = structureCount
        let chunks = min(64, max(1, wishes.count))
        // Flat lists (start offsets + values): nested arrays would be retained at every loop.
        func flat(_ lists: [[Int]]) -> (start: [Int], values: [Int32]) {
            var start = [0]
            for l in lists { start.append(start.last! + l.count) }
            return (start, lists.flatMap { $0.map(Int32.init) })
        }
        let (targetStart, targetList) = flat(targets)
        let (memberStart, memberList) = flat(wishesOf)
        let found = inParallel(chunks: chunks) { chunk -> (pairs: [Int32], triples: [Int32]) in
            var pairs: [Int32] = []
            var triples: [Int32] = []
            targetList.withUnsafeBufferPointer { targets in
                memberList.withUnsafeBufferPointer { members in
                    reach.withUnsafeBufferPointer { reach in
                        structureOfWish.withUnsafeBufferPointer { structureOf in
                            for a in wishes.count * chunk / chunks..<wishes.count * (chunk + 1) / chunks {
                                let sa = structureOf[a]
                                for k in targetStart[a]..<targetStart[a + 1] {
                                    let sb = Int(targets[k])
                                    for m in memberStart[sb]..<memberStart[sb + 1] {
                                        let b = Int(members[m])
                                        guard b > a else { continue }
                                        if reach[b * n + sa] >= 0 {
                                            pairs.append(Int32(a))
                                            pairs.append(Int32(b))
                                        }
                                        for k2 in targetStart[b]..<targetStart[b + 1] {
                                            let sc = Int(targets[k2])
                                            guard sc != sa else { continue }
                                            for m2 in memberStart[sc]..<memberStart[sc + 1] {
                                                let c = Int(members[m2])
                                                if c > a && reach[c * n + sa] >= 0 {
                                                    triples.append(Int32(a))
                                                    triples.append(Int32(b))
                                                    triples.append(Int32(c))
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            return (pairs, triples)
        }
        let pairCount = found.map { $0.pairs.count / 2 }.reduce(0, +)
        let count = pairCount + found.map { $0.triples.count / 3 }.reduce(0, +)
        var m0 = [Int32]()
        var m1 = [Int32]()
        var m2 = [Int32]()
        m0.reserveCapacity(count)
        m1.reserveCapacity(count)
        m2.reserveCapacity(count)
        for part in found {
            for k in stride(from: 0, to: part.pairs.count, by: 2) {
                m0.append(part.pairs[k])
                m1.append(part.pairs[k + 1])
                m2.append(-1)
            }
        }
        for part in found {
            for k in stride(from: 0, to: part.triples.count, by: 3) {
                m0.append(part.triples[k])
                m1.append(part.triples[k + 1])
                m2.append(part.triples[k + 2])
            }
        }
        return (m0, m1, m2, pairCount)
    }

    /// The suggestion a cycle of wish indices stands for: each wish goes to the next one's structure.
    func suggestion(_ members: [Int]) -> Suggestion {
        let legs = members.indices.map { k -> Suggestion.Leg in
            let w = members[k]
            let next = members[(k + 1) % members.count]
            let host = structureOfWish[next]
            let fit = fit(w, to: host)
            return Suggestion.Leg(
                wish: wishes[w].id,
                visitor: wishes[w].structure,
                host: wishes[next].structure,
                place: fit.place,
                period: fit.period
            )
        }
        return Suggestion(legs: legs)
    }
}

extension Array where Element == UInt64 {
    /// Least-significant-digit radix sort, 16 bits a pass (passes where every key has the same
    /// digit are skipped): a million keys in a few milliseconds, where a comparison sort needs
    /// a fifth of the suggestions' time budget.
    mutating func radixSort() {
        guard count > 1 else { return }
        var buffer = [UInt64](repeating: 0, count: count)
        var counts = [Int](repeating: 0, count: 1 << 16 + 1)
        for shift in stride(from: UInt64(0), to: 64, by: 16) {
            for i in counts.indices { counts[i] = 0 }
            for key in self { counts[Int((key >> shift) & 0xFFFF) + 1] += 1 }
            if counts.contains(count) { continue }
            for i in 1..<counts.count { counts[i] += counts[i - 1] }
            for key in self {
                let digit = Int((key >> shift) & 0xFFFF)
                buffer[counts[digit]] = key
                counts[digit] += 1
            }
            swap(&self, &buffer)
        }
    }
}

/// Runs `body` for each chunk on the machine's cores and returns the results in chunk order,
/// so the outcome never depends on the number of cores or on scheduling.
func inParallel<T: Sendable>(chunks: Int, _ body: @Sendable (Int) -> T) -> [T] {
    let results = Mutex<[Int: T]>([:])
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
        let result = body(chunk)
        results.withLock { $0[chunk] = result }
    }
    return results.withLock { done in (0..<chunks).map { done[$0]! } }
}
