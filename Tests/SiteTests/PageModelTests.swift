import Foundation
import Hummingbird
import HummingbirdTesting
import Mustache
import TestSupport
import Testing

@testable import Matching
@testable import Records
@testable import Site
@testable import Storage
@testable import Workflow

/// Page models are built and rendered without HTTP.
@Suite("Page models")
struct PageModelTests {
    @Test func everyTemplateFileIsRegisteredAndEveryRegisteredTemplateIsAFile() throws {
        let folder = TestPaths.repositoryRoot.appendingPathComponent("Sources/Site/Templates")
        let files = Set(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".mustache") }.map { String($0.dropLast(9)) }
        )
        let registered = Set(TemplateLibrary.files.map(\.name))
        #expect(files == registered)
        for file in TemplateLibrary.files {
            let onDisk = try Data(contentsOf: folder.appendingPathComponent("\(file.name).mustache"))
            #expect(Digest.sha256Hex([UInt8](onDisk)) == Digest.sha256Hex(file.bytes), "\(file.name) is embedded as written")
        }
        _ = try TemplateLibrary.load()
    }

    @Test func noTemplatePreselectsAChoice() throws {
        // A radio button or an option is checked or selected only when the person chose it
        // (a `{{#…}}` condition on what they sent), never by the template itself.
        for file in TemplateLibrary.files {
            let text = String(decoding: file.bytes, as: UTF8.self)
            for tag in text.components(separatedBy: "<").dropFirst() where tag.hasPrefix("input") || tag.hasPrefix("option") {
                let head = tag.prefix { $0 != ">" }
                for word in [" checked", " selected"] where head.contains(word) {
                    #expect(head.contains("}}\(word){{/"), "\(file.name): <\(head)>")
                }
            }
        }
    }

    @Test func theCatalogueQueryReadsTheAddressAndNamesWhatItCannotRead() {
        let query = CatalogueQuery(Form(encoded: "q=soin+psy&sector=sanitaire&month=2027-13&duration=4&places=1&page=3"))
        #expect(query.text == "soin psy" && query.sector == .sanitaire && query.places && query.page == 3)
        let (search, problem) = query.search(today: Day("2027-01-04")!)
        #expect(search.text == "soin psy" && search.maxDurationHalfDays == 4 && search.minimumCapacity == 1 && search.offset == 40)
        #expect(search.month == nil && problem == "Mois « 2027-13 » non reconnu : choisissez un mois (AAAA-MM).")
        #expect(query.link(page: 4) == "/?q=soin%20psy&sector=sanitaire&month=2027%2D13&duration=4&places=1&page=4")
    }

    @Test func theCataloguePageCountsAndPaginatesInFrench() throws {
        let offer = try Offer.validated(Samples.offer())
        let hit = OfferHit(record: RecordID.make(), origin: RecordID.make(), structureName: "CMP de Béziers", sector: .sanitaire, offer: offer)
        let glossary = try Glossary(store: Self.node().store)
        let page = CataloguePage(
            query: CatalogueQuery(Form(encoded: "page=2")),
            result: OfferSearchResult(total: 41, hits: [hit]),
            problem: nil,
            glossary: glossary
        )
        #expect(page.resultLabel == "41 offres trouvées")
        #expect(page.pagination?.pages == 3 && page.pagination?.previous == "/?page=1" && page.pagination?.next == "/?page=3")
        #expect(page.hits.first?.duration == "5 demi-journées (2 jours et demi)")
        let one = CataloguePage(
            query: CatalogueQuery(Form(encoded: "")),
            result: OfferSearchResult(total: 1, hits: [hit]),
            problem: nil,
            glossary: glossary
        )
        #expect(one.resultLabel == "1 offre trouvée" && one.pagination == nil)
    }

    @Test func aStructurePageListsItsEstablishments() throws {
        let profile = StructureProfile(
            name: "Mission locale Centre Hérault",
            sector: .informationOrientation,
            establishments: [.init(name: "Antenne de Lodève", commune: "Lodève")],
            signingKey: Base64.encode(SigningIdentity().publicKey),
            encryptionKey: Base64.encode(EncryptionIdentity().publicKey)
        )
        let page = StructurePage(profile: profile, offers: [], glossary: try Glossary(store: Self.node().store))
        let html = try #require(try TemplateLibrary.load().render(page, withTemplate: StructurePage.template))
        #expect(html.contains("<h2>Établissements</h2>") && html.contains("Antenne de Lodève, Lodève"))
    }

    @Test func aNewDemandListsTheOffersThatMatchIt() throws {
        let offer = try Offer.validated(Samples.offer())
        let hit = OfferHit(
            record: "01a00000-0000-7000-8000-000000000001",
            origin: RecordID.make(),
            structureName: "CMP de Béziers",
            sector: .sanitaire,
            offer: offer
        )
        let html = try #require(try TemplateLibrary.load().render(DemandsPage(demands: [], matches: [hit]), withTemplate: DemandsPage.template))
        #expect(html.contains("href=\"/offres/01a00000-0000-7000-8000-000000000001\"") && html.contains("CMP de Béziers, Béziers"))
        #expect(!html.contains("Aucune offre publiée ne correspond encore"))
        let none = try #require(try TemplateLibrary.load().render(DemandsPage(demands: [], matches: []), withTemplate: DemandsPage.template))
        #expect(none.contains("Aucune offre publiée ne correspond encore"))
    }

    @Test func noSuggestionIsSaidInWordsNotZeros() throws {
        let empty = SuggestionResult(
            chosen: [],
            pairsFound: 0,
            cyclesOfThreeFound: 0,
            proven: true,
            searchNodes: 0,
            upperBound: 0,
            seconds: (0, 0, 0)
        )
        let inputs = NetworkSuggestions.Inputs(wishes: [], places: [], demands: [:], offers: [:])
        let page = SuggestionsPage(result: empty, inputs: inputs, names: [:], me: "moi")
        #expect(page.summary == "Aucun échange n'est possible pour l'instant entre les demandes et les offres du réseau.")
        #expect(!page.summary.contains("0 "))
    }

    static func node() throws -> OpenNode {
        try NodeDirectory.create(at: TestPaths.temporaryDirectory("pages").appendingPathComponent("node").path) { s, e in
            StructureProfile(name: "Collège", sector: .educatif, signingKey: s, encryptionKey: e)
        }
    }
}
