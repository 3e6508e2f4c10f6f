import Exchange
import Matching
import Records

/// A year of the network's life for `vmvp demo`, planned from a seed and the demo's today:
/// who visited whom, when, and how each immersion ended. The plan is pure (the same seed and
/// date give the same plan); `DemoSeeder` writes it as real signed records on the nodes.
struct DemoHistory: Equatable {
    /// How an immersion stands at the demo's today.
    enum Outcome: Equatable {
        /// Requested; the host has not answered.
        case unanswered
        case declined(ImmersionAnswer.Reason)
        /// The host proposed other dates (a week later); the visitor has not answered yet.
        case counterProposed
        /// Accepted; the host signed, the visitor's side has not.
        case awaitingSignatures
        /// Signed by all three; its dates are ahead or under way.
        case confirmed
        case cancelled(byHost: Bool)
        /// Took place; each side evaluated it or not (yet).
        case done(visitorEvaluated: Bool, hostEvaluated: Bool)
        /// Signed, but the visitor did not come (the host says so in its evaluation).
        case noShow
    }

    struct Stay: Equatable {
        /// Indexes in `DemoData.structures`.
        let visitor: Int
        let host: Int
        /// Index in the visitor structure's people (never 0: that one is the demo's own account).
        let person: Int
        /// Index in the host's offers.
        let offer: Int
        let requested: Day
        let period: Period
        /// Days from the request to the host's first answer.
        let answerDays: Int
        let outcome: Outcome
    }

    let stays: [Stay]

    /// The founding structures' referents meet the demo with nothing left to do: their part of
    /// the history is over (done and evaluated, declined, cancelled or a no-show).
    static let foundingCount = 4

    init(seed: UInt64, today: Day, structures: [DemoData.Structure] = DemoData.structures) {
        var planner = Planner(rng: SeededGenerator(seed: seed), today: today, structures: structures)
        planner.planExchanges()
        planner.planYear()
        planner.planPending()
        stays = planner.stays.sorted { ($0.requested, $0.visitor, $0.host) < ($1.requested, $1.visitor, $1.host) }
    }

    struct Planner {
        var rng: SeededGenerator
        let today: Day
        let structures: [DemoData.Structure]
        var stays: [Stay] = []

        var founding: Range<Int> { 0..<min(DemoHistory.foundingCount, structures.count) }
        /// The last two structures: one that has only hosted, one that has only sent.
        var onlyHosts: Int? { structures.count >= 12 ? structures.count - 2 : nil }
        var onlySends: Int? { structures.count >= 12 ? structures.count - 1 : nil }
        var others: Range<Int> { founding.upperBound..<structures.count }

        mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }

        /// The first Monday or Tuesday on or after `day`, so that a stay of up to three days
        /// stays within one working week (1970-01-01 was a Thursday).
        func weekStart(onOrAfter day: Day) -> Day {
            let weekday = (day.daysSinceEpoch + 3) % 7  // 0 is Monday
            return weekday <= 1 ? day : day.adding(days: 7 - weekday)
        }

        func days(_ host: Int, _ offer: Int) -> Int { max(1, min(3, (structures[host].offers[offer].halfDays + 1) / 2)) }

        /// A stay requested on `requested`, starting some weeks later.
        mutating func stay(_ visitor: Int, _ host: Int, requested: Day, lead: Int, answerDays: Int, _ outcome: Outcome) {
            let offer = int(0...(structures[host].offers.count - 1))
            let start = weekStart(onOrAfter: requested.adding(days: lead))
            let period = Period(from: start, to: start.adding(days: days(host, offer) - 1))
            let people = structures[visitor].people.count
            // A person not already visiting that host at overlapping dates (the desk refuses a duplicate).
            var person = people > 1 ? int(1...(people - 1)) : 0
            for _ in 0..<people where stays.contains(where: { $0.visitor == visitor && $0.person == person && $0.period.overlaps(period) }) {
                person = person % max(1, people - 1) + 1
            }
            stays.append(
                Stay(
                    visitor: visitor,
                    host: host,
                    person: person,
                    offer: offer,
                    requested: requested,
                    period: period,
                    answerDays: min(answerDays, max(1, start.daysSinceEpoch - requested.daysSinceEpoch - 2)),
                    outcome: outcome
                )
            )
        }

