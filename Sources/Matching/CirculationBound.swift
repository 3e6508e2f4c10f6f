/// An upper bound on the professionals any packing of pairs and cycles of three can serve:
/// the largest circulation in which each wish sends its professional along one of its arcs
/// that lies on some short cycle, and every structure hosts as many as it sends. A packing is
/// such a circulation, so none serves more; cycles of any length are allowed here, which is what
/// makes the bound a network-flow problem (polynomial) instead of an NP-hard one.
///
/// Solved as a minimum-cost circulation by cancelling negative cycles (Klein 1967) found by a
/// FIFO Bellman–Ford with predecessor-graph checks (Ahuja, Magnanti, Orlin, "Network Flows",
/// 1993, ch. 9), starting from the packing's own circulation so that few cancellations remain.
struct CirculationBound {
    /// Nodes: structures 0..<structureCount, then wish w at structureCount + w.
    let structureCount: Int
    let structureOfWish: [Int32]
    /// targets[targetStart[w]..<targetStart[w+1]]: structures wish w may go to on some short cycle.
    let targetStart: [Int32]
    let targets: [Int32]
    /// Per structure, the wishes that may go there (to find the ones it currently hosts).
    let arrivalStart: [Int32]
    let arrivals: [Int32]

    init(structureCount: Int, structureOfWish: [Int32], arcs: [(wish: Int32, structure: Int32)]) {
        self.structureCount = structureCount
        self.structureOfWish = structureOfWish
        let wishCount = structureOfWish.count
        func csr(_ keyCount: Int, _ pairs: [(Int32, Int32)]) -> ([Int32], [Int32]) {
            var start = [Int32](repeating: 0, count: keyCount + 1)
            for (k, _) in pairs { start[Int(k) + 1] += 1 }
            for i in 0..<keyCount { start[i + 1] += start[i] }
            var fill = start
            var values = [Int32](repeating: 0, count: pairs.count)
            for (k, v) in pairs {
                values[Int(fill[Int(k)])] = v
                fill[Int(k)] += 1
            }
            return (start, values)
        }
        (targetStart, targets) = csr(wishCount, arcs.map { ($0.wish, $0.structure) })
        (arrivalStart, arrivals) = csr(structureCount, arcs.map { ($0.structure, $0.wish) })
    }

