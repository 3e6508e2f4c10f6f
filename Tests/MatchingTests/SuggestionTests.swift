import Testing

@testable import Matching
@testable import Records

@Suite("Compatibility rules")
struct CompatibilityTests {
    static let march = Period(from: Day("2027-03-01")!, to: Day("2027-03-31")!)
    static func wish(
        _ structure: String = "A",
        commune: String = "Montpellier",
        sectors: Set<Sector> = [.sanitaire],
        periods: [Period] = [march],
        halfDays: Int = 4
    ) -> Wish {
        Wish(
            id: "w-\(structure)",
            structure: structure,
            commune: commune,
            sectors: sectors,
            periods: periods,
            durationHalfDays: halfDays,
            text: "Découvrir l'accueil infirmier et la réunion clinique"
        )
    }
    static func place(
        _ structure: String = "B",
        sector: Sector = .sanitaire,
        commune: String = "Sète",
        periods: [Period] = [march],
        halfDays: Int = 4,
        capacity: Int = 1
    ) -> Place {
        Place(
            id: "o-\(structure)",
            structure: structure,
            sector: sector,
            commune: commune,
            periods: periods,
            durationHalfDays: halfDays,
            capacity: capacity,
            text: "Premier accueil infirmier, réunion clinique du mardi"
        )
    }

    @Test func aWishFitsAnOfferOfAWantedSectorWithDatesInCommon() throws {
        let fit = try #require(CompatibilityRules().fit(Self.wish(), Self.place()))
        #expect(fit.period == Period(from: Day("2027-03-01")!, to: Day("2027-03-02")!), "the earliest dates, as long as the stay")
        #expect(fit.sharedWords >= 3)
    }

    @Test func eachHardRuleExcludes() {
        let rules = CompatibilityRules(maximumDistanceKm: 40)
        #expect(rules.fit(Self.wish(), Self.place("A")) == nil, "not at home")
        #expect(rules.fit(Self.wish(sectors: [.judiciaire]), Self.place()) == nil, "a sector not wanted")
        #expect(rules.fit(Self.wish(), Self.place(capacity: 0)) == nil, "no room left")
        #expect(rules.fit(Self.wish(halfDays: 10), Self.place(halfDays: 2)) == nil, "durations too far apart")
        let oneDay = Period(from: Day("2027-03-31")!, to: Day("2027-04-30")!)
        #expect(rules.fit(Self.wish(periods: [oneDay]), Self.place()) == nil, "one day in common for a two-day stay")
        #expect(rules.fit(Self.wish(commune: "Béziers"), Self.place(commune: "Lunel")) == nil, "Béziers–Lunel is more than 40 km")
        #expect(rules.fit(Self.wish(commune: "Saint-Gély-du-Fesc"), Self.place(commune: "Montpellier")) != nil)
        #expect(rules.fit(Self.wish(commune: "Béziers"), Self.place(commune: "Une commune inconnue")) != nil, "unknown communes are not ruled out")
    }

    @Test func distancesBetweenHeraultCommunes() throws {
        let d = try #require(Communes.distance("Montpellier", "Béziers"))
        #expect((55...65).contains(d))
        #expect(Communes.distance("Sète", "sete") == 0)
        #expect(Communes.distance("Clermont-l'Hérault", "Lodève").map { $0 < 15 } == true)
    }
}

@Suite("Exchange suggestions: cycles and packing")
struct SuggestionTests {
    static let period = Period(from: Day("2027-03-01")!, to: Day("2027-06-30")!)

    /// A wish of `structure` wanting `sector`; every structure's offer is of the structure's own sector.
    static func wish(_ id: String, _ structure: String, wants sector: Sector) -> Wish {
        Wish(id: id, structure: structure, commune: "Montpellier", sectors: [sector], periods: [period], durationHalfDays: 4, text: "")
    }
    static func place(_ structure: String, _ sector: Sector) -> Place {
        Place(
            id: "offre-\(structure)",
            structure: structure,
            sector: sector,
            commune: "Montpellier",
            periods: [period],
            durationHalfDays: 4,
            capacity: 2,
            text: ""
        )
    }

