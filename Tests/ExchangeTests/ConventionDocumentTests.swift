import Records
import Testing

@testable import Exchange

/// The convention's template read as a document: headings, fields, lists and the parties' place.
@Suite("Convention as a document")
struct ConventionDocumentTests {
    @Test func theShippedTemplateReadsAsSections() {
        let document = ConventionDocument(ConventionTests.base)
        #expect(document.title == "Convention d'immersion professionnelle")
        let headings = document.blocks.compactMap { if case .heading(let h) = $0 { h } else { nil } }
        #expect(
            headings == [
                "Les parties", "Objet", "Dates, horaires et lieux", "Programme", "Principes éthiques", "Informations pratiques", "Signature",
            ]
        )
        #expect(document.blocks.contains(.parties))
        #expect(
            document.blocks.contains(
                .fields([
                    .init(title: "Dates", text: "du 8 mars 2027 au 10 mars 2027."), .init(title: "Horaires", text: "9 h – 17 h."),
                    .init(title: "Lieux", text: "CMP, avenue Foch, Béziers."),
                ])
            )
        )
        var principles: [ConventionDocument.Item] = []
        for block in document.blocks { if case .numbered(let items) = block { principles += items } }
        #expect(principles.first?.title == "Confidentialité et secret professionnel")
        #expect(principles.count == 5)
        // Nothing of the plain-text layout shows through.
        for block in document.blocks {
            if case .paragraph(let text) = block { #expect(!text.hasPrefix("- ") && !text.contains("{{")) }
        }
    }

    @Test func thePlainTextStillNamesThePartiesInLines() {
        let text = ConventionTests.base.text()
        #expect(text.contains("- la personne accueillie : Karim Benali, Éducateur PJJ, UEMO de Montpellier ;"))
        #expect(!text.contains("{{parties}}"))
    }

    @Test func anOlderTemplateStillPrints() {
        var convention = ConventionTests.base
        convention.template =
            "CONVENTION — Vis ma vie pro\n\nEntre :\n- la personne accueillie : {{visiteur}} ;\n- l'accueil : {{accueil}}.\n\nDates : {{dates}}."
        let document = ConventionDocument(convention)
        #expect(document.title == "CONVENTION — Vis ma vie pro")
        #expect(document.blocks.first == .heading("Entre"))
        #expect(
            document.blocks.dropFirst().first
                == .list([
                    "la personne accueillie : Karim Benali, Éducateur PJJ, UEMO de Montpellier ;",
                    "l'accueil : Claire Martin, Cadre de santé, CMP infanto-juvénile de Béziers.",
                ])
        )
    }
}
