import Exchange
import Federation
import Foundation
import NetworkSupport
import TestSupport
import Testing
import Workflow

@testable import Records
@testable import Storage

@Suite("The MDA publishes the network's rules", .serialized)
struct NetworkRulesDeskTests {
    let staff = AdministrativeActor(name: "coordination@mda34.example", address: "192.0.2.10")

    @Test func glossaryEntriesAreAddedVersionedRetractedAndReachTheNodes() async throws {
        try await withTestNetwork { network in
            let desk = NetworkRulesDesk(node: network.hub)
            let node = try await network.addNode("Collège de Lunel", sector: .educatif)
            #expect(try desk.glossary().contains { $0.entry.term == "CMP" }, "a new hub publishes the defaults")

            let pmi = try desk.saveGlossaryEntry(
                GlossaryEntry(term: "PMI", expansion: "Protection maternelle et infantile", definition: "Service du département."),
                replacing: nil,
                by: staff
            )
            #expect(pmi.versions == 1)
            #expect(throws: ValidationError.self) {
                try desk.saveGlossaryEntry(GlossaryEntry(term: "pmi", expansion: "Doublon", definition: "Doublon."), replacing: nil, by: staff)
            }
            #expect(throws: ValidationError.self) {
                try desk.saveGlossaryEntry(GlossaryEntry(term: "P M I", expansion: "x", definition: "x"), replacing: nil, by: staff)
            }
            let edited = try desk.saveGlossaryEntry(
                GlossaryEntry(
                    term: "PMI",
                    expansion: "Protection maternelle et infantile",
                    definition: "Service du Conseil départemental pour les 0-6 ans."
                ),
                replacing: pmi.record,
                by: staff
            )
            #expect(edited.record == pmi.record && edited.versions == 2, "a new version of the same record")
            let again = try desk.saveGlossaryEntry(edited.entry, replacing: pmi.record, by: staff)
            #expect(again.versions == 2, "saving what is published signs nothing")
            let history = try desk.glossaryHistory(pmi.record)
            #expect(history.map(\.number) == [2, 1] && history[1].body.definition == "Service du département.")

            try await network.sync(node)
            let seen = try node.store.currentRecords(type: GlossaryEntry.recordType).compactMap { try? $0.decode(GlossaryEntry.self) }
            #expect(seen.first { $0.term == "PMI" }?.definition == "Service du Conseil départemental pour les 0-6 ans.")

            try desk.retractGlossaryEntry(pmi.record, by: staff)
            #expect(throws: AdministrationError.unknownRule) { try desk.retractGlossaryEntry(pmi.record, by: staff) }
            try await network.sync(node)
            let after = try node.store.currentRecords(type: GlossaryEntry.recordType).compactMap { try? $0.decode(GlossaryEntry.self) }
            #expect(!after.contains { $0.term == "PMI" })
            let audit = try network.hub.audit.entries().filter { $0.action == .rulePublished }
            #expect(audit.count == 3 && audit.allSatisfy { $0.actor == staff.name })
            #expect(audit.first?.subject == "Lexique : PMI retiré")
            #expect(throws: AdministrationError.notHub) { try NetworkRulesDesk(node: node).retractGlossaryEntry(pmi.record, by: staff) }
        }
    }

    @Test func theTemplateAndTheReciprocityRuleKeepTheirHistory() async throws {
        try await withTestNetwork { network in
            let desk = NetworkRulesDesk(node: network.hub)
            let node = try await network.addNode("CMP de Béziers", sector: .sanitaire)
            let broken = ConventionTemplateRecord(title: "Modèle", text: "Sans champs.", principles: "Principes.")
            #expect(throws: ValidationError.self) { try desk.publishTemplate(broken, by: staff) }
            #expect(try desk.templateHistory().isEmpty, "a refused template stores nothing")

            let text = ConventionTemplate.text
            let first = ConventionTemplateRecord(title: "Convention du réseau 2027", text: text, principles: ConventionTemplate.principles)
            #expect(try desk.publishTemplate(first, by: staff))
            #expect(try !desk.publishTemplate(first, by: staff), "the same text publishes nothing")
            let second = ConventionTemplateRecord(
                title: "Convention du réseau, version de mars",
                text: text + "\nFait en trois exemplaires.",
                principles: ConventionTemplate.principles
            )
            #expect(try desk.publishTemplate(second, by: staff))
            let history = try desk.templateHistory()
            #expect(history.map(\.number) == [2, 1] && history[0].body == second && history[0].record == history[1].record)

            #expect(throws: ValidationError.self) { try desk.publishReciprocity(ReciprocityPolicy(minimumPublishedOffers: 0), by: staff) }
            #expect(try desk.publishReciprocity(ReciprocityPolicy(minimumPublishedOffers: 2, maximumDaysOwed: 6), by: staff))
            #expect(try desk.publishReciprocity(ReciprocityPolicy(minimumPublishedOffers: 1), by: staff))
            #expect(try desk.reciprocityHistory().map(\.body.minimumPublishedOffers) == [1, 2])

            try await network.sync(node)
            let immersions = ImmersionDesk(node: node)
            #expect(try immersions.networkTemplate() == second, "nodes use the latest version")
            #expect(try immersions.reciprocityPolicy().minimumPublishedOffers == 1)
            #expect(try NetworkRulesDesk(node: node).templateHistory().count == 2, "every node holds the history")
        }
    }
}
