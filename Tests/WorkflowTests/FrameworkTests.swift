import Exchange
import Foundation
import NetworkSupport
import TestSupport
import Testing

@testable import Records
@testable import Storage
@testable import Workflow

@Suite("The référentiel published by the hub")
struct FrameworkTests {
    static let mda = AdministrativeActor(name: "admin@mda.example", address: nil)

    @Test func theHubPublishesVersionsAndEveryNodeUsesTheLatest() async throws {
        try await withTestNetwork(label: "framework") { network in
            let node = try await network.addNode("CMP infanto-juvénile de Béziers", sector: .sanitaire)
            #expect(try NetworkRulesDesk(node: node).framework() == .standard, "the shipped one until the hub publishes")
            let hubDesk = NetworkRulesDesk(node: network.hub)
            var draft = FrameworkText.standard
            draft.debriefQuestions.append("Quel partenariat voulez-vous construire ?")
            #expect(try hubDesk.publishFramework(draft, by: Self.mda))
            #expect(try hubDesk.publishFramework(draft, by: Self.mda) == false, "the same text signs nothing")
            draft.observationGrid = ["Les missions", "Les contraintes"]
            #expect(try hubDesk.publishFramework(draft, by: Self.mda))
            let history = try hubDesk.frameworkHistory()
            #expect(history.map(\.number) == [2, 1] && Set(history.map(\.record)).count == 1, "new versions of one record")
            try await network.syncAll([node])
            let inForce = try NetworkRulesDesk(node: node).framework()
            #expect(inForce.framework == draft && inForce.number == 2 && inForce.version == history[0].envelope)
            #expect(inForce.label.hasPrefix("version 2, publiée le "))
            // Only the hub publishes it, and a node never writes one.
            #expect(throws: AdministrationError.self) { try NetworkRulesDesk(node: node).publishFramework(draft, by: Self.mda) }
            #expect(KnownRecordTypes.hubOnly.contains(ExchangeFramework.recordType))
        }
    }

    @Test func badInputNamesTheFieldAndSignsNothing() async throws {
        try await withTestNetwork(label: "framework-bad") { network in
            var draft = FrameworkText.standard
            draft.debriefQuestions = []
            draft.observationGrid = (1...13).map { "Rubrique \($0)" }
            let error = try #require(throws: ValidationError.self) { try NetworkRulesDesk(node: network.hub).publishFramework(draft, by: Self.mda) }
            #expect(error.issues.map(\.field).sorted() == ["debriefQuestions", "observationGrid"])
            #expect(try NetworkRulesDesk(node: network.hub).frameworkHistory().isEmpty)
        }
    }
}