    @Test func pairsAndCyclesOfThreeAreFoundOnce() {
        // A (health) ↔ B (school): a pair. A → C (justice) → D (social) → A: a cycle of three.
        let places = [Self.place("A", .sanitaire), Self.place("B", .educatif), Self.place("C", .judiciaire), Self.place("D", .social)]
        let wishes = [
            Self.wish("a1", "A", wants: .educatif), Self.wish("b1", "B", wants: .sanitaire),
            Self.wish("a2", "A", wants: .judiciaire), Self.wish("c1", "C", wants: .social), Self.wish("d1", "D", wants: .sanitaire),
        ]
        let engine = SuggestionEngine()
        let cycles = engine.cycles(wishes, arcs: engine.arcs(wishes, places))
        #expect(cycles.filter(\.isPair).map { $0.legs.map(\.wish) } == [["a1", "b1"]])
        #expect(cycles.filter { !$0.isPair }.map { $0.legs.map(\.wish) } == [["a2", "c1", "d1"]])
        let result = engine.run(wishes, places)
        #expect(result.professionalsServed == 5 && result.proven)
        let cycle = result.chosen.first { !$0.isPair }!
        #expect(cycle.legs.map(\.host) == ["C", "D", "A"], "a2 goes to C, c1 to D, d1 to A")
    }

    @Test func aWishIsUsedOnceAndTheLargerServiceWins() {
        // b1 could pair with a1 or join the cycle a2 → B → C → A: the cycle serves three.
        let places = [Self.place("A", .sanitaire), Self.place("B", .educatif), Self.place("C", .judiciaire)]
        let wishes = [Self.wish("a1", "A", wants: .educatif), Self.wish("b1", "B", wants: .judiciaire), Self.wish("c1", "C", wants: .sanitaire)]
        let result = SuggestionEngine().run(wishes, places)
        #expect(result.professionalsServed == 3)
        #expect(Set(result.chosen.flatMap { $0.legs.map(\.wish) }).count == result.professionalsServed)
    }

    @Test func atEqualServiceShorterCyclesWin() {
        // Six wishes: three pairs, or two cycles of three — the pairs win.
        let sectors: [Sector] = [.sanitaire, .educatif, .judiciaire, .social, .culturel, .medicoSocial]
        let places = zip(["A", "B", "C", "D", "E", "F"], sectors).map { Self.place($0, $1) }
        var wishes: [Wish] = []
        for (x, y) in [("A", "B"), ("C", "D"), ("E", "F")] {
            wishes.append(
                Wish(
                    id: "\(x)\(y)",
                    structure: x,
                    commune: "Montpellier",
                    sectors: Set(sectors),
                    periods: [Self.period],
                    durationHalfDays: 4,
                    text: ""
                )
            )
            wishes.append(
                Wish(
                    id: "\(y)\(x)",
                    structure: y,
                    commune: "Montpellier",
                    sectors: Set(sectors),
                    periods: [Self.period],
                    durationHalfDays: 4,
                    text: ""
                )
            )
        }
        let result = SuggestionEngine().run(wishes, places)
        #expect(result.professionalsServed == 6)
        #expect(result.chosen.allSatisfy { $0.isPair })
    }

    /// 3 to 7 structures, one offer each, and a few wishes each for one to three sectors.
    static func randomNetwork(
        _ rng: inout SeededGenerator,
        wishesPerStructure: ClosedRange<Int>
    ) -> (structures: [String], wishes: [Wish], places: [Place]) {
        let sectors = Sector.allCases
        let structures = (0..<Int(rng.next() % 5 + 3)).map { "S\($0)" }
        let places = structures.enumerated().map { place($1, sectors[$0 % sectors.count]) }
        var wishes: [Wish] = []
        for s in structures {
            for k in 0..<(wishesPerStructure.lowerBound + Int(rng.next() % UInt64(wishesPerStructure.count))) {
                let wanted = Set((0..<Int(rng.next() % 3 + 1)).map { _ in sectors[Int(rng.next() % UInt64(structures.count)) % sectors.count] })
                let start = Day("2027-03-01")!.adding(days: Int(rng.next() % 60))
                wishes.append(
                    Wish(
                        id: "\(s)-\(k)",
                        structure: s,
                        commune: "Montpellier",
                        sectors: wanted,
                        periods: [Period(from: start, to: start.adding(days: 20))],
                        durationHalfDays: 4,
                        text: ""
                    )
                )
            }
        }
        return (structures, wishes, places)
    }

