import Exchange
import Foundation
import Geography
import NetworkSupport
import TestSupport
import Testing

@testable import Records
@testable import Storage
@testable import Workflow
@testable import vmvp

/// The demo's year of history: planned from a seed, written as real signed records through
/// the hub, and counted by the MDA's dashboard as the nodes themselves count it.
@Suite("vmvp demo: the year of history")
struct DemoHistoryTests {
    static let today = Day("2027-01-04")!

    @Test func everyCommuneOfTheDemoIsAnOfficialOne() {
        for structure in DemoData.structures {
            for commune in [structure.commune] + structure.offers.map(\.commune) {
                #expect(HeraultCommunes.named(commune)?.name == commune, "\(structure.name): \(commune)")
            }
        }
        #expect(Set(DemoData.structures.map(\.sector)) == Set(Sector.allCases), "all eight sectors")
        #expect(Set(DemoData.structures.flatMap { $0.people.map(\.name) }).count == DemoData.structures.map(\.people.count).reduce(0, +))
    }

    @Test func theSameSeedAndDateGiveTheSameHistory() {
        #expect(DemoHistory(seed: 34, today: Self.today) == DemoHistory(seed: 34, today: Self.today))
        #expect(DemoHistory(seed: 34, today: Self.today) != DemoHistory(seed: 35, today: Self.today))
        let later = DemoHistory(seed: 34, today: Self.today.adding(days: 100))
        #expect(later.stays.first?.requested != DemoHistory(seed: 34, today: Self.today).stays.first?.requested, "dates follow today")
    }