        /// Exchanges that took place: two cross-hosting pairs and a three-way exchange.
        mutating func planExchanges() {
            guard structures.count >= 6 else { return }
            let pairs = [(0, 3), (1, 2)]  // the CMP and the Mission locale, the collège and the UEMO
            for (n, (a, b)) in pairs.enumerated() {
                let requested = today.adding(days: -300 + n * 60)
                stay(a, b, requested: requested, lead: 30, answerDays: 3, .done(visitorEvaluated: true, hostEvaluated: true))
                stay(b, a, requested: requested.adding(days: 5), lead: 40, answerDays: 2, .done(visitorEvaluated: true, hostEvaluated: true))
            }
            let cycle = [others.lowerBound, others.lowerBound + 1, others.lowerBound + 2]
            for (n, visitor) in cycle.enumerated() {
                let host = cycle[(n + 1) % cycle.count]
                stay(
                    visitor,
                    host,
                    requested: today.adding(days: -150 + n * 4),
                    lead: 28,
                    answerDays: 4,
                    .done(visitorEvaluated: true, hostEvaluated: n != 2)
                )
            }
        }

        /// Each past month, a few requests more as the network grows, ending as such requests do.
        mutating func planYear() {
            for monthsAgo in stride(from: 12, through: 2, by: -1) {
                let count = 3 + (12 - monthsAgo) / 3 + int(0...2)
                for _ in 0..<count {
                    let requested = today.adding(days: -monthsAgo * 30 + int(0...27))
                    var visitor = int(0...(structures.count - 1))
                    var host = int(0...(structures.count - 2))
                    if host >= visitor { host += 1 }
                    // One structure has only hosted so far, another only sent: the pilot's view shows both.
                    if let onlyHosts, visitor == onlyHosts { visitor = (visitor + 1) % structures.count }
                    if let onlySends, host == onlySends { host = (host + 1) % structures.count }
                    if visitor == host || visitor == onlyHosts || host == onlySends { continue }
                    let roll = int(0...99)
                    var outcome: Outcome =
                        switch roll {
                        case 0..<62: .done(visitorEvaluated: int(0...99) < 85, hostEvaluated: int(0...99) < 80)
                        case 62..<70: .noShow
                        case 70..<82: .cancelled(byHost: int(0...1) == 0)
                        default: .declined(ImmersionAnswer.Reason.allCases[int(0...3)])
                        }
                    // The founding structures' part is over and fully evaluated.
                    if founding.contains(visitor) || founding.contains(host), case .done = outcome {
                        outcome = .done(visitorEvaluated: true, hostEvaluated: true)
                    }
                    let late = int(0...99) < 15
                    // Over before today: at most ten days before it, whatever the weekday.
                    let lead = min(int(18...40), today.daysSinceEpoch - requested.daysSinceEpoch - 10)
                    stay(visitor, host, requested: requested, lead: lead, answerDays: late ? int(11...18) : int(1...6), outcome)
                }
            }
        }

        /// The recent weeks: requests waiting for an answer (one of them late), dates proposed,
        /// conventions to sign, immersions confirmed or under way.
        mutating func planPending() {
            guard others.count >= 5 else { return }
            let o = others.lowerBound
            stay(o, o + 1, requested: today.adding(days: -3), lead: 25, answerDays: 0, .unanswered)
            stay(o + 2, o + 3, requested: today.adding(days: -16), lead: 35, answerDays: 0, .unanswered)
            stay(o + 3, o, requested: today.adding(days: -12), lead: 30, answerDays: 4, .counterProposed)
            stay(o + 1, o + 2, requested: today.adding(days: -14), lead: 30, answerDays: 5, .awaitingSignatures)
            stay(o + 2, o, requested: today.adding(days: -25), lead: 35, answerDays: 3, .confirmed)
            // Under way today: requested six weeks ago, its first day yesterday (today for a one-day stay).
            let host = o + 1
            let length = days(host, 0)
            let start = today.adding(days: length >= 2 ? -1 : 0)
            stays.append(
                Stay(
                    visitor: o + 3,
                    host: host,
                    person: min(2, structures[o + 3].people.count - 1),
                    offer: 0,
                    requested: today.adding(days: -42),
                    period: Period(from: start, to: start.adding(days: length - 1)),
                    answerDays: 3,
                    outcome: .confirmed
                )
            )
            stay(o + 4, o + 1, requested: today.adding(days: -20), lead: 30, answerDays: 2, .cancelled(byHost: false))
        }
    }

    /// Every state an immersion can be in appears in the plan (the promise for the demo).
    var outcomeKinds: Set<String> {
        Set(
            stays.map {
                switch $0.outcome {
                case .unanswered: "unanswered"
                case .declined: "declined"
                case .counterProposed: "counterProposed"
                case .awaitingSignatures: "awaitingSignatures"
                case .confirmed: "confirmed"
                case .cancelled: "cancelled"
                case .done: "done"
                case .noShow: "noShow"
                }
            }
        )
    }
}