    /// The packing against brute force, on random small networks.
    @Test func packingMatchesBruteForceOnRandomNetworks() {
        var rng = SeededGenerator(seed: 20_271_127)
        var checked = 0
        for _ in 0..<150 {
            let (structures, wishes, places) = Self.randomNetwork(&rng, wishesPerStructure: 0...2)
            let balances = Dictionary(uniqueKeysWithValues: structures.map { ($0, Int(rng.next() % 7) - 3) })
            let engine = SuggestionEngine(balances: balances)
            let candidates = engine.cycles(wishes, arcs: engine.arcs(wishes, places))
            guard candidates.count <= 18 else { continue }
            let packed = engine.pack(candidates)
            #expect(packed.proven)
            #expect(score(packed.chosen, engine) == bruteForce(candidates, engine), "\(candidates.count) candidates")
            checked += 1
        }
        #expect(checked > 100)
    }

    /// The path taken by large components (greedy, local search, circulation bound, branch and
    /// bound on the number served), forced on random small networks and checked against brute
    /// force: a valid packing, never above the optimum, a bound never below it, "proven" only
    /// when it is reached; the local search serves more than the greedy somewhere, the bound is
    /// below the count of wishes on some cycle somewhere, and the branch and bound reaches the
    /// optimum everywhere, including where the greedy stopped below the bound.
    @Test func largeComponentPathAgainstBruteForce() {
        var rng = SeededGenerator(seed: 20_271_128)
        var checked = 0
        var searchGained = 0
        var boundTighter = 0
        var branchedProofs = 0
        for _ in 0..<300 {
            let (_, wishes, places) = Self.randomNetwork(&rng, wishesPerStructure: 0...3)
            let exact = SuggestionEngine()
            let candidates = exact.cycles(wishes, arcs: exact.arcs(wishes, places))
            guard !candidates.isEmpty, candidates.count <= 18 else { continue }
            let optimum = bruteForce(candidates, exact).served
            let searched = SuggestionEngine(exactLimit: 0, searchPasses: 5, provingLimit: 0).run(wishes, places)
            let greedy = SuggestionEngine(exactLimit: 0, searchPasses: 0, provingLimit: 0).run(wishes, places)
            // The branch and bound on the number served, from the greedy packing.
            let branched = SuggestionEngine(exactLimit: 0, searchPasses: 0, provingLimit: 1000, provingBudget: 100_000).run(wishes, places)
            #expect(branched.proven)
            #expect(branched.professionalsServed == optimum && branched.upperBound == optimum)
            if greedy.professionalsServed < greedy.upperBound { branchedProofs += 1 }
            let known = Set(candidates.map { Set($0.legs.map(\.wish)) })
            #expect(searched.chosen.allSatisfy { known.contains(Set($0.legs.map(\.wish))) })
            #expect(Set(searched.chosen.flatMap { $0.legs.map(\.wish) }).count == searched.professionalsServed)
            #expect(searched.professionalsServed <= optimum && searched.upperBound >= optimum)
            #expect(searched.proven == (searched.professionalsServed == searched.upperBound))
            #expect(searched.professionalsServed >= greedy.professionalsServed)
            if searched.professionalsServed > greedy.professionalsServed { searchGained += 1 }
            if searched.upperBound < Set(candidates.flatMap { $0.legs.map(\.wish) }).count { boundTighter += 1 }
            checked += 1
        }
        #expect(checked > 150)
        #expect(searchGained > 0)
        #expect(boundTighter > 0)
        #expect(branchedProofs > 0)
    }

