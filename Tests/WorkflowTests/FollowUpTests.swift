import Exchange
import Foundation
import NetworkSupport
import TestSupport
import Testing

@testable import Records
@testable import Storage
@testable import Workflow

/// The follow-ups 3 and 6 months after an immersion that took place (référentiel, "Et après ?").
@Suite("Follow-ups months after an immersion", .serialized)
struct FollowUpTests {
    static let marker = "Marqueur-suivi-91c2"

    static func answer(_ id: String, months: Int, worked: Bool, listed: Bool, practice: String = "") -> ImmersionFollowUp {
        ImmersionFollowUp(
            request: id,
            months: months,
            workedTogether: worked,
            jointWork: worked ? [.orientation, .rencontre] : [],
            knowsWhomToCall: worked,
            practice: practice,
            listInDirectory: listed
        )
    }

    @Test func monthsAreAddedOnTheCalendarAndShortMonthsKeepTheirLastDay() {
        #expect(Pair.day("2027-03-10").adding(months: 3) == Pair.day("2027-06-10"))
        #expect(Pair.day("2027-08-31").adding(months: 6) == Pair.day("2028-02-29"))
        #expect(Pair.day("2027-11-30").adding(months: 3) == Pair.day("2028-02-29"))
        #expect(Pair.day("2026-10-31").adding(months: 3) == Pair.day("2027-01-31"))
    }

