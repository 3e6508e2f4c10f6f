import ArgumentParser
import Foundation
import Matching
import Records

/// Suggestions on a synthetic network (README, "Benchmark"): structures spread over the
/// Hérault's communes with a realistic mix of sectors, discovery demands and host offers.
struct BenchSuggestions: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suggestions",
        abstract: "Exchange suggestions: compatibility graph, cycles, packing."
    )

    @Option(help: "Structures.") var structures: Int = 500
    @Option(help: "Discovery demands.") var demands: Int = 2000
    @Option(help: "Host offers.") var offers: Int = 1500
    @Option(name: .customLong("max-km"), help: "Distance limit.") var maxKm: Double = 40
    @Option(help: "Repetitions (the median is reported).") var repeats: Int = 5
    @Option(help: "Random seed.") var seed: UInt64 = 34
    @Option(name: .customLong("exact-limit"), help: "Largest component (in wishes) searched exactly.") var exactLimit: Int = SuggestionEngine()
        .exactLimit
    @Option(help: "Local-search passes on large components.") var passes: Int = SuggestionEngine().searchPasses

    /// Rough weights of the network's sectors (health, school and social work are the largest).
    static let mix: [(Sector, Int)] = [
        (.sanitaire, 18), (.educatif, 22), (.social, 18), (.judiciaire, 8), (.medicoSocial, 12),
        (.culturel, 6), (.informationOrientation, 8), (.socioEducatif, 8),
    ]

    func run() throws {
        var rng = SeededGenerator(seed: seed)
        let communes = Communes.known
        func sector() -> Sector {
            var r = Int(rng.next() % 100)
            for (s, w) in Self.mix {
                if r < w { return s }
                r -= w
            }
            return .social
        }
        let structureList = (0..<structures).map { i in
            (id: String(format: "s%04d", i), sector: sector(), commune: communes[Int(rng.next() % UInt64(communes.count))])
        }
        let year = Day("2027-01-04")!
        func period(weeks: Int) -> Period {
            let start = year.adding(days: Int(rng.next() % 300))
            return Period(from: start, to: start.adding(days: weeks * 7))
        }
        let places = (0..<offers).map { i -> Place in
            let s = structureList[Int(rng.next() % UInt64(structures))]
            return Place(
                id: String(format: "o%05d", i),
                structure: s.id,
                sector: s.sector,
                commune: s.commune,
                periods: [period(weeks: 6), period(weeks: 4)],
                durationHalfDays: Int(rng.next() % 5) + 2,
                capacity: Int(rng.next() % 2) + 1,
                text: ""
            )
        }
        let wishes = (0..<demands).map { i -> Wish in
            let s = structureList[Int(rng.next() % UInt64(structures))]
            var wanted: Set<Sector> = [sector()]
            if rng.next() % 2 == 0 { wanted.insert(sector()) }
            wanted.remove(s.sector)
            return Wish(
                id: String(format: "d%05d", i),
                structure: s.id,
                commune: s.commune,
                sectors: wanted.isEmpty ? [.sanitaire] : wanted,
                periods: [period(weeks: 8)],
                durationHalfDays: Int(rng.next() % 5) + 2,
                text: ""
            )
        }
        let engine = SuggestionEngine(rules: CompatibilityRules(maximumDistanceKm: maxKm), exactLimit: exactLimit, searchPasses: passes)
        var times: [Double] = []
        var last: SuggestionResult?
        for _ in 0..<repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            last = engine.run(wishes, places)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        let arcs = engine.arcs(wishes, places).map(\.count).reduce(0, +)
        let median = times.sorted()[times.count / 2]
        guard let result = last else { return }
        Output.line("network: \(structures) structures, \(demands) demands, \(offers) offers, distance limit \(Int(maxKm)) km")
        Output.line("arcs (demand → structure): \(arcs); pairs found: \(result.pairsFound); cycles of three found: \(result.cyclesOfThreeFound)")
        Output.line(
            "chosen: \(result.chosen.count) suggestions serving \(result.professionalsServed) professionals (upper bound \(result.upperBound)); packing proven optimal: \(result.proven ? "yes" : "no") (\(result.searchNodes) search nodes)"
        )
        Output.line(
            String(
                format: "time: median %.3f s over %d runs (min %.3f s, max %.3f s); last run: graph %.3f s, cycles %.3f s, packing %.3f s",
                median,
                times.count,
                times.min() ?? 0,
                times.max() ?? 0,
                result.seconds.graph,
                result.seconds.cycles,
                result.seconds.packing
            )
        )
    }
}