    @Test(arguments: [Day("2027-01-04")!, Day("2026-12-07")!, Day("2027-06-19")!])
    func everyStateAppearsAndEveryStayKeepsTheRules(today: Day) {
        let history = DemoHistory(seed: 34, today: today)
        #expect(
            history.outcomeKinds
                == ["unanswered", "declined", "counterProposed", "awaitingSignatures", "confirmed", "cancelled", "done", "noShow"]
        )
        #expect(history.stays.count >= 40, "dozens of immersions")
        let structures = DemoData.structures
        for stay in history.stays {
            #expect(stay.visitor != stay.host)
            #expect(stay.person > 0, "the demo's own accounts start with no immersion")
            #expect(stay.period.from > stay.requested)
            #expect(stay.requested < today)
            let offer = structures[stay.host].offers[stay.offer]
            #expect(stay.period.days <= (offer.halfDays + 1) / 2, "the offer's duration is kept")
            if stay.outcome != .unanswered {
                #expect(stay.requested.adding(days: stay.answerDays + 1) < stay.period.from, "answered and signed before the first day")
            }
            switch stay.outcome {
            case .done, .noShow: #expect(stay.period.to < today)
            case .declined: break
            case .unanswered, .counterProposed, .awaitingSignatures: #expect(stay.period.from > today)
            case .confirmed: #expect(stay.period.to >= today)
            case .cancelled: break
            }
            if stay.visitor < DemoHistory.foundingCount || stay.host < DemoHistory.foundingCount {
                switch stay.outcome {
                case .done(let visitor, let host): #expect(visitor && host, "the founding structures have nothing left to do")
                case .declined, .cancelled, .noShow: break
                default: Issue.record("a founding structure has a pending immersion: \(stay)")
                }
            }
        }
        // A cross-hosting pair and a three-way exchange that took place.
        let done = history.stays.filter { if case .done = $0.outcome { true } else { false } }
        #expect(done.contains { a in done.contains { $0.visitor == a.host && $0.host == a.visitor } })
        #expect(
            done.contains { a in
                done.contains { b in b.visitor == a.host && done.contains { $0.visitor == b.host && $0.host == a.visitor && b.host != a.visitor } }
            }
        )
    }

    /// The seeder writes the plan on real nodes through a real hub; the MDA's dashboard, from
    /// metadata only, finds what the nodes find in their own records.
    @Test(.timeLimit(.minutes(4))) func theDashboardCountsWhatTheNodesHold() async throws {
        try await withTestNetwork(label: "demo-history") { network in
            let structures = DemoData.structures
            var nodes: [OpenNode] = []
            for structure in structures {
                nodes.append(try await network.addNode(structure.name, sector: structure.sector, commune: structure.commune))
            }
            let synchronizers = try nodes.map { try network.synchronizer(for: $0) }
            try await network.syncAll(nodes)
            let today = Self.today
            let history = DemoHistory(seed: 34, today: today)
            let summary = try await DemoSeeder(nodes: nodes, synchronizers: synchronizers, structures: structures, today: today).seed(history)
            #expect(summary.requests == history.stays.count)

            let dashboard = try Dashboard(node: network.hub, today: today)
            var requestedByMonth: [String: Int] = [:]
            var doneByMonth: [String: Int] = [:]
            var matrix = Array(repeating: Array(repeating: 0, count: Sector.allCases.count), count: Sector.allCases.count)
            var seen = Set<String>()
            for (node, structure) in zip(nodes, structures) {
                for immersion in try ImmersionBook(node: node).all() where immersion.visitorStructure == node.structureID {
                    seen.insert(immersion.id)
                    let month = String(Day.today(immersion.requestedAt.date).description.prefix(7))
                    requestedByMonth[month, default: 0] += 1
                    guard Ledger.days(immersion.analysis, today: today) != nil else { continue }
                    doneByMonth[month, default: 0] += 1
                    let host = try #require(zip(nodes, structures).first { $0.0.structureID == immersion.hostStructure }?.1.sector)
                    matrix[Sector.allCases.firstIndex(of: structure.sector)!][Sector.allCases.firstIndex(of: host)!] += 1
                }
            }
            #expect(seen.count == history.stays.count)
            #expect(Dictionary(uniqueKeysWithValues: dashboard.months.map { ($0.month, $0.requested) }) == requestedByMonth)
            #expect(Dictionary(uniqueKeysWithValues: dashboard.months.map { ($0.month, $0.done) }).filter { $0.value > 0 } == doneByMonth)
            #expect(dashboard.months.count >= 12, "twelve months of figures")
            #expect(dashboard.matrix == matrix)
            #expect(matrix.flatMap { $0 }.filter { $0 > 0 }.count >= 5, "a heat map with non-zero cells")
            for node in nodes {
                let balance = try #require(dashboard.balances.first { $0.structure == node.structureID })
                let ledger = try ImmersionDesk(node: node).ledger(today: today)
                #expect(balance.hostedDays == ledger.hostedDays && balance.sentDays == ledger.sentDays)
            }
            #expect(dashboard.balances.contains { $0.balance > 0 } && dashboard.balances.contains { $0.balance < 0 })
            let standings = Set(dashboard.balances.map { ReciprocityStanding.of($0, threshold: 6) })
            #expect(standings.isSuperset(of: [.balanced, .onlyHosts, .onlySends, .owes]), "\(standings)")
            // Each immersion done counts once where its visitor's structure is and once where its host is.
            let done = doneByMonth.values.reduce(0, +)
            #expect(dashboard.communes.map(\.made).reduce(0, +) == done && dashboard.communes.map(\.hosted).reduce(0, +) == done)
            // Follow-ups 3 and 6 months on: what the nodes wrote, the hub counts from their disclosed facts.
            var followedHere = Set<String>()
            var jointHere = Set<String>()
            for node in nodes {
                let desk = ImmersionDesk(node: node)
                for immersion in try ImmersionBook(node: node).all() {
                    let answers = try desk.followUps(of: immersion)
                    if !answers.isEmpty { followedHere.insert(immersion.id) }
                    if answers.contains(where: \.followUp.workedTogether) { jointHere.insert(immersion.id) }
                    #expect(
                        answers.isEmpty || immersion.analysis.followUpCheckpoint(today: today) != nil,
                        "never for a cancelled immersion or a no-show"
                    )
                }
            }
            #expect(summary.followUps > 0 && dashboard.followUps.followed == followedHere.count && dashboard.followUps.joint == jointHere.count)
            #expect(dashboard.followUps.jointShare.map { $0 > 0 && $0 < 1 } == true, "some immersions were followed by joint work, not all")
            #expect(try nodes.contains { try !Partnerships.of($0.structureID, store: network.hub.store).isEmpty }, "partnerships in the directory")
            // Every node's catalogue has offers open after today.
            for node in nodes {
                var query = OfferQuery(limit: 100)
                query.today = today
                #expect(try node.store.searchOffers(query).total > 0)
            }
        }
    }
}