    func score(_ chosen: [Suggestion], _ engine: SuggestionEngine) -> SuggestionEngine.Score {
        var s = SuggestionEngine.Score()
        for c in chosen { s.add(c, engine.balances) }
        return s
    }

    func bruteForce(_ candidates: [Suggestion], _ engine: SuggestionEngine) -> SuggestionEngine.Score {
        var best = SuggestionEngine.Score()
        func go(_ i: Int, _ used: Set<String>, _ chosen: [Suggestion]) {
            if i == candidates.count {
                best = max(best, score(chosen, engine))
                return
            }
            go(i + 1, used, chosen)
            let wishes = Set(candidates[i].legs.map(\.wish))
            if used.isDisjoint(with: wishes) { go(i + 1, used.union(wishes), chosen + [candidates[i]]) }
        }
        go(0, [], [])
        return best
    }
}

@Suite("Large networks: parallel cycle finding, key sorting")
struct LargeNetworkTests {
    /// A random network large enough to be split into many ranges for the cores.
    static func network(seed: UInt64) -> (wishes: [Wish], places: [Place]) {
        var rng = SeededGenerator(seed: seed)
        let sectors = Sector.allCases
        let structures = (0..<40).map { (id: String(format: "S%02d", $0), sector: sectors[$0 % sectors.count]) }
        let period = Period(from: Day("2027-03-01")!, to: Day("2027-06-30")!)
        let places = structures.map {
            Place(
                id: "o-\($0.id)",
                structure: $0.id,
                sector: $0.sector,
                commune: "Montpellier",
                periods: [period],
                durationHalfDays: 4,
                capacity: 1,
                text: ""
            )
        }
        let wishes = (0..<300).map { i -> Wish in
            let s = structures[Int(rng.next() % 40)]
            let wanted = Set((0..<2).map { _ in sectors[Int(rng.next() % UInt64(sectors.count))] }).subtracting([s.sector])
            return Wish(
                id: String(format: "w%03d", i),
                structure: s.id,
                commune: "Montpellier",
                sectors: wanted.isEmpty ? [.culturel] : wanted,
                periods: [period],
                durationHalfDays: 4,
                text: ""
            )
        }
        return (wishes, places)
    }

    /// The index-based, parallel enumeration finds exactly the cycles of the plain one, in the
    /// same order on every run.
    @Test func parallelCyclesEqualThePlainEnumeration() {
        let (wishes, places) = Self.network(seed: 11)
        let engine = SuggestionEngine()
        let plain = engine.cycles(wishes, arcs: engine.arcs(wishes, places)).map { $0.legs.map(\.wish) }
        let graph = CompactGraph(wishes: wishes) { engine.arcs($0, places) }
        let columns = graph.cycles()
        let indexed = columns.m0.indices.map { c in
            [columns.m0[c], columns.m1[c], columns.m2[c]].filter { $0 >= 0 }.map { graph.wishes[Int($0)].id }
        }
        #expect(plain.count > 1000)
        #expect(columns.pairs == plain.filter { $0.count == 2 }.count)
        #expect(Set(indexed) == Set(plain) && indexed.count == plain.count)
        let again = graph.cycles()
        #expect(again.m0 == columns.m0 && again.m1 == columns.m1 && again.m2 == columns.m2)
    }

    @Test func radixSortAgreesWithSort() {
        var rng = SeededGenerator(seed: 5)
        var keys = (0..<50_000).map { i in i % 3 == 0 ? rng.next() : rng.next() & 0xFFFF_0000_FFFF }
        let expected = keys.sorted()
        keys.radixSort()
        #expect(keys == expected)
    }

    /// On a network that is one large component, the packing does not depend on the order the
    /// wishes arrive in, and never claims more than its bound.
    @Test func largeComponentRunIsReproducible() {
        let (wishes, places) = Self.network(seed: 12)
        let engine = SuggestionEngine(searchPasses: 3)
        let first = engine.run(wishes, places)
        let second = engine.run(wishes.reversed(), places)
        #expect(first.chosen == second.chosen)
        #expect(first.professionalsServed <= first.upperBound)
        #expect(first.professionalsServed > 0)
    }
}