    /// The largest circulation, from a starting one (`destination[w]`: the structure wish w goes
    /// to, or -1). Returns its value: the number of wishes sent.
    func maximum(from start: [Int32]) -> Int {
        var destination = start
        let wishCount = structureOfWish.count
        let nodeCount = structureCount + wishCount
        var distance = [Int](repeating: 0, count: nodeCount)
        var predecessor = [Int32](repeating: -1, count: nodeCount)
        var queued = [Bool](repeating: false, count: nodeCount)
        var queue = [Int32]()
        var mark = [Int32](repeating: -1, count: nodeCount)

        // Residual arcs out of a node, with their cost: a structure may start sending one of its
        // idle wishes (-1) or give back a wish it hosts (0); a wish may go to another target (0)
        // or, if it was sent, stay home (+1).
        func relax(_ u: Int, _ visit: (Int, Int) -> Void) {
            if u < structureCount {
                for k in Int(arrivalStart[u])..<Int(arrivalStart[u + 1]) {
                    let w = Int(arrivals[k])
                    if destination[w] == Int32(u) { visit(structureCount + w, 0) }
                }
                return
            }
            let w = u - structureCount
            let home = Int(structureOfWish[w])
            if destination[w] >= 0 { visit(home, 1) }
            for k in Int(targetStart[w])..<Int(targetStart[w + 1]) where targets[k] != destination[w] {
                visit(Int(targets[k]), 0)
            }
        }
        // Idle wishes hang off their structure: the one residual arc not listed from the wish side.
        var idleOf = [[Int32]](repeating: [], count: structureCount)
        for w in 0..<wishCount where targetStart[w] < targetStart[w + 1] { idleOf[Int(structureOfWish[w])].append(Int32(w)) }

        // A cycle in the predecessor graph is a negative cycle (Ahuja–Magnanti–Orlin, §5.5).
        func negativeCycle(stamp: Int32) -> [Int]? {
            for s in 0..<nodeCount where mark[s] != stamp {
                var path: [Int] = []
                var v = s
                while v >= 0, mark[v] != stamp {
                    mark[v] = stamp
                    path.append(v)
                    v = Int(predecessor[v])
                }
                if v >= 0, let at = path.firstIndex(of: v) { return Array(path[at...]) }
            }
            return nil
        }

        var stamp: Int32 = 0
        while true {
            for i in 0..<nodeCount {
                distance[i] = 0
                predecessor[i] = -1
                queued[i] = true
            }
            queue = (0..<nodeCount).map(Int32.init)
            var head = 0
            var scans = 0
            var cycle: [Int]?
            while head < queue.count {
                let u = Int(queue[head])
                head += 1
                queued[u] = false
                let du = distance[u]
                func visit(_ v: Int, _ cost: Int) {
                    if du + cost < distance[v] {
                        distance[v] = du + cost
                        predecessor[v] = Int32(u)
                        if !queued[v] {
                            queued[v] = true
                            queue.append(Int32(v))
                        }
                    }
                }
                if u < structureCount {
                    for w in idleOf[u] where destination[Int(w)] < 0 { visit(structureCount + Int(w), -1) }
                }
                relax(u, visit)
                scans += 1
                if scans % nodeCount == 0 {
                    stamp += 1
                    if let found = negativeCycle(stamp: stamp) {
                        cycle = found
                        break
                    }
                }
                if head > 4 * nodeCount {
                    queue.removeFirst(head)
                    head = 0
                }
            }
            guard let cycle else { break }
            // The cycle in path order runs against the arcs (v's predecessor follows v): each wish
            // node's successor on the arcs is the node before it in `cycle`.
            for (i, v) in cycle.enumerated() where v >= structureCount {
                let w = v - structureCount
                let next = cycle[(i + cycle.count - 1) % cycle.count]
                destination[w] = next == Int(structureOfWish[w]) ? -1 : Int32(next)
            }
        }
        return destination.lazy.filter { $0 >= 0 }.count
    }
}

extension CirculationBound {
    /// The bound over some cycles (indices into the columns m0, m1, m2), started from a packing's
    /// own circulation (its cycles as wish indices in cycle order).
    static func value(over cycles: [Int], _ m0: [Int32], _ m1: [Int32], _ m2: [Int32], startingFrom packing: [[Int]], graph: CompactGraph) -> Int {
        let n = graph.structureCount
        let of = graph.structureOfWish
        // Each arc once: a bitmap over wishes × structures for many cycles, a set for few.
        let useBitmap = cycles.count * 8 > graph.wishes.count * n
        var bitmap = [Bool](repeating: false, count: useBitmap ? graph.wishes.count * max(1, n) : 0)
        var seen = Set<Int>()
        var arcs: [(wish: Int32, structure: Int32)] = []
        func arc(_ w: Int32, _ next: Int32) {
            let s = of[Int(next)]
            let key = Int(w) * n + s
            if useBitmap {
                guard !bitmap[key] else { return }
                bitmap[key] = true
            } else if !seen.insert(key).inserted {
                return
            }
            arcs.append((w, Int32(s)))
        }
        for c in cycles {
            if m2[c] < 0 {
                arc(m0[c], m1[c])
                arc(m1[c], m0[c])
            } else {
                arc(m0[c], m1[c])
                arc(m1[c], m2[c])
                arc(m2[c], m0[c])
            }
        }
        guard !arcs.isEmpty else { return 0 }
        var destination = [Int32](repeating: -1, count: graph.wishes.count)
        for m in packing {
            for (i, w) in m.enumerated() { destination[w] = Int32(of[m[(i + 1) % m.count]]) }
        }
        return CirculationBound(structureCount: n, structureOfWish: of.map(Int32.init), arcs: arcs).maximum(from: destination)
    }
}
