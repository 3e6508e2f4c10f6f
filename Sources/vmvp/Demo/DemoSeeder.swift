import Exchange
import Federation
import Foundation
import Records
import Storage
import Workflow

/// Writes the demo's year of history (`DemoHistory`) on the nodes, as their people would have:
/// each step by the right person on the right node, through the same desks as the sites, dated
/// on the day it happened, and synced through the hub between the steps that depend on each
/// other. Then publishes the offers as they stand today.
struct DemoSeeder {
    /// In `DemoData.structures` order.
    let nodes: [OpenNode]
    let synchronizers: [Synchronizer]
    let structures: [DemoData.Structure]
    let today: Day

    /// What the history holds, for the line the demo prints.
    struct Summary: Equatable {
        var requests = 0, done = 0, ahead = 0, declined = 0, cancelled = 0, evaluations = 0, followUps = 0
    }

    func seed(_ history: DemoHistory) async throws -> Summary {
        let offers = try publishFirstOffers()
        try await syncAll()
        var ids: [String] = []
        for stay in history.stays {
            ids.append(
                try ImmersionDesk(node: nodes[stay.visitor]).request(
                    offer: offers[stay.host][stay.offer],
                    by: visitor(stay),
                    job: person(stay).job,
                    experience: DemoTexts.experience(stay.person),
                    period: stay.period,
                    objective: DemoTexts.objective(structures[stay.host].sector),
                    practisingProfessional: true,
                    today: stay.requested,
                    now: at(stay.requested, hour: 9)
                )
            )
        }
        try await syncAll()
        for (stay, id) in zip(history.stays, ids) { try answer(stay, id) }
        try await syncAll()
        for (stay, id) in zip(history.stays, ids) { try sign(stay, id) }
        try await syncAll()
        var summary = Summary(requests: ids.count)
        for (stay, id) in zip(history.stays, ids) { try conclude(stay, id, &summary) }
        try await syncAll()
        try publishCurrentOffers(offers)
        try await syncAll()
        return summary
    }

    // MARK: The steps

    func answer(_ stay: DemoHistory.Stay, _ id: String) throws {
        let day = stay.requested.adding(days: stay.answerDays)
        let desk = ImmersionDesk(node: nodes[stay.host])
        switch stay.outcome {
        case .unanswered:
            return
        case .declined(let reason):
            try desk.decline(id, reason: reason, text: DemoTexts.decline(reason), by: hostReferent(stay), today: day, now: at(day, hour: 14))
        case .counterProposed:
            let later = Period(from: stay.period.from.adding(days: 7), to: stay.period.to.adding(days: 7))
            try desk.counter(id, period: later, text: DemoTexts.counter, by: hostReferent(stay), today: day, now: at(day, hour: 14))
        default:
            let offer = structures[stay.host].offers[stay.offer]
            let terms = AcceptanceTerms(
                period: stay.period,
                hours: "9 h – 17 h",
                places: "\(offer.establishment), \(offer.commune)",
                programme: offer.contents
            )
            try desk.accept(id, terms: terms, by: hostReferent(stay), today: day, now: at(day, hour: 14))
        }
    }

    /// The host signs the day after accepting; the visitor and their referent too, unless the
    /// plan leaves their signatures to come.
    func sign(_ stay: DemoHistory.Stay, _ id: String) throws {
        switch stay.outcome {
        case .unanswered, .declined, .counterProposed: return
        default: break
        }
        let day = stay.requested.adding(days: stay.answerDays + 1)
        let host = ImmersionDesk(node: nodes[stay.host])
        guard let version = try ImmersionBook(node: nodes[stay.host]).immersion(id)?.currentConvention?.versionHash else { return }
        try host.sign(id, as: .host, version: version, confirmed: true, by: hostReferent(stay), today: day, now: at(day, hour: 10))
        if stay.outcome == .awaitingSignatures { return }
        let visitorDesk = ImmersionDesk(node: nodes[stay.visitor])
        try visitorDesk.sign(id, as: .visitor, version: version, confirmed: true, by: visitor(stay), today: day, now: at(day, hour: 11))
        try visitorDesk.sign(id, as: .employer, version: version, confirmed: true, by: referent(stay.visitor), today: day, now: at(day, hour: 12))
    }

