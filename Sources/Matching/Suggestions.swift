import Records

/// One suggested exchange: an "accueil croisé" (two structures host each other's professional)
/// or a cycle of three (A's professional goes to B, B's to C, C's to A).
public struct Suggestion: Sendable, Hashable {
    /// One professional's move: the wish, from its structure to the host, on that offer and dates.
    public struct Leg: Sendable, Hashable {
        public let wish: String
        public let visitor: String
        public let host: String
        public let place: String
        public let period: Period
    }

    /// In cycle order, starting with the leg of the smallest wish id.
    public let legs: [Leg]
    public var isPair: Bool { legs.count == 2 }
    public var structures: [String] { legs.map(\.visitor) }
    var earliest: Int { legs.map(\.period.from.daysSinceEpoch).reduce(0, +) }
}

/// The suggestions of a network: every pair and cycle of three found, and a packing of them in
/// which each wish is used at most once and the number of professionals served is maximal
/// (docs/suggestions.md).
public struct SuggestionResult: Sendable {
    public let chosen: [Suggestion]
    public let pairsFound: Int
    public let cyclesOfThreeFound: Int
    /// True when no packing serves more professionals: every component was either searched
    /// exactly to the end (tie-breaks exact too) or packed up to its circulation bound (then
    /// the tie-breaks among equally large packings are followed greedily). False: the best
    /// packing found, at most `upperBound - professionalsServed` short.
    public let proven: Bool
    public let searchNodes: Int
    /// No packing serves more: the exact optimum of the components searched to the end, plus for
    /// the large ones the circulation bound (`CirculationBound`).
    public let upperBound: Int
    /// Time spent building the graph, finding the cycles, packing them.
    public let seconds: (graph: Double, cycles: Double, packing: Double)
    public var professionalsServed: Int { chosen.map(\.legs.count).reduce(0, +) }
}

public struct SuggestionEngine: Sendable {
    public let rules: CompatibilityRules
    /// Ledger balance per structure (days hosted minus sent): the last tie-break.
    public let balances: [String: Int]
    /// Branch-and-bound nodes allowed per connected component.
    public let budget: Int
    /// Components with more wishes than this are packed greedily then improved by local search,
    /// and proven best only if they reach the circulation bound: exact packing is NP-hard for
    /// cycles of three (docs/suggestions.md).
    public let exactLimit: Int
    /// Local-search passes over the idle wishes of large components.
    public let searchPasses: Int
    /// Large components of at most this many wishes that the local search leaves below their
    /// bound get a branch and bound on the number served, with this many nodes.
    public let provingLimit: Int
    public let provingBudget: Int

    public init(
        rules: CompatibilityRules = CompatibilityRules(),
        balances: [String: Int] = [:],
        budget: Int = 100_000,
        exactLimit: Int = 40,
        searchPasses: Int = 1,
        provingLimit: Int = 120,
        provingBudget: Int = 1_500
    ) {
        self.rules = rules
        self.balances = balances
        self.budget = budget
        self.exactLimit = exactLimit
        self.searchPasses = searchPasses
        self.provingLimit = provingLimit
        self.provingBudget = provingBudget
    }

    // MARK: The compatibility graph and its cycles

    /// For each wish, its best fit in each structure it may discover.
    public func arcs(_ wishes: [Wish], _ places: [Place]) -> [[String: Fit]] {
        // Offers with room, by sector, as indices: iterating copies of the offers would retain their strings.
        let open = places.indices.filter { places[$0].capacity > 0 }
        let bySector = Dictionary(grouping: open, by: { places[$0].sector })
        let chunks = min(16, max(1, wishes.count / 64 + 1))
        let parts = inParallel(chunks: chunks) { chunk in
            wishes[wishes.count * chunk / chunks..<wishes.count * (chunk + 1) / chunks].map { wish in
                let candidates = wish.sectors.isEmpty ? open : wish.sectors.sorted { $0.rawValue < $1.rawValue }.flatMap { bySector[$0] ?? [] }
                return best(for: wish, among: candidates, of: places)
            }
        }
        return parts.flatMap { $0 }
    }

