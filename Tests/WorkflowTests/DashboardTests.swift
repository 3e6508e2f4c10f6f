import Exchange
import Foundation
import NetworkSupport
import TestSupport
import Testing

@testable import Records
@testable import Storage
@testable import Workflow

extension Pair {
    /// Takes an immersion from request to all signatures (and evaluations when given).
    func confirmed(period: Period = Pair.terms.period, evaluate: (visitor: Bool?, host: Bool?) = (nil, nil)) async throws -> String {
        let id = try request(period: period)
        var terms = Pair.terms
        terms.period = period
        try await signedByAll(id, terms: terms)
        let after = period.to.adding(days: 1)
        if let attended = evaluate.visitor {
            try ImmersionDesk(node: a).evaluate(id, Self.evaluation(id, .visitor, attended: attended), by: visitor, today: after)
        }
        if let attended = evaluate.host {
            try ImmersionDesk(node: b).evaluate(id, Self.evaluation(id, .host, attended: attended), by: referentB, today: after)
        }
        try await sync()
        return id
    }

    static func evaluation(_ id: String, _ role: ImmersionEvaluation.Role, attended: Bool) -> ImmersionEvaluation {
        attended
            ? ImmersionEvaluation(
                request: id,
                role: role,
                attended: true,
                expected: "a",
                observed: "b",
                changedView: "c",
                satisfaction: 4,
                wouldRecommend: true
            )
            : ImmersionEvaluation(request: id, role: role, attended: false, comments: "Absent, sans prévenir.")
    }
}