    /// Cancellations before the first day; evaluations in the days after the last one.
    func conclude(_ stay: DemoHistory.Stay, _ id: String, _ summary: inout Summary) throws {
        switch stay.outcome {
        case .confirmed:
            summary.ahead += 1
            // The visitor prepared (référentiel, "Préparation"); the host ticked part of its welcome list.
            let day = stay.requested.adding(days: stay.answerDays + 2)
            guard day < stay.period.from else { return }
            try ImmersionDesk(node: nodes[stay.visitor]).prepare(
                id,
                objectives: DemoTexts.objective(structures[stay.host].sector),
                questions: DemoTexts.questions(structures[stay.host].sector),
                by: visitor(stay),
                today: day,
                now: at(day, hour: 18)
            )
            let checklist = WelcomeChecklist(node: nodes[stay.host])
            let points = Set(FrameworkText.standard.welcomeChecklist.prefix(3))
            try checklist.tick(id, items: points, by: hostReferent(stay), today: day)
        case .unanswered, .counterProposed, .awaitingSignatures:
            summary.ahead += 1
        case .declined:
            summary.declined += 1
        case .cancelled(let byHost):
            summary.cancelled += 1
            let day = stay.period.from.adding(days: -1)
            let (node, actor) = byHost ? (nodes[stay.host], hostReferent(stay)) : (nodes[stay.visitor], referent(stay.visitor))
            try ImmersionDesk(node: node).cancel(id, reason: DemoTexts.cancellation(byHost: byHost), by: actor, today: day, now: at(day, hour: 16))
        case .noShow:
            let day = stay.period.to.adding(days: 1)
            guard day <= today else { return }
            let evaluation = ImmersionEvaluation(request: id, role: .host, attended: false, comments: DemoTexts.noShow)
            try ImmersionDesk(node: nodes[stay.host]).evaluate(id, evaluation, by: hostReferent(stay), today: day, now: at(day, hour: 15))
            summary.evaluations += 1
        case .done(let visitorEvaluated, let hostEvaluated):
            summary.done += 1
            let visitorDay = stay.period.to.adding(days: 2)
            if visitorEvaluated, visitorDay <= today {
                let evaluation = DemoTexts.evaluation(id, .visitor, variant: stay.person + stay.host)
                try ImmersionDesk(node: nodes[stay.visitor]).evaluate(
                    id,
                    evaluation,
                    by: visitor(stay),
                    today: visitorDay,
                    now: at(visitorDay, hour: 17)
                )
                summary.evaluations += 1
            }
            let hostDay = stay.period.to.adding(days: 3)
            if hostEvaluated, hostDay <= today {
                let evaluation = DemoTexts.evaluation(id, .host, variant: stay.visitor + stay.offer)
                try ImmersionDesk(node: nodes[stay.host]).evaluate(id, evaluation, by: hostReferent(stay), today: hostDay, now: at(hostDay, hour: 11))
                summary.evaluations += 1
            }
            summary.followUps += try followUps(stay, id)
        }
    }

    /// The follow-ups 3 and 6 months on whose day has come: the founding structures answered
    /// every one (their referents meet the demo with nothing left to do); the others, most.
    func followUps(_ stay: DemoHistory.Stay, _ id: String) throws -> Int {
        let variant = stay.visitor * 7 + stay.host * 3 + stay.offer
        let founding = stay.visitor < DemoHistory.foundingCount || stay.host < DemoHistory.foundingCount
        var written = 0
        for months in SealedBody.Disclosure.followUpMonths {
            let day = stay.period.to.adding(months: months).adding(days: variant % 9)
            guard day <= today, founding || (variant + months) % 4 != 0 else { continue }
            for (node, actor, visitorSide) in [(nodes[stay.visitor], visitor(stay), true), (nodes[stay.host], hostReferent(stay), false)] {
                let answer = DemoTexts.followUp(id, months: months, variant: variant, visitorSide: visitorSide)
                try ImmersionDesk(node: node).followUp(id, answer, by: actor, today: day, now: at(day, hour: visitorSide ? 10 : 14))
                written += 1
            }
        }
        return written
    }

    // MARK: Offers

    /// A year ago each structure published its offers with one long window, then the discovery
    /// requests of its people. Returns each structure's offer ids.
    func publishFirstOffers() throws -> [[String]] {
        let start = today.adding(days: -380)
        // Two windows, as a period may not pass a year; they overlap so that every stay fits in one.
        let window = [Period(from: start, to: today.adding(days: -30)), Period(from: today.adding(days: -60), to: today.adding(days: 200))]
        var ids: [[String]] = []
        for (node, structure) in zip(nodes, structures) {
            ids.append(
                try structure.offers.map { seed in
                    let offer = try DemoData.offer(seed, structure: structure, periods: window, writtenOn: start)
                    return try node.store.append(offer, as: node.author, now: at(start, hour: 10)).header.record
                }
            )
            for demand in structure.demands {
                try node.store.append(demand.demand(today: today).validated(), as: node.author, now: at(today.adding(days: -20), hour: 10))
            }
        }
        return ids
    }

    /// A month ago each offer got its periods to come (a new signed version of the same record).
    func publishCurrentOffers(_ ids: [[String]]) throws {
        let day = today.adding(days: -30)
        for (n, (node, structure)) in zip(nodes, structures).enumerated() {
            for (seed, id) in zip(structure.offers, ids[n]) {
                try node.store.append(DemoData.offer(seed, structure: structure, today: today), record: id, as: node.author, now: at(day, hour: 10))
            }
        }
    }

    // MARK: People and time

    func person(_ stay: DemoHistory.Stay) -> DemoData.Person { structures[stay.visitor].people[stay.person] }

    func visitor(_ stay: DemoHistory.Stay) -> Actor {
        Actor(name: person(stay).name, email: DemoData.email(of: person(stay), at: structures[stay.visitor]), role: .professionnel)
    }

    func referent(_ structure: Int) -> Actor {
        Actor(name: structures[structure].contact.name, email: "referent@\(structures[structure].directory).example", role: .referent)
    }

    func hostReferent(_ stay: DemoHistory.Stay) -> Actor { referent(stay.host) }

    /// `day` at `hour`, Paris time near enough (the demo's clock only needs the right day).
    func at(_ day: Day, hour: Int) -> Date {
        Date(timeIntervalSince1970: TimeInterval(day.daysSinceEpoch) * 86_400 + TimeInterval(hour - 1) * 3_600)
    }

    /// Two rounds: every node sends what it wrote, then every node receives what the others sent.
    func syncAll() async throws {
        for _ in 0..<2 { for synchronizer in synchronizers { _ = try await synchronizer.syncOnce() } }
    }
}
