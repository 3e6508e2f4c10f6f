import Records

/// The compatibility graph in arrays, for networks of thousands of wishes: structures and
/// wishes by index (wishes in id order), a reachability table, and cycles as wish indices.
struct CompactGraph {
    let wishes: [Wish]
    let structureIndex: [String: Int]
    let structureOfWish: [Int]
    /// For each wish, the structures it may discover and the best fit there, by structure index.
    let fits: [[(structure: Int, fit: Fit)]]
    let wishesOf: [[Int]]
    /// reach[w * structures + s]: the position in fits[w] of structure s, or -1.
    let reach: [Int32]
    let structureCount: Int
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
    }

    func fit(_ w: Int, to s: Int) -> Fit {
        fits[w][Int(reach[w * structureCount + s])].fit
    }

    /// Start day of wish w's stay in structure s.
    func start(_ w: Int, to s: Int) -> Int { startDays[w][Int(reach[w * structureCount + s])] }

    /// Every pair and cycle of three, as wish indices in cycle order (smallest first).
    func cycles() -> (pairs: [(Int32, Int32)], triples: [(Int32, Int32, Int32)]) {
        var pairs: [(Int32, Int32)] = [], triples: [(Int32, Int32, Int32)] = []
        let n = structureCount
        for a in wishes.indices {
            let sa = structureOfWish[a]
            for (sb, _) in fits[a] {
                for b in wishesOf[sb] where b > a {
                    if reach[b * n + sa] >= 0 { pairs.append((Int32(a), Int32(b))) }
                    for (sc, _) in fits[b] where sc != sa {
                        for c in wishesOf[sc] where c > a && reach[c * n + sa] >= 0 {
                            triples.append((Int32(a), Int32(b), Int32(c)))
                        }
                    }
                }
            }
        }
        return (pairs, triples)
    }

    /// The suggestion a cycle of wish indices stands for: each wish goes to the next one's structure.
    func suggestion(_ members: [Int]) -> Suggestion {
        let legs = members.indices.map { k -> Suggestion.Leg in
            let w = members[k], next = members[(k + 1) % members.count]
            let host = structureOfWish[next]
            let fit = fit(w, to: host)
            return Suggestion.Leg(wish: wishes[w].id, visitor: wishes[w].structure, host: wishes[next].structure, place: fit.place, period: fit.period)
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