@Suite("Reciprocity ledger and the MDA's dashboard", .serialized)
struct DashboardTests {
    /// A known data set: one immersion done and evaluated by both (3 days), one done where the
    /// visitor did not come, one declined, one cancelled after signatures, one left unanswered.
    @Test func theDashboardFiguresOnAKnownDataSet() async throws {
        try await withPair { pair in
            let done = try await pair.confirmed(evaluate: (true, true))
            let noShow = try await pair.confirmed(period: Period(from: Pair.day("2027-03-15"), to: Pair.day("2027-03-16")), evaluate: (nil, false))
            let cancelled = try await pair.confirmed(period: Period(from: Pair.day("2027-03-22"), to: Pair.day("2027-03-23")))
            try ImmersionDesk(node: pair.b).cancel(cancelled, reason: "Service fermé", by: pair.referentB, today: Pair.day("2027-03-01"))
            // Another professional of A: the visitor's own request for these dates is still under way.
            let declined = try pair.request(by: pair.colleague)
            try await pair.sync()
            try ImmersionDesk(node: pair.b).decline(
                declined,
                reason: .offerFull,
                text: "",
                by: pair.referentB,
                today: Pair.day("2027-01-20"),
                now: Pair.date("2027-01-20")
            )
            try await pair.sync()
            _ = try pair.request(by: pair.colleague)
            try await pair.sync()

            let today = Pair.day("2027-04-30")
            let dashboard = try Dashboard(node: pair.network.hub, today: today, now: Date())
            #expect(
                dashboard.months == [
                    Dashboard.MonthRow(
                        month: "2027-01",
                        requested: 5,
                        accepted: 3,
                        declined: 1,
                        confirmed: 3,
                        done: 1,
                        evaluated: 2,
                        cancelled: 1,
                        noShow: 1,
                        medianAnswerDays: 1.0,
                        lateShare: 0.2,
                        evaluationsWritten: 3,
                        evaluationsDue: 4
                    )
                ]
            )
            // A period counts only the requests made within it, month by month, empty months included.
            let quarter = Period(from: Pair.day("2026-12-01"), to: Pair.day("2027-02-28"))
            let byQuarter = try Dashboard(node: pair.network.hub, today: today, now: Date(), period: quarter)
            #expect(byQuarter.months.map(\.month) == ["2026-12", "2027-01", "2027-02"])
            #expect(byQuarter.months.map(\.requested) == [0, 5, 0])
            let february = try Dashboard(
                node: pair.network.hub,
                today: today,
                now: Date(),
                period: Period(from: Pair.day("2027-02-01"), to: Pair.day("2027-02-28"))
            )
            #expect(february.months.map(\.requested) == [0] && february.matrix.flatMap { $0 }.allSatisfy { $0 == 0 })
            #expect(february.balances.allSatisfy { $0.hostedDays == 0 && $0.sentDays == 0 })
            #expect(dashboard.topPairs == [SectorPair(visitor: .informationOrientation, host: .sanitaire, immersions: 1)])
            #expect(dashboard.communes.isEmpty, "these structures have no establishment to place them")
            #expect(dashboard.evaluationCompletion == 0.75, "3 evaluations of the 4 due for the 2 immersions whose dates are past")
            #expect(dashboard.lateAnswerShare == 0.2, "one request of five never answered")
            #expect(dashboard.medianAnswerDays == 1.0)
            let information = Sector.allCases.firstIndex(of: .informationOrientation)!
            let health = Sector.allCases.firstIndex(of: .sanitaire)!
            #expect(dashboard.matrix[information][health] == 1 && dashboard.matrix.flatMap { $0 }.reduce(0, +) == 1, "the no-show visited nobody")
            let balances = Dictionary(uniqueKeysWithValues: dashboard.balances.map { ($0.structure, $0) })
            #expect(balances[pair.b.structureID]?.hostedDays == 3, "the no-show and the cancellation count nothing")
            #expect(balances[pair.a.structureID]?.sentDays == 3 && balances[pair.a.structureID]?.balance == -3)
            let health2 = try #require(dashboard.sectors.first { $0.sector == .sanitaire })
            #expect(health2.structures == 1 && health2.withPublishedOffer == 1)
            #expect(dashboard.silent.isEmpty, "both nodes synced just now")
            let muchLater = try Dashboard(node: pair.network.hub, today: Pair.day("2027-12-31"), now: Date().addingTimeInterval(31 * 86_400))
            #expect(Set(muchLater.silent.map(\.structure)) == [pair.a.structureID, pair.b.structureID])

            // The same ledger on each node from the full records, and at the hub from metadata only.
            #expect(try ImmersionDesk(node: pair.a).ledger(today: today) == Ledger.Account.with(sent: 3, .sanitaire))
            #expect(try ImmersionDesk(node: pair.b).ledger(today: today) == Ledger.Account.with(hosted: 3, .informationOrientation))
            let atHub = try Steering(store: pair.network.hub.store).threads()
            for immersion in try ImmersionBook(node: pair.a).all() {
                let thread = try #require(atHub.first { $0.id == immersion.id })
                #expect(
                    Self.coarse(thread.analysis.state(today: today)) == Self.coarse(immersion.state(today: today)),
                    "the hub's count agrees with the nodes"
                )
            }
            _ = (done, noShow)
        }
    }

    /// The hub does not learn why a request was declined.
    static func coarse(_ state: ImmersionState) -> ImmersionState {
        if case .declined = state { return .declined(.other) }
        return state
    }

    @Test func aStructureThatOnlySendsIsAskedToOpenAPeriodFirst() async throws {
        try await withPair { pair in
            _ = try await pair.confirmed(evaluate: (true, true))
            try pair.network.hub.store.append(ReciprocityPolicy(minimumPublishedOffers: 1, maximumDaysOwed: 3), as: pair.network.hub.author)
            try await pair.sync()
            let desk = ImmersionDesk(node: pair.a)
            // A's only offer has its period in March 2027: over by April.
            let problem = try desk.reciprocityProblem(today: Pair.day("2027-04-02"))
            #expect(problem?.contains("a envoyé 3 jours en immersion et en a accueilli 0") == true)
            #expect(try desk.reciprocityProblem(today: Pair.day("2027-03-20")) == nil, "an open period is enough")
            #expect(try ImmersionDesk(node: pair.b).reciprocityProblem(today: Pair.day("2027-04-02")) == nil, "the host is in credit")
            #expect(throws: ValidationError.self) {
                try ReciprocityPolicy.validated(.object(["minimumPublishedOffers": .integer(1), "maximumDaysOwed": .integer(0)]))
            }
        }
    }

    @Test func aStepWhoseDisclosedFactsLieIsIgnored() async throws {
        try await withPair { pair in
            let id = try pair.request()
            try await pair.sync()
            // The answer tells the hub other dates than those it accepts.
            let answer = ImmersionAnswer(request: id, decision: .accept, period: Pair.terms.period)
            try pair.b.appendSealed(
                answer,
                to: [pair.a.structureID],
                disclosing: .init(thread: id, step: "accept", period: Period(from: Pair.day("2027-06-01"), to: Pair.day("2027-06-30")))
            )
            try await pair.sync()
            #expect(try pair.state(id, on: pair.a, today: "2027-01-17") == .requested)
        }
    }

    @Test func csvOpensInAFrenchSpreadsheet() {
        let csv = CSV.document(["Structure", "Solde"], [["CMP; Béziers", "-3"], ["Dit \"La Maison\"", "2"], ["=HYPERLINK(\"x\")", "0"]])
        #expect(csv.hasPrefix("\u{FEFF}Structure;Solde\r\n"))
        #expect(csv.contains("\"CMP; Béziers\";-3\r\n"))
        #expect(csv.contains("\"Dit \"\"La Maison\"\"\";2\r\n"))
        #expect(csv.contains("'=HYPERLINK"), "no formula runs when the file is opened")
        #expect(Array(csv.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
    }
}

extension Ledger.Account {
    static func with(hosted: Int = 0, sent: Int = 0, _ sector: Sector) -> Ledger.Account {
        var account = Ledger.Account()
        account.hostedDays = hosted
        account.sentDays = sent
        if hosted > 0 { account.hostedBySector[sector] = hosted }
        if sent > 0 { account.sentBySector[sector] = sent }
        return account
    }
}
