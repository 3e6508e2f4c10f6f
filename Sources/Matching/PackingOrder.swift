import Records

/// How the engine orders and packs cycles: the greedy's keys, grouping by component, the
/// exact search of small components.
extension SuggestionEngine {
    /// The greedy's order for large components: cycles whose wishes have the fewest alternatives
    /// first, then cycles of three, then earlier dates, then better balances, then the index.
    /// Keys are packed in one integer: sorting a million tuples would take most of the time budget.
    func greedyOrder(_ cycles: [Int], _ m0: [Int32], _ m1: [Int32], _ m2: [Int32], degree: [Int], graph: CompactGraph) -> [Int32] {
        let of = graph.structureOfWish
        let firstDay = graph.startDays.lazy.flatMap { $0 }.min() ?? 0
        // Days from the first, flat by wish and structure: nested arrays would be retained per lookup.
        let n = graph.structureCount
        var days = [UInt32](repeating: 0, count: graph.wishes.count * max(1, n))
        for (w, list) in graph.targets.enumerated() {
            for (k, s) in list.enumerated() { days[w * n + s] = UInt32(graph.startDays[w][k] - firstDay) }
        }
        func day(_ w: Int, _ next: Int) -> UInt64 { UInt64(days[w * n + of[next]]) }
        // One 64-bit key: 16 bits of alternatives, 1 for pairs, 26 of days, 21 of cycle index.
        let indexBits: UInt64 = 21
        var keys: [UInt64] = []
        keys.reserveCapacity(cycles.count)
        for c in cycles {
            let a = Int(m0[c])
            let b = Int(m1[c])
            let t = Int(m2[c])
            let alternatives = t < 0 ? degree[a] + degree[b] - 2 : degree[a] + degree[b] + degree[t] - 3
            let (pairFlag, days): (UInt64, UInt64) = t < 0 ? (1, day(a, b) + day(b, a)) : (0, day(a, b) + day(b, t) + day(t, a))
            keys.append(UInt64(min(alternatives, 0xFFFF)) << 48 | pairFlag << 47 | min(days, (1 << 26) - 1) << indexBits)
        }
        var keyed: [(key: UInt64, cycle: Int32)]
        if cycles.count < 1 << indexBits {
            var packed = keys.enumerated().map { $1 | UInt64($0) }
            packed.radixSort()
            let mask: UInt64 = (1 << indexBits) - 1
            keyed = packed.map { ($0 & ~mask, Int32(cycles[Int($0 & mask)])) }
        } else {
            keyed = zip(keys, cycles).map { ($0, Int32($1)) }
            keyed.sort { ($0.key, $0.cycle) < ($1.key, $1.cycle) }
        }
        guard !balances.isEmpty else { return keyed.map(\.cycle) }
        // Equal keys: structures that have hosted more than they sent first.
        func balance(_ c: Int32) -> Int {
            [m0[Int(c)], m1[Int(c)], m2[Int(c)]].filter { $0 >= 0 }.map { balances[graph.wishes[Int($0)].structure] ?? 0 }.reduce(0, +)
        }
        var result: [Int32] = []
        result.reserveCapacity(keyed.count)
        var i = 0
        while i < keyed.count {
            var j = i + 1
            while j < keyed.count, keyed[j].key == keyed[i].key { j += 1 }
            if j - i == 1 {
                result.append(keyed[i].cycle)
            } else {
                result += keyed[i..<j].map { ($0.cycle, balance($0.cycle)) }.sorted { ($1.1, $0.0) < ($0.1, $1.0) }.map(\.0)
            }
            i = j
        }
        return result
    }

    /// Values grouped by key (keys in 0..<keys), in their order: offsets and the grouped values.
    func groupedByRoot(_ keyOf: [Int], values: [Int], keys: Int) -> (starts: [Int], grouped: [Int]) {
        var starts = [Int](repeating: 0, count: keys + 1)
        for k in keyOf { starts[k + 1] += 1 }
        for i in 0..<keys { starts[i + 1] += starts[i] }
        var fill = starts
        var grouped = [Int](repeating: 0, count: values.count)
        for (i, k) in keyOf.enumerated() {
            grouped[fill[k]] = values[i]
            fill[k] += 1
        }
        return (starts, grouped)
    }