    /// A wish's best fit in each structure it may discover, among the given offers.
    func best(for wish: Wish, among candidates: [Int], of places: [Place]) -> [String: Fit] {
        var best: [String: Fit] = [:]
        for i in candidates {
            guard let fit = rules.fit(wish, places[i]) else { continue }
            let structure = places[i].structure
            if let current = best[structure] {
                // Earliest dates, then more shared words, then the smaller offer id: one answer everywhere.
                let better = (fit.period.from, -fit.sharedWords, fit.place) < (current.period.from, -current.sharedWords, current.place)
                if !better { continue }
            }
            best[structure] = fit
        }
        return best
    }

    /// Every pair and cycle of three, exactly, each listed once.
    public func cycles(_ wishes: [Wish], arcs: [[String: Fit]]) -> [Suggestion] {
        var byStructure: [String: [Int]] = [:]
        for (i, wish) in wishes.enumerated() { byStructure[wish.structure, default: []].append(i) }
        func leg(_ i: Int, to host: String) -> Suggestion.Leg {
            let fit = arcs[i][host]!
            return Suggestion.Leg(wish: wishes[i].id, visitor: wishes[i].structure, host: host, place: fit.place, period: fit.period)
        }
        var found: [Suggestion] = []
        for a in wishes.indices {
            let sa = wishes[a].structure
            for sb in arcs[a].keys.sorted() {
                for b in byStructure[sb] ?? [] {
                    // Pairs: a → B and b → A; listed from the smaller wish id.
                    if arcs[b][sa] != nil, wishes[a].id < wishes[b].id {
                        found.append(Suggestion(legs: [leg(a, to: sb), leg(b, to: sa)]))
                    }
                    // Cycles of three: a → B, b → C, c → A, with a the smallest wish id of the three.
                    for sc in arcs[b].keys.sorted() where sc != sa && sc != sb {
                        for c in byStructure[sc] ?? [] where arcs[c][sa] != nil && wishes[a].id < wishes[b].id && wishes[a].id < wishes[c].id {
                            found.append(Suggestion(legs: [leg(a, to: sb), leg(b, to: sc), leg(c, to: sa)]))
                        }
                    }
                }
            }
        }
        return found
    }

    // MARK: Packing

    /// What makes one packing better than another, in order: professionals served, then more
    /// (so shorter) cycles, then earlier dates, then structures that have hosted more than they sent.
    struct Score: Comparable {
        var served = 0, cycles = 0, earliness = 0, balance = 0
        static func < (a: Score, b: Score) -> Bool {
            (a.served, a.cycles, a.earliness, a.balance) < (b.served, b.cycles, b.earliness, b.balance)
        }
        mutating func add(_ s: Suggestion, _ balances: [String: Int]) {
            served += s.legs.count
            cycles += 1
            earliness -= s.earliest
            balance += s.structures.map { balances[$0] ?? 0 }.reduce(0, +)
        }
    }

