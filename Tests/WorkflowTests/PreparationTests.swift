import Exchange
import Foundation
import NetworkSupport
import TestSupport
import Testing

@testable import Records
@testable import Storage
@testable import Workflow

/// The visitor prepares once every party signed: objectives and questions, sealed to the host.
@Suite("The visitor's preparation", .serialized)
struct PreparationTests {
    static let objectives = "Comprendre comment l'équipe reçoit une première demande.\nSavoir quand orienter."
    static let marker = "Marqueur-préparation-7f3a"

    @Test func theVisitorPreparesOnceSignedAndTheHostReadsItSealedFromTheHub() async throws {
        try await withPair { pair in
            let id = try pair.request()
            try await pair.sync()
            let desk = ImmersionDesk(node: pair.a)
            let early = Pair.day("2027-01-16")
            // Not before every party signed.
            #expect(throws: Refusal.self) {
                try desk.prepare(id, objectives: Self.objectives, questions: ["Q ?"], by: pair.visitor, today: early, now: Pair.date("2027-01-16"))
            }
            try await pair.signedByAll(id)
            let today = Pair.day("2027-01-20")
            let book = ImmersionBook(node: pair.a)
            let immersion = try #require(try book.immersion(id))
            #expect(desk.mayPrepare(immersion, by: pair.visitor, today: today))
            #expect(!desk.mayPrepare(immersion, by: pair.referentA, today: today), "the visitor's own words")
            let items = try ToDoList(node: pair.a).items(for: pair.visitor, today: today, names: [:])
            #expect(items.contains { $0.kind == .prepare && $0.title.hasPrefix("Préparer votre immersion") })

            // Bad input is named and writes nothing.
            let before = try pair.a.store.envelopeCount()
            let error = try #require(throws: ValidationError.self) {
                try desk.prepare(id, objectives: "", questions: ["", " "], by: pair.visitor, today: today, now: Pair.date("2027-01-20"))
            }
            #expect(Set(error.issues.map(\.field)) == ["objectives", "questions"])
            #expect(try pair.a.store.envelopeCount() == before)

            let questions = ["\(Self.marker) : quel délai pour un premier rendez-vous ?", "Qui appeler en urgence ?"]
            try desk.prepare(
                id,
                objectives: Self.objectives,
                questions: questions + [""],
                by: pair.visitor,
                today: today,
                now: Pair.date("2027-01-20")
            )
            try desk.prepare(id, objectives: Self.objectives, questions: questions, by: pair.visitor, today: today, now: Pair.date("2027-01-20"))
            #expect(try pair.a.store.envelopeCount() == before + 1, "the same text twice signs once")
            #expect(try ToDoList(node: pair.a).items(for: pair.visitor, today: today, names: [:]).allSatisfy { $0.kind != .prepare })
            try desk.prepare(id, objectives: Self.objectives + "\nVoir une réunion clinique.", questions: questions, by: pair.visitor, today: today)
            try await pair.sync()

            let hostView = try #require(try ImmersionBook(node: pair.b).immersion(id))
            let atHost = try #require(try ImmersionDesk(node: pair.b).preparation(of: hostView))
            #expect(atHost.objectives.hasSuffix("Voir une réunion clinique.") && atHost.questions == questions, "the latest version")
            let records = try pair.b.store.currentRecords(type: ImmersionPreparation.recordType)
            #expect(records.count == 1, "a change is a new version of the same record")
            // The hub relays it and cannot read it.
            let atHub = try pair.network.hub.store.currentRecords(type: ImmersionPreparation.recordType)
            #expect(atHub.count == 1)
            for record in atHub {
                #expect(throws: (any Error).self) { try pair.network.hub.clearBody(of: record) }
                #expect(!String(decoding: record.body, as: UTF8.self).contains(Self.marker))
            }
            // Once the first day came, it is too late to change.
            let during = Pair.day("2027-03-08")
            #expect(throws: Refusal.self) { try desk.prepare(id, objectives: "x", questions: ["y"], by: pair.visitor, today: during) }
        }
    }
}