    @Test func followUpsAreDueAtThreeAndSixMonthsNeverForACancelledImmersionOrANoShow() async throws {
        try await withPair { pair in
            let done = try await pair.confirmed(evaluate: (true, true))
            let noShow = try await pair.confirmed(period: Period(from: Pair.day("2027-03-15"), to: Pair.day("2027-03-16")), evaluate: (nil, false))
            let cancelled = try await pair.confirmed(period: Period(from: Pair.day("2027-03-22"), to: Pair.day("2027-03-23")))
            try ImmersionDesk(node: pair.b).cancel(cancelled, reason: "Service fermé", by: pair.referentB, today: Pair.day("2027-03-01"))
            try await pair.sync()

            func items(_ node: OpenNode, _ actor: Actor, _ day: String) throws -> [ToDoItem] {
                try ToDoList(node: node).items(for: actor, today: Pair.day(day), names: [:]).filter { $0.kind == .followUp }
            }
            // The immersion ended on 10 March: nothing the day before 10 June.
            #expect(try items(pair.a, pair.referentA, "2027-06-09").isEmpty)
            for (node, actor) in [(pair.a, pair.referentA), (pair.a, pair.visitor), (pair.b, pair.referentB)] {
                let due = try items(node, actor, "2027-06-10")
                #expect(due.map(\.immersion) == [done], "\(actor.name): only the immersion that took place")
                #expect(due.first?.key == "followUp:\(done):3:due" && due.first?.overdue == false)
            }
            #expect(try items(pair.b, pair.professionalB, "2027-06-10").isEmpty, "the host's referents answer for it")
            #expect(try items(pair.a, pair.colleague, "2027-06-10").isEmpty, "a colleague who did not go")
            let late = try items(pair.b, pair.referentB, "2027-06-24")
            #expect(late.first?.key == "followUp:\(done):3:late" && late.first?.overdue == true)
            #expect(try items(pair.b, pair.referentB, "2027-09-10").first?.key == "followUp:\(done):6:due")

            let book = ImmersionBook(node: pair.b)
            for id in [noShow, cancelled] {
                let immersion = try #require(try book.immersion(id))
                #expect(immersion.analysis.followUpCheckpoint(today: Pair.day("2027-12-31")) == nil)
                #expect(throws: Refusal.self) {
                    try ImmersionDesk(node: pair.b).followUp(
                        id,
                        Self.answer(id, months: 6, worked: false, listed: false),
                        by: pair.referentB,
                        today: Pair.day("2027-12-31")
                    )
                }
            }
            // Before the checkpoint, and for someone who does not answer for the structure: refused.
            #expect(throws: Refusal.self) {
                try ImmersionDesk(node: pair.b).followUp(
                    done,
                    Self.answer(done, months: 3, worked: false, listed: false),
                    by: pair.referentB,
                    today: Pair.day("2027-06-01")
                )
            }
            #expect(throws: Refusal.self) {
                try ImmersionDesk(node: pair.b).followUp(
                    done,
                    Self.answer(done, months: 3, worked: false, listed: false),
                    by: pair.professionalB,
                    today: Pair.day("2027-06-12")
                )
            }
            // The 3-month answer is no longer taken once the 6-month checkpoint came.
            #expect(throws: Refusal.self) {
                try ImmersionDesk(node: pair.b).followUp(
                    done,
                    Self.answer(done, months: 3, worked: false, listed: false),
                    by: pair.referentB,
                    today: Pair.day("2027-09-12")
                )
            }
        }
    }

    @Test func aFollowUpIsSealedAtTheHubCountedFromItsDisclosedFactsAndListsThePartnershipOnlyWithBothConsents() async throws {
        try await withPair { pair in
            let id = try await pair.confirmed(evaluate: (true, true))
            let deskA = ImmersionDesk(node: pair.a)
            let deskB = ImmersionDesk(node: pair.b)
            let june = Pair.day("2027-06-12")

            // Bad input is named and writes nothing.
            let before = try pair.a.store.envelopeCount()
            var missingForm = Self.answer(id, months: 3, worked: true, listed: true)
            missingForm.jointWork = []
            let error = try #require(throws: ValidationError.self) { try deskA.followUp(id, missingForm, by: pair.visitor, today: june) }
            #expect(error.issues.map(\.field) == ["jointWork"])
            var notTogether = Self.answer(id, months: 3, worked: false, listed: false)
            notTogether.listInDirectory = true
            #expect(throws: ValidationError.self) { try deskA.followUp(id, notTogether, by: pair.visitor, today: june) }
            #expect(try pair.a.store.envelopeCount() == before)

            let visitorAnswer = Self.answer(
                id,
                months: 3,
                worked: true,
                listed: true,
                practice: "\(Self.marker) : j'appelle le CMP avant d'orienter."
            )
            try deskA.followUp(id, visitorAnswer, by: pair.visitor, today: june, now: Pair.date("2027-06-12"))
            let afterFirst = try pair.a.store.envelopeCount()
            #expect(afterFirst == before + 2, "the sealed answer and the structure's partnership declaration")
            try deskA.followUp(id, visitorAnswer, by: pair.referentA, today: june, now: Pair.date("2027-06-12", hour: 11))
            #expect(try pair.a.store.envelopeCount() == afterFirst, "the same answer again writes nothing")
            #expect(try ToDoList(node: pair.a).items(for: pair.referentA, today: june, names: [:]).allSatisfy { $0.kind != .followUp })
            try await pair.sync()

            // One side's consent is not enough for the directory.
            #expect(try Partnerships.of(pair.a.structureID, store: pair.network.hub.store).isEmpty)
            try deskB.followUp(
                id,
                Self.answer(id, months: 3, worked: true, listed: true),
                by: pair.referentB,
                today: june,
                now: Pair.date("2027-06-13")
            )
            try await pair.sync()
            let listed = [Partnerships.Listed(partner: pair.b.structureID, since: Pair.day("2027-03-08"), immersions: 1)]
            for node in [pair.network.hub, pair.a, pair.b] {
                #expect(try Partnerships.of(pair.a.structureID, store: node.store) == listed)
            }
            #expect(try Partnerships.of(pair.b.structureID, store: pair.a.store).map(\.partner) == [pair.a.structureID])

            // Each side reads both answers; the hub relays them and cannot read them.
            let atA = try #require(try ImmersionBook(node: pair.a).immersion(id))
            #expect(try deskA.followUps(of: atA).map(\.structure) == [pair.a.structureID, pair.b.structureID])
            #expect(
                try deskB.followUps(of: try #require(try ImmersionBook(node: pair.b).immersion(id))).first?.followUp.practice.contains(Self.marker)
                    == true
            )
            let atHub = try pair.network.hub.store.currentRecords(type: ImmersionFollowUp.recordType)
            #expect(atHub.count == 2)
            for record in atHub {
                #expect(throws: (any Error).self) { try pair.network.hub.clearBody(of: record) }
                #expect(!String(decoding: record.body, as: UTF8.self).contains(Self.marker))
            }

            // The hub counts from the disclosed facts: one immersion followed, by joint work, sanitaire hosting.
            let thread = try #require(try Steering(store: pair.network.hub.store).threads().first { $0.id == id })
            #expect(Set(thread.followUps.map(\.structure)) == [pair.a.structureID, pair.b.structureID])
            #expect(thread.followUps.allSatisfy { $0.months == 3 && $0.joint && $0.contact })
            let figures = try Dashboard(node: pair.network.hub, today: june).followUps
            #expect(figures.due == 1 && figures.followed == 1 && figures.joint == 1 && figures.jointShare == 1)
            #expect(figures.pairs == [FollowUpFigures.PairRow(visitor: .informationOrientation, host: .sanitaire, followed: 1, joint: 1)])

            // Six months on, the host withdraws its consent: the directory no longer lists it.
            let september = Pair.day("2027-09-12")
            try deskB.followUp(id, Self.answer(id, months: 6, worked: true, listed: false), by: pair.referentB, today: september)
            try await pair.sync()
            #expect(try Partnerships.of(pair.a.structureID, store: pair.network.hub.store).isEmpty)
            let later = try Dashboard(node: pair.network.hub, today: september).followUps
            #expect(later.answers == 3 && later.contactYes == 3)
        }
    }

    @Test func theFollowUpIsAskedByEmailOnceThenRemindedTwoWeeksLater() async throws {
        try await withPair { pair in
            let sendmail = try StandInSendmail()
            let notifier = SendmailNotifier(command: "\(sendmail.script.path) -t -i", from: "vmvp@cmp.example")
            let atB = NotificationService(node: pair.b, notifier: notifier, siteURL: "https://vmvp.cmp.example")
            let id = try await pair.confirmed(evaluate: (true, true))
            #expect(try await atB.run(today: Pair.day("2027-06-09")) == 0)
            #expect(try await atB.run(today: Pair.day("2027-06-10")) == 1, "B's referent, not B's professional")
            let message = try #require(sendmail.messages.last)
            #expect(message.contains("To: claire.martin@ch-beziers.example") && message.contains("Suivi à 3 mois"))
            #expect(message.contains("https://vmvp.cmp.example/immersions/\(id)#suivi"), "the link opens the follow-up")
            #expect(try await atB.run(today: Pair.day("2027-06-11")) == 0, "once")
            #expect(try await atB.run(today: Pair.day("2027-06-24")) == 1, "reminded two weeks on")
            #expect(try #require(sendmail.messages.last).contains("Rappel : le suivi était attendu le 10 juin 2027."))
            try ImmersionDesk(node: pair.b).followUp(
                id,
                Self.answer(id, months: 3, worked: false, listed: false),
                by: pair.referentB,
                today: Pair.day("2027-06-25")
            )
            #expect(try await atB.run(today: Pair.day("2027-07-01")) == 0, "answered: no more reminders")
            #expect(try await atB.run(today: Pair.day("2027-09-10")) == 1, "the six-month follow-up")
        }
    }
}
