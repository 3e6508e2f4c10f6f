import Records
import Testing

@testable import Exchange

@Suite("The référentiel as text")
struct FrameworkTextTests {
    @Test func theShippedReferentielReadsAndHasEverySection() throws {
        let standard = FrameworkText.standard
        #expect(standard.purpose.contains("connaissance mutuelle"))
        #expect(standard.observationGrid.count == 6 && standard.observationGrid.last == "Ce qui m'a surpris")
        #expect(standard.welcomeChecklist.contains { $0.contains("confidentialité") })
        #expect(standard.debriefQuestions.count == 4)
        #expect(try FrameworkText.parse(FrameworkText.render(standard)) == standard, "render and parse round-trip")
    }

    @Test func aTextWithoutASectionIsRefusedByTheRecordsRules() {
        #expect(throws: ValidationError.self) { try FrameworkText.parse("# Finalité\nConnaître l'autre.\n# Préparation\nDes objectifs.") }
    }
}
