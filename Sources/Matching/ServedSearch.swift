/// Branch and bound on the number of professionals served, for components too large for the
/// full search (which also settles the tie-breaks) but small enough to prove: branch on the idle
/// wish with the fewest feasible cycles (each of them, or leave it out), prune a node when the
/// served so far plus the circulation bound of what is still feasible cannot beat the best
/// packing. Starts from the local search's packing; ties keep it.
struct ServedSearch {
    let m0: [Int32], m1: [Int32], m2: [Int32]
    let graph: CompactGraph

    func members(_ c: Int) -> [Int] { m2[c] < 0 ? [Int(m0[c]), Int(m1[c])] : [Int(m0[c]), Int(m1[c]), Int(m2[c])] }

    /// The best packing of one component's cycles, whether it is proven best, and the nodes used.
    func run(cycles: [Int], incumbent: [[Int]], budget: Int) -> (packing: [[Int]], proven: Bool, nodes: Int) {
        let wishCount = graph.wishes.count
        var cyclesOf = [[Int]](repeating: [], count: wishCount)
        for c in cycles { for w in members(c) { cyclesOf[w].append(c) } }
        let wishes = cyclesOf.indices.filter { !cyclesOf[$0].isEmpty }

        var used = [Bool](repeating: false, count: wishCount)
        var skipped = [Bool](repeating: false, count: wishCount)
        var current: [Int] = []
        var served = 0
        var best = incumbent.map(\.count).reduce(0, +)
        var bestCycles: [Int]?
        var bestPacking = incumbent
        var nodes = 0
        var exhausted = false

        func feasible(_ c: Int) -> Bool {
            !used[Int(m0[c])] && !skipped[Int(m0[c])] && !used[Int(m1[c])] && !skipped[Int(m1[c])]
                && (m2[c] < 0 || (!used[Int(m2[c])] && !skipped[Int(m2[c])]))
        }
        /// The circulation bound over the cycles still feasible, warm-started from the best
        /// packing's cycles that are still open.
        func bound() -> Int {
            var open: [Int] = []
            for w in wishes where !used[w] && !skipped[w] {
                open += cyclesOf[w].lazy.filter { Int(m0[$0]) == w && feasible($0) }
            }
            let start = bestPacking.filter { $0.allSatisfy { !used[$0] && !skipped[$0] } }
            return CirculationBound.value(over: open, m0, m1, m2, startingFrom: start, graph: graph)
        }

        func search() {
            nodes += 1
            if nodes > budget {
                exhausted = true
                return
            }
            var coverable = 0
            var pick = -1
            var pickCount = Int.max
            for w in wishes where !used[w] && !skipped[w] {
                let count = cyclesOf[w].lazy.filter(feasible).count
                guard count > 0 else { continue }
                coverable += 1
                if count < pickCount {
                    pick = w
                    pickCount = count
                }
            }
            if served + coverable <= best {
                return
            }
            if served + bound() <= best { return }
            // coverable > 0 here, so there is a wish to branch on.
            for c in cyclesOf[pick] where feasible(c) {
                let m = members(c)
                for w in m { used[w] = true }
                current.append(c)
                served += m.count
                if served > best {
                    best = served
                    bestCycles = current
                    bestPacking = current.map(members)
                }
                search()
                served -= m.count
                current.removeLast()
                for w in m { used[w] = false }
                if exhausted { return }
            }
            skipped[pick] = true
            search()
            skipped[pick] = false
        }
        search()
        let packing = bestCycles.map { $0.map(members) } ?? incumbent
        return (packing, !exhausted, nodes)
    }
}
