/// Improves a packing of cycles on large components by local search. An idle wish enters one of
/// its cycles, evicting at most two packed cycles; the wishes those leave idle then look for new
/// cycles among idle wishes. A move is kept only if it serves more professionals, so the search
/// ends; it also stops after a fixed number of passes (never on a clock, so every node computes
/// the same packing).
struct PackingSearch {
    /// Cycles as wish indices in cycle order (third column -1 for a pair).
    let m0: [Int32], m1: [Int32], m2: [Int32]
    /// cyclesOf[cycleStart[w]..<cycleStart[w+1]]: the cycles through wish w, best first.
    let cycleStart: [Int32]
    let cyclesOf: [Int32]
    let graph: CompactGraph

    /// `order`: the cycles to search, best first.
    init(m0: [Int32], m1: [Int32], m2: [Int32], order: [Int32], graph: CompactGraph) {
        self.m0 = m0
        self.m1 = m1
        self.m2 = m2
        self.graph = graph
        let wishCount = graph.wishes.count
        var start = [Int32](repeating: 0, count: wishCount + 1)
        for c in order {
            start[Int(m0[Int(c)]) + 1] += 1
            start[Int(m1[Int(c)]) + 1] += 1
            if m2[Int(c)] >= 0 { start[Int(m2[Int(c)]) + 1] += 1 }
        }
        for i in 0..<wishCount { start[i + 1] += start[i] }
        var fill = start
        var list = [Int32](repeating: 0, count: Int(start[wishCount]))
        for c in order {
            let i = Int(c)
            list[Int(fill[Int(m0[i])])] = c
            fill[Int(m0[i])] += 1
            list[Int(fill[Int(m1[i])])] = c
            fill[Int(m1[i])] += 1
            if m2[i] >= 0 {
                list[Int(fill[Int(m2[i])])] = c
                fill[Int(m2[i])] += 1
            }
        }
        cycleStart = start
        cyclesOf = list
    }

    /// A packed cycle: its wishes in cycle order (c = -1 for a pair).
    struct Group {
        var a: Int32, b: Int32, c: Int32
        var size: Int { c < 0 ? 2 : 3 }
        func forEachWish(_ body: (Int32) -> Void) {
            body(a)
            body(b)
            if c >= 0 { body(c) }
        }
    }

    /// The packing improved, as cycles of wish indices in cycle order.
    func improve(_ packed: [Int32], maximumPasses: Int) -> (groups: [[Int]], passes: Int) {
        let wishCount = graph.wishes.count
        let n = graph.structureCount
        let reach = graph.reach
        let structureOf = graph.structureOfWish
        func goes(_ w: Int, to s: Int) -> Bool { reach[w * n + s] >= 0 }

        var groups: [Group] = []
        var owner = [Int32](repeating: -1, count: wishCount)
        var served = 0
        // Idle wishes that lie on some cycle, with their positions for constant-time removal.
        var idle: [Int32] = []
        var idlePosition = [Int32](repeating: -1, count: wishCount)
        for w in 0..<wishCount where cycleStart[w] < cycleStart[w + 1] {
            idlePosition[w] = Int32(idle.count)
            idle.append(Int32(w))
        }
        func busy(_ w: Int32) {
            let p = Int(idlePosition[Int(w)])
            let last = idle.removeLast()
            if Int(last) != Int(w) {
                idle[p] = last
                idlePosition[Int(last)] = Int32(p)
            }
            idlePosition[Int(w)] = -1
        }
        func free(_ w: Int32) {
            idlePosition[Int(w)] = Int32(idle.count)
            idle.append(w)
        }
        func place(_ g: Group) -> Int32 {
            let id = Int32(groups.count)
            groups.append(g)
            g.forEachWish {
                owner[Int($0)] = id
                busy($0)
            }
            served += g.size
            return id
        }
        func evict(_ id: Int32) {
            groups[Int(id)].forEachWish {
                owner[Int($0)] = -1
                free($0)
            }
            served -= groups[Int(id)].size
        }
        func restore(_ id: Int32) {
            groups[Int(id)].forEachWish {
                owner[Int($0)] = id
                busy($0)
            }
            served += groups[Int(id)].size
        }
        /// A cycle through idle wish f among idle wishes only, a cycle of three preferred; placed if found.
        func refill(_ f: Int) -> Int32? {
            let sf = structureOf[f]
            var pair: Group?
            for i in idle where Int(i) != f {
                let s1 = structureOf[Int(i)]
                guard s1 != sf, goes(f, to: s1) else { continue }
                for j in idle where j != i && Int(j) != f {
                    let s2 = structureOf[Int(j)]
                    if s2 != sf, s2 != s1, goes(Int(i), to: s2), goes(Int(j), to: sf) {
                        return place(Group(a: Int32(f), b: i, c: j))
                    }
                }
                if pair == nil, goes(Int(i), to: sf) { pair = Group(a: Int32(f), b: i, c: -1) }
            }
            return pair.map(place)
        }
        for c in packed { _ = place(Group(a: m0[Int(c)], b: m1[Int(c)], c: m2[Int(c)])) }

        var passes = 0
        var improved = true
        while improved, passes < maximumPasses {
            improved = false
            passes += 1
            for u in 0..<wishCount where owner[u] < 0 && cycleStart[u] < cycleStart[u + 1] {
                for k in Int(cycleStart[u])..<Int(cycleStart[u + 1]) {
                    let c = Int(cyclesOf[k])
                    // The packed cycles standing in c's way: more than two never pay.
                    var d1: Int32 = -1
                    var d2: Int32 = -1
                    var more = false
                    func block(_ w: Int32) {
                        guard w >= 0 else { return }
                        let o = owner[Int(w)]
                        if o < 0 || o == d1 || o == d2 { return }
                        if d1 < 0 { d1 = o } else if d2 < 0 { d2 = o } else { more = true }
                    }
                    block(m0[c])
                    block(m1[c])
                    block(m2[c])
                    if more { continue }
                    let before = served
                    if d1 >= 0 { evict(d1) }
                    if d2 >= 0 { evict(d2) }
                    let entered = place(Group(a: m0[c], b: m1[c], c: m2[c]))
                    var refills: [Int32] = []
                    func refillFreed(_ d: Int32) {
                        guard d >= 0 else { return }
                        groups[Int(d)].forEachWish { f in
                            if owner[Int(f)] < 0, let r = refill(Int(f)) { refills.append(r) }
                        }
                    }
                    refillFreed(d1)
                    refillFreed(d2)
                    if served > before {
                        improved = true
                        break
                    }
                    // Not better: undo, newest first.
                    for r in refills.reversed() { evict(r) }
                    evict(entered)
                    groups.removeLast(refills.count + 1)
                    if d2 >= 0 { restore(d2) }
                    if d1 >= 0 { restore(d1) }
                }
            }
        }
        var result: [[Int]] = []
        var seen = Set<Int32>()
        for w in 0..<wishCount where owner[w] >= 0 && seen.insert(owner[w]).inserted {
            let g = groups[Int(owner[w])]
            result.append([g.a, g.b, g.c].filter { $0 >= 0 }.map(Int.init))
        }
        return (result, passes)
    }
}