    static func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }

    /// A good packing fast: cycles whose wishes have the fewest alternatives first, then the
    /// larger, earlier and better-balanced ones; each taken if its wishes are still free.
    func greedy(_ candidates: [Suggestion]) -> [Int] {
        var degree: [String: Int] = [:]
        for c in candidates { for leg in c.legs { degree[leg.wish, default: 0] += 1 } }
        let keyed = candidates.indices.map { i -> (Int, Int, Int, Int, Int) in
            let c = candidates[i]
            var score = Score()
            score.add(c, balances)
            return (c.legs.map { degree[$0.wish]! }.reduce(0, +) - 3 * c.legs.count, -score.served, -score.earliness, -score.balance, i)
        }.sorted { $0 < $1 }
        var used = Set<String>()
        var chosen: [Int] = []
        for key in keyed {
            let wishes = candidates[key.4].legs.map(\.wish)
            guard wishes.allSatisfy({ !used.contains($0) }) else { continue }
            used.formUnion(wishes)
            chosen.append(key.4)
        }
        return chosen
    }

    /// Exact branch and bound over one component: take the uncovered wish with the fewest
    /// possible cycles, try each of them, or leave it out. Bound: every wish still coverable
    /// served. Starts from the greedy packing; a large component keeps the greedy one.
    func pack(_ candidates: [Suggestion]) -> (chosen: [Suggestion], proven: Bool, nodes: Int) {
        let start = greedy(candidates)
        if Set(candidates.flatMap { $0.legs.map(\.wish) }).count > exactLimit {
            return (start.map { candidates[$0] }, false, 0)
        }
        let ids = Array(Set(candidates.flatMap { $0.legs.map(\.wish) })).sorted()
        let index = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        let members = candidates.map { $0.legs.map { index[$0.wish]! } }
        var cyclesOf = Array(repeating: [Int](), count: ids.count)
        for (c, m) in members.enumerated() { for w in m { cyclesOf[w].append(c) } }
        // Better cycles first, so good packings are found early and prune the rest.
        let order = candidates.indices.sorted { a, b in
            var sa = Score()
            var sb = Score()
            sa.add(candidates[a], balances)
            sb.add(candidates[b], balances)
            return (sa.served, sa.earliness, sa.balance, b) > (sb.served, sb.earliness, sb.balance, a)
        }
        let rank = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        for w in cyclesOf.indices { cyclesOf[w].sort { rank[$0]! < rank[$1]! } }

        var used = Array(repeating: false, count: ids.count)
        var skipped = Array(repeating: false, count: ids.count)
        var current: [Int] = []
        var score = Score()
        var initial = Score()
        for c in start { initial.add(candidates[c], balances) }
        var best: (score: Score, chosen: [Int])? = (initial, start)
        var nodes = 0
        var exhausted = false

        func feasible(_ c: Int) -> Bool { members[c].allSatisfy { !used[$0] && !skipped[$0] } }

        func search() {
            nodes += 1
            if nodes > budget {
                exhausted = true
                return
            }
            var coverable = 0
            var pick: Int?
            var pickCount = Int.max
            for w in ids.indices where !used[w] && !skipped[w] {
                let count = cyclesOf[w].lazy.filter(feasible).count
                guard count > 0 else { continue }
                coverable += 1
                if count < pickCount {
                    pick = w
                    pickCount = count
                }
            }
            if let best, score.served + coverable < best.score.served { return }
            guard let w = pick else {
                // Equal scores: the smaller list of cycle positions, so the answer does not depend on the search order.
                if best.map({ $0.score < score || ($0.score == score && current.sorted().lexicographicallyPrecedes($0.chosen.sorted())) }) ?? true {
                    best = (score, current)
                }
                return
            }
            for c in cyclesOf[w] where feasible(c) {
                let saved = score
                for m in members[c] { used[m] = true }
                current.append(c)
                score.add(candidates[c], balances)
                search()
                score = saved
                current.removeLast()
                for m in members[c] { used[m] = false }
                if exhausted { return }
            }
            skipped[w] = true
            search()
            skipped[w] = false
        }
        search()
        return ((best?.chosen ?? []).map { candidates[$0] }, !exhausted, nodes)
    }
}

/// Union–find with path halving: the connected components of the cycles.
struct DisjointSets {
    var parent: [Int]
    init(count: Int) { parent = Array(0..<count) }
    mutating func root(_ x: Int) -> Int {
        var x = x
        while parent[x] != x {
            parent[x] = parent[parent[x]]
            x = parent[x]
        }
        return x
    }
    mutating func union(_ a: Int, _ b: Int) { parent[root(b)] = root(a) }
}
