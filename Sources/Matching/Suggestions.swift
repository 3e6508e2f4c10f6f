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

}