    public func run(_ wishes: [Wish], _ places: [Place]) -> SuggestionResult {
        let clock = ContinuousClock()
        let t0 = clock.now
        let graph = CompactGraph(wishes: wishes) { arcs($0, places) }
        let t1 = clock.now
        // Cycles as three columns of wish indices (-1: a pair), pairs first.
        let (m0, m1, m2, pairCount) = graph.cycles()
        let count = m0.count
        let t2 = clock.now
        func members(_ c: Int) -> [Int] { m2[c] < 0 ? [Int(m0[c]), Int(m1[c])] : [Int(m0[c]), Int(m1[c]), Int(m2[c])] }

        // Independent parts of the problem are solved apart: wishes linked through shared cycles.
        var sets = DisjointSets(count: graph.wishes.count)
        for c in 0..<count {
            sets.union(Int(m0[c]), Int(m1[c]))
            if m2[c] >= 0 { sets.union(Int(m0[c]), Int(m2[c])) }
        }
        // Looked up from a plain array: a union-find captured by a closure is checked for exclusive
        // access at every call, which cost a sixth of the benchmark.
        let componentOfWish = (0..<graph.wishes.count).map { sets.root($0) }
        func root(_ x: Int) -> Int { componentOfWish[x] }
        var degree = [Int](repeating: 0, count: graph.wishes.count)
        for c in 0..<count {
            degree[Int(m0[c])] += 1
            degree[Int(m1[c])] += 1
            if m2[c] >= 0 { degree[Int(m2[c])] += 1 }
        }
        var componentWishes = [Int](repeating: 0, count: graph.wishes.count)
        for w in graph.wishes.indices where degree[w] > 0 { componentWishes[root(w)] += 1 }
        // Cycles of small components grouped by component; those of large ones in one list.
        var componentOf: [Int: [Int]] = [:]
        var large: [Int] = []
        for c in 0..<count {
            let r = root(Int(m0[c]))
            if componentWishes[r] > exactLimit { large.append(c) } else { componentOf[r, default: []].append(c) }
        }

        var chosen: [Suggestion] = []
        var proven = true
        var nodes = 0
        var smallBound = 0
        var moved = false
        for key in componentOf.keys.sorted() {
            let result = pack(componentOf[key]!.map { graph.suggestion(members($0)) })
            nodes += result.nodes
            guard result.proven else {
                // The exact search ran out of budget: the component takes the large ones' path.
                large += componentOf[key]!
                moved = true
                continue
            }
            chosen += result.chosen
            smallBound += result.chosen.map(\.legs.count).reduce(0, +)
        }
        if moved { large.sort() }
        // Large components: greedy, local search, then the circulation bound; suggestions are
        // built only for the cycles kept.
        var largeBound = 0
        var largeServed = 0
        if !large.isEmpty {
            let order = greedyOrder(large, m0, m1, m2, degree: degree, graph: graph)
            var used = [Bool](repeating: false, count: graph.wishes.count)
            var greedy: [Int32] = []
            for c32 in order {
                let c = Int(c32)
                let a = Int(m0[c])
                let b = Int(m1[c])
                let t = Int(m2[c])
                guard !used[a], !used[b], t < 0 || !used[t] else { continue }
                used[a] = true
                used[b] = true
                if t >= 0 { used[t] = true }
                greedy.append(c32)
            }
            let search = PackingSearch(m0: m0, m1: m1, m2: m2, order: order, graph: graph)
            let packed = search.improve(greedy, maximumPasses: searchPasses).groups
            // Per component: the circulation bound, and for one of moderate size that the local
            // search left below it, a branch and bound on the number served.
            let (starts, byComponent) = groupedByRoot(large.map { root(Int(m0[$0])) }, values: large, keys: graph.wishes.count)
            var packedOf: [Int: [[Int]]] = [:]
            for m in packed { packedOf[root(m[0]), default: []].append(m) }
            for r in 0..<graph.wishes.count where starts[r] < starts[r + 1] {
                let cycles = Array(byComponent[starts[r]..<starts[r + 1]])
                var packing = packedOf[r] ?? []
                var bound = CirculationBound.value(over: cycles, m0, m1, m2, startingFrom: packing, graph: graph)
                if packing.map(\.count).reduce(0, +) < bound, componentWishes[r] <= provingLimit {
                    let proof = ServedSearch(m0: m0, m1: m1, m2: m2, graph: graph).run(cycles: cycles, incumbent: packing, budget: provingBudget)
                    nodes += proof.nodes
                    packing = proof.packing
                    if proof.proven { bound = packing.map(\.count).reduce(0, +) }
                }
                largeServed += packing.map(\.count).reduce(0, +)
                largeBound += bound
                chosen += packing.map(graph.suggestion)
            }
            proven = proven && largeServed == largeBound
        }
        let t3 = clock.now
        chosen.sort { ($0.legs[0].period.from, $0.legs[0].wish) < ($1.legs[0].period.from, $1.legs[0].wish) }
        return SuggestionResult(
            chosen: chosen,
            pairsFound: pairCount,
            cyclesOfThreeFound: count - pairCount,
            proven: proven,
            searchNodes: nodes,
            upperBound: smallBound + largeBound,
            seconds: (Self.seconds(t1 - t0), Self.seconds(t2 - t1), Self.seconds(t3 - t2))
        )
    }

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
