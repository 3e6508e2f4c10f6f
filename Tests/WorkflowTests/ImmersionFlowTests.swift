import Exchange
import Foundation
import NetworkSupport
import TestSupport
import Testing

@testable import Records
@testable import Storage
@testable import Workflow

@Suite("Immersion workflow across a hub and two nodes", .serialized)
struct ImmersionFlowTests {
    /// request → answer → convention → all signatures → evaluation → attestation, every step
    /// visible on both nodes after sync, the bodies sealed at the hub.
    @Test func theWholeLifecycleOverMutualTLS() async throws {
        try await withPair { pair in
            let deskA = ImmersionDesk(node: pair.a)
            let deskB = ImmersionDesk(node: pair.b)
            let id = try pair.request()
            #expect(try pair.state(id, on: pair.a, today: "2027-01-15") == .requested)
            #expect(try pair.state(id, on: pair.b, today: "2027-01-15") == nil, "not synced yet")
            try await pair.sync()
            #expect(try pair.state(id, on: pair.b, today: "2027-01-15") == .requested)

            // Only B's referent answers.
            #expect(throws: Refusal.self) { try deskB.accept(id, terms: Pair.terms, by: pair.professionalB, today: Pair.day("2027-01-16")) }
            #expect(throws: Refusal.self) { try deskA.accept(id, terms: Pair.terms, by: pair.referentA, today: Pair.day("2027-01-16")) }
            try deskB.accept(id, terms: Pair.terms, by: pair.referentB, today: Pair.day("2027-01-16"), now: Pair.date("2027-01-16"))
            #expect(throws: Refusal.self, "answered once") {
                try deskB.decline(id, reason: .offerFull, text: "", by: pair.referentB, today: Pair.day("2027-01-16"))
            }
            try await pair.sync()
            for node in [pair.a, pair.b] {
                #expect(try pair.state(id, on: node, today: "2027-01-17") == .awaitingSignatures(missing: [.visitor, .employer, .host]))
            }

            // Signatures, each by its party on its own node, on the current version.
            let v1 = try #require(try ImmersionBook(node: pair.a).immersion(id)?.currentConvention?.versionHash)
            #expect(throws: Refusal.self, "a colleague cannot sign for the visitor") {
                try deskA.sign(id, as: .visitor, version: v1, confirmed: true, by: pair.colleague, today: Pair.day("2027-01-17"))
            }
            #expect(throws: Refusal.self, "the host does not sign for the employer") {
                try deskB.sign(id, as: .employer, version: v1, confirmed: true, by: pair.referentB, today: Pair.day("2027-01-17"))
            }
            #expect(throws: Refusal.self, "a signature names the current version") {
                try deskA.sign(
                    id,
                    as: .visitor,
                    version: String(repeating: "0", count: 64),
                    confirmed: true,
                    by: pair.visitor,
                    today: Pair.day("2027-01-17")
                )
            }
            try deskA.sign(
                id,
                as: .visitor,
                version: v1,
                confirmed: true,
                by: pair.visitor,
                today: Pair.day("2027-01-17"),
                now: Pair.date("2027-01-17")
            )
            #expect(throws: Refusal.self, "signed once") {
                try deskA.sign(id, as: .visitor, version: v1, confirmed: true, by: pair.visitor, today: Pair.day("2027-01-17"))
            }
            try deskA.sign(
                id,
                as: .employer,
                version: v1,
                confirmed: true,
                by: pair.referentA,
                today: Pair.day("2027-01-17"),
                now: Pair.date("2027-01-17")
            )
            try deskB.sign(
                id,
                as: .host,
                version: v1,
                confirmed: true,
                by: pair.referentB,
                today: Pair.day("2027-01-17"),
                now: Pair.date("2027-01-17")
            )
            try await pair.sync()
            let period = Pair.terms.period
            for node in [pair.a, pair.b] { #expect(try pair.state(id, on: node, today: "2027-01-18") == .confirmed(period)) }
            #expect(try pair.state(id, on: pair.a, today: "2027-03-09") == .inProgress(period))

            // A phone number fixed: signatures kept. The hours changed: everyone signs again.
            let unchanged = try deskB.reviseConvention(
                id,
                terms: Pair.terms,
                contacts: ("", "", "04 67 11 22 33"),
                by: pair.referentB,
                today: Pair.day("2027-01-20"),
                now: Pair.date("2027-01-20")
            )
            #expect(unchanged.material.isEmpty && unchanged.other == ["les coordonnées"])
            try await pair.sync()
            for node in [pair.a, pair.b] { #expect(try pair.state(id, on: node, today: "2027-01-20") == .confirmed(period)) }
            var later = Pair.terms
            later.hours = "10 h – 16 h"
            let changed = try deskB.reviseConvention(
                id,
                terms: later,
                by: pair.referentB,
                today: Pair.day("2027-01-21"),
                now: Pair.date("2027-01-21")
            )
            #expect(changed.material == ["les horaires"])
            try await pair.sync()
            for node in [pair.a, pair.b] {
                #expect(try pair.state(id, on: node, today: "2027-01-21") == .awaitingSignatures(missing: [.visitor, .employer, .host]))
            }
            #expect(throws: Refusal.self, "a signature on an old version never counts for a new one") {
                try deskA.sign(id, as: .visitor, version: v1, confirmed: true, by: pair.visitor, today: Pair.day("2027-01-21"))
            }
            let v3 = try #require(try ImmersionBook(node: pair.a).immersion(id)?.currentConvention?.versionHash)
            try deskA.sign(
                id,
                as: .visitor,
                version: v3,
                confirmed: true,
                by: pair.visitor,
                today: Pair.day("2027-01-22"),
                now: Pair.date("2027-01-22")
            )
            try deskA.sign(
                id,
                as: .employer,
                version: v3,
                confirmed: true,
                by: pair.referentA,
                today: Pair.day("2027-01-22"),
                now: Pair.date("2027-01-22")
            )
            try deskB.sign(
                id,
                as: .host,
                version: v3,
                confirmed: true,
                by: pair.referentB,
                today: Pair.day("2027-01-22"),
                now: Pair.date("2027-01-22")
            )
            try await pair.sync()

            // After the dates: both evaluate, the attestation becomes available on both nodes.
            let after = Pair.day("2027-03-12")
            for node in [pair.a, pair.b] { #expect(try pair.state(id, on: node, today: "2027-03-12") == .completed(period)) }
            #expect(throws: Refusal.self, "the immersion is not over yet") {
                try deskA.evaluate(id, Self.evaluation(id, .visitor), by: pair.visitor, today: Pair.day("2027-03-09"))
            }
            try deskA.evaluate(id, Self.evaluation(id, .visitor), by: pair.visitor, today: after, now: Pair.date("2027-03-12"))
            try deskB.evaluate(id, Self.evaluation(id, .host), by: pair.referentB, today: after, now: Pair.date("2027-03-12"))
            #expect(throws: Refusal.self, "evaluated once") {
                try deskB.evaluate(id, Self.evaluation(id, .host), by: pair.referentB, today: after)
            }
            try await pair.sync()
            for node in [pair.a, pair.b] {
                let immersion = try #require(try ImmersionBook(node: node).immersion(id))
                #expect(immersion.analysis.visitorEvaluation?.practiceChanges == "Appeler le CMP avant d'orienter.")
                #expect(immersion.analysis.attestationAvailable(today: after))
                #expect(immersion.entries.count == 13, "request, answer, 3 versions, 6 signatures, 2 evaluations")
            }

            // The hub relayed every step and can read none: only the disclosed thread and step kind.
            let atHub = try ImmersionBook.stepTypes.flatMap { try pair.network.hub.store.currentRecords(type: $0) }
            #expect(atHub.count == 13)
            for record in atHub {
                #expect(throws: (any Error).self) { try pair.network.hub.clearBody(of: record) }
                let text = String(decoding: record.body, as: UTF8.self)
                #expect(!text.contains("Karim") && !text.contains("CMP, 12 avenue") && !text.contains("Appeler le CMP"))
                let sealed = try SealedBody(json: JSONParser.parse(record.body))
                #expect(sealed.disclosed?.thread == id)
            }
            #expect(try ImmersionBook(node: pair.network.hub).all().isEmpty)
        }
    }

    static func evaluation(_ id: String, _ role: ImmersionEvaluation.Role) -> ImmersionEvaluation {
        ImmersionEvaluation(
            request: id,
            role: role,
            attended: true,
            expected: "Comprendre l'orientation",
            observed: "Une réunion clinique, deux accueils",
            changedView: "Le délai d'attente s'explique",
            satisfaction: 5,
            wouldRecommend: true,
            comments: "",
            practiceChanges: role == .visitor ? "Appeler le CMP avant d'orienter." : ""
        )
    }

    @Test func reciprocityAStructureWithoutPublishedOfferCannotAsk() async throws {
        try await withPair(offerAtA: false) { pair in
            let desk = ImmersionDesk(node: pair.a)
            #expect(try desk.reciprocityProblem()?.contains("au moins une offre d'accueil publiée") == true)
            do {
                _ = try pair.request()
                Issue.record("asked without offering")
            } catch let refusal as Refusal {
                #expect(refusal.message.contains("réciprocité"))
            }
            #expect(try pair.a.store.currentRecords(type: ImmersionRequest.recordType).isEmpty, "nothing stored")
            // A draft is not an offer.
            try pair.a.addOffer(status: "draft")
            #expect(throws: Refusal.self) { try pair.request() }
            try pair.a.addOffer()
            #expect(try desk.reciprocityProblem() == nil)
            _ = try pair.request()

            // The hub can make the rule stricter, never switch it off.
            try pair.network.hub.store.append(ReciprocityPolicy(minimumPublishedOffers: 2), as: pair.network.hub.author)
            try await pair.sync()
            #expect(try desk.reciprocityPolicy().minimumPublishedOffers == 2)
            #expect(try desk.reciprocityProblem()?.contains("2 offres") == true)
            #expect(throws: ValidationError.self) { try ReciprocityPolicy.validated(.object(["minimumPublishedOffers": .integer(0)])) }
            // A node cannot publish network rules: the hub withholds them.
            try pair.b.store.append(ReciprocityPolicy(minimumPublishedOffers: 1), as: pair.b.author)
            try await pair.sync()
            #expect(try desk.reciprocityPolicy().minimumPublishedOffers == 2)
        }
    }

    @Test func requestedDatesMustFitTheOfferAndTheFuture() async throws {
        try await withPair { pair in
            do {
                _ = try pair.request(period: Period(from: Pair.day("2027-05-03"), to: Pair.day("2027-05-04")))
                Issue.record("dates outside the offer were accepted")
            } catch let error as ValidationError {
                #expect(error.issues.first?.message.contains("période proposée par l'offre") == true)
            }
            do {
                _ = try ImmersionDesk(node: pair.a).request(
                    offer: try pair.offerOfB,
                    by: pair.visitor,
                    job: "",
                    experience: "x",
                    period: nil,
                    objective: "x",
                    practisingProfessional: false,
                    today: Pair.day("2027-01-15")
                )
                Issue.record("an incomplete request was accepted")
            } catch let error as ValidationError {
                #expect(Set(error.issues.map(\.field)).isSuperset(of: ["visitorJob", "period", "practisingProfessional"]))
            }
            #expect(try pair.a.store.currentRecords(type: ImmersionRequest.recordType).isEmpty)
        }
    }

    @Test func counterProposalDeclineAndCancellation() async throws {
        try await withPair { pair in
            let deskA = ImmersionDesk(node: pair.a)
            let deskB = ImmersionDesk(node: pair.b)
            let first = try pair.request()
            try await pair.sync()
            let proposed = Period(from: Pair.day("2027-03-15"), to: Pair.day("2027-03-16"))
            try deskB.counter(first, period: proposed, text: "La semaine du 8 est prise.", by: pair.referentB, today: Pair.day("2027-01-16"))
            try await pair.sync()
            #expect(try pair.state(first, on: pair.a, today: "2027-01-17") == .counterProposed(proposed))
            try deskA.agreeToProposedDates(first, by: pair.visitor, today: Pair.day("2027-01-17"))
            try await pair.sync()
            #expect(try pair.state(first, on: pair.b, today: "2027-01-17") == .awaitingSignatures(missing: [.visitor, .employer, .host]))
            let todo = try ToDoList(node: pair.b).items(for: pair.referentB, today: Pair.day("2027-01-17"), names: [:])
            #expect(todo.map(\.kind) == [.convention], "the host draws up the convention for the agreed dates")
            var terms = Pair.terms
            terms.period = proposed
            try deskB.reviseConvention(first, terms: terms, by: pair.referentB, today: Pair.day("2027-01-17"))
            try await pair.sync()
            #expect(try ImmersionBook(node: pair.a).immersion(first)?.currentConvention?.period == proposed)

            // Either structure may cancel before the end; not a stranger, not afterwards.
            #expect(throws: Refusal.self) { try deskA.cancel(first, reason: "x", by: pair.colleague, today: Pair.day("2027-01-18")) }
            try deskA.cancel(first, reason: "Arrêt maladie", by: pair.visitor, today: Pair.day("2027-01-18"))
            try await pair.sync()
            #expect(try pair.state(first, on: pair.b, today: "2027-01-18") == .cancelled(by: pair.a.structureID))
            #expect(throws: Refusal.self) { try deskB.cancel(first, reason: "x", by: pair.referentB, today: Pair.day("2027-01-18")) }

            let second = try pair.request()
            try await pair.sync()
            #expect(throws: ValidationError.self, "another reason needs words") {
                try deskB.decline(second, reason: .other, text: "", by: pair.referentB, today: Pair.day("2027-01-16"))
            }
            try deskB.decline(second, reason: .other, text: "Service en travaux", by: pair.referentB, today: Pair.day("2027-01-16"))
            try await pair.sync()
            #expect(try pair.state(second, on: pair.a, today: "2027-01-17") == .declined(.other))
        }
    }

    @Test func aStepWhoseDisclosedMetadataLiesIsIgnored() async throws {
        try await withPair { pair in
            let id = try pair.request()
            try await pair.sync()
            // B's node claims "decline" to the hub while the sealed answer says accept.
            let answer = ImmersionAnswer(request: id, decision: .accept, period: Pair.terms.period)
            try pair.b.appendSealed(answer, to: [pair.a.structureID], disclosing: .init(thread: id, step: "decline"))
            try await pair.sync()
            #expect(try pair.state(id, on: pair.a, today: "2027-01-17") == .requested)
        }
    }

    @Test func theHubCountsUnansweredRequestsWithoutReadingThem() async throws {
        try await withPair { pair in
            _ = try pair.request()
            let answered = try pair.request(by: pair.colleague)
            try await pair.sync()
            let steering = Steering(store: pair.network.hub.store)
            #expect(try steering.unansweredRequests(today: Pair.day("2027-01-20")).isEmpty, "not yet 10 days")
            #expect(try steering.unansweredRequests(today: Pair.day("2027-01-26")) == [pair.b.structureID: 2])
            try ImmersionDesk(node: pair.b).decline(answered, reason: .offerFull, text: "", by: pair.referentB, today: Pair.day("2027-01-20"))
            try await pair.sync()
            #expect(try steering.unansweredRequests(today: Pair.day("2027-01-26")) == [pair.b.structureID: 1])
            let flagged = try ToDoList(node: pair.b).items(for: pair.referentB, today: Pair.day("2027-01-26"), names: [:])
            #expect(flagged.count == 1 && flagged[0].overdue && flagged[0].detail.contains("sans réponse depuis 11 jours"))
        }
    }

    @Test func notificationsGoOutOnceWithRemindersOnAFakeClock() async throws {
        try await withPair { pair in
            let sendmail = try StandInSendmail()
            let notifier = SendmailNotifier(command: "\(sendmail.script.path) -t -i", from: "vmvp@cmp.example")
            let atB = NotificationService(node: pair.b, notifier: notifier, siteURL: "https://vmvp.cmp.example/")
            let atA = NotificationService(node: pair.a, notifier: notifier, siteURL: "https://vmvp.ml.example")
            let id = try pair.request()
            try await pair.sync()
            #expect(try await atB.run(today: Pair.day("2027-01-15")) == 1, "B's referent, not B's professional")
            #expect(try await atB.run(today: Pair.day("2027-01-16")) == 0, "once")
            #expect(sendmail.arguments.trimmingCharacters(in: .whitespacesAndNewlines) == "-t -i")
            let first = try #require(sendmail.messages.first)
            #expect(first.contains("To: claire.martin@ch-beziers.example"))
            #expect(first.contains("Subject: =?UTF-8?B?"))
            let subjectLines = first.split(separator: "\n").drop { !$0.hasPrefix("Subject:") }.prefix {
                $0.hasPrefix("Subject:") || $0.hasPrefix(" ")
            }
            #expect(subjectLines.count > 1 && subjectLines.allSatisfy { $0.count <= 78 }, "long subjects are folded into short encoded words")
            let decoded = subjectLines.map { line in
                String(decoding: Base64.decode(String(line.split(separator: "?")[3])) ?? [], as: UTF8.self)
            }.joined()
            #expect(decoded == "Vis ma vie pro : Répondre à la demande de Karim Benali (Mission locale Centre Hérault)")
            #expect(first.contains("Content-Type: text/plain; charset=utf-8"))
            #expect(first.contains("https://vmvp.cmp.example/immersions/\(id)"))
            #expect(first.contains("Répondre à la demande de Karim Benali"))
            #expect(!first.contains("Comprendre quand orienter"), "the content of the request stays on the site")
            #expect(try await atB.run(today: Pair.day("2027-01-26")) == 1, "flagged after 10 days")

            let deskA = ImmersionDesk(node: pair.a)
            let deskB = ImmersionDesk(node: pair.b)
            try deskB.accept(id, terms: Pair.terms, by: pair.referentB, today: Pair.day("2027-01-27"))
            try await pair.sync()
            #expect(try await atA.run(today: Pair.day("2027-01-27")) == 2, "the visitor and A's referent each have a signature to give")
            #expect(try await atB.run(today: Pair.day("2027-01-27")) == 1, "B's referent signs for the host")
            let version = try #require(try ImmersionBook(node: pair.a).immersion(id)?.currentConvention?.versionHash)
            try deskA.sign(id, as: .visitor, version: version, confirmed: true, by: pair.visitor, today: Pair.day("2027-01-28"))
            try deskA.sign(id, as: .employer, version: version, confirmed: true, by: pair.referentA, today: Pair.day("2027-01-28"))
            try deskB.sign(id, as: .host, version: version, confirmed: true, by: pair.referentB, today: Pair.day("2027-01-28"))
            try await pair.sync()
            // Evaluations: due the day after the end, reminded 3 and 10 days after it, then quiet.
            #expect(try await atA.run(today: Pair.day("2027-03-11")) == 1)
            #expect(try await atA.run(today: Pair.day("2027-03-12")) == 0)
            #expect(try await atA.run(today: Pair.day("2027-03-13")) == 1, "3 days after the end")
            #expect(try await atA.run(today: Pair.day("2027-03-20")) == 1, "10 days after the end")
            #expect(try await atA.run(today: Pair.day("2027-03-25")) == 0)
            try deskB.evaluate(id, ImmersionFlowTests.evaluation(id, .host), by: pair.referentB, today: Pair.day("2027-03-11"))
            #expect(try await atB.run(today: Pair.day("2027-03-13")) == 0, "done: no reminder")
            let reminder = try #require(sendmail.messages.last { $0.contains("To: karim.benali") })
            #expect(reminder.contains("rappel : 10 jours après la fin"))
        }
    }

    @Test func aFailingSendmailIsRetriedLater() async throws {
        try await withPair { pair in
            _ = try pair.request()
            try await pair.sync()
            let failing = NotificationService(
                node: pair.b,
                notifier: SendmailNotifier(command: "/bin/false", from: "x@y.example"),
                siteURL: "http://x"
            )
            #expect(try await failing.run(today: Pair.day("2027-01-15")) == 0)
            let sendmail = try StandInSendmail()
            let working = NotificationService(
                node: pair.b,
                notifier: SendmailNotifier(command: sendmail.script.path, from: "x@y.example"),
                siteURL: "http://x"
            )
            #expect(try await working.run(today: Pair.day("2027-01-15")) == 1)
        }
    }

    @Test func theCalendarListsConfirmedImmersions() async throws {
        try await withPair { pair in
            let id = try pair.request()
            try await pair.sync()
            let book = ImmersionBook(node: pair.b)
            #expect(!ICalendar.document(try book.all(), today: Pair.day("2027-01-16"), names: [:]).contains("BEGIN:VEVENT"), "not confirmed yet")
            try ImmersionDesk(node: pair.b).accept(id, terms: Pair.terms, by: pair.referentB, today: Pair.day("2027-01-16"))
            try await pair.sync()
            let version = try #require(try ImmersionBook(node: pair.a).immersion(id)?.currentConvention?.versionHash)
            try ImmersionDesk(node: pair.a).sign(id, as: .visitor, version: version, confirmed: true, by: pair.visitor, today: Pair.day("2027-01-17"))
            try ImmersionDesk(node: pair.a).sign(
                id,
                as: .employer,
                version: version,
                confirmed: true,
                by: pair.referentA,
                today: Pair.day("2027-01-17")
            )
            try ImmersionDesk(node: pair.b).sign(id, as: .host, version: version, confirmed: true, by: pair.referentB, today: Pair.day("2027-01-17"))
            try await pair.sync()
            let ics = ICalendar.document(
                try book.all(),
                today: Pair.day("2027-01-18"),
                names: [pair.b.structureID: StructureName("CMP de Béziers", article: .le)],
                now: Pair.date("2027-01-18")
            )
            #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\n") && ics.hasSuffix("END:VCALENDAR\r\n"))
            #expect(ics.contains("DTSTART;VALUE=DATE:20270308\r\n") && ics.contains("DTEND;VALUE=DATE:20270311\r\n"))
            #expect(ics.contains("UID:\(id)@vismaviepro"))
            #expect(ics.contains("LOCATION:CMP\\, 12 avenue Foch\\, Béziers"))
            #expect(ics.split(separator: "\r\n").allSatisfy { $0.utf8.count <= 75 }, "lines folded at 75 octets")
        }
    }
}
