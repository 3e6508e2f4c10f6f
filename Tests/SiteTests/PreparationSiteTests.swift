import Exchange
import Foundation
import Hummingbird
import HummingbirdTesting
import NetworkSupport
import TestSupport
import Testing

@testable import Records
@testable import Site
@testable import Storage
@testable import Workflow

/// The preparation and the carnet d'immersion on the sites.
@Suite("Preparation and carnet in the sites")
struct PreparationSiteTests {
    /// The visitor as the site's account `pro@a.example`.
    static let visitor = Actor(name: "Karim Benali", email: "pro@a.example", role: .professionnel)

    /// A request by `pro@a.example`, accepted and signed by all.
    static func confirmed(_ pair: Pair) async throws -> String {
        let id = try pair.request(by: visitor)
        try await pair.sync()
        try ImmersionDesk(node: pair.b).accept(id, terms: Pair.terms, by: pair.referentB, today: Pair.day("2027-01-15"))
        try await pair.sync()
        let version = try #require(try ImmersionBook(node: pair.a).immersion(id)?.currentConvention?.versionHash)
        let day = Pair.day("2027-01-15")
        try ImmersionDesk(node: pair.a).sign(id, as: .visitor, version: version, confirmed: true, by: visitor, today: day)
        try ImmersionDesk(node: pair.a).sign(id, as: .employer, version: version, confirmed: true, by: pair.referentA, today: day)
        try ImmersionDesk(node: pair.b).sign(id, as: .host, version: version, confirmed: true, by: pair.referentB, today: day)
        try await pair.sync()
        return id
    }

    @Test func theVisitorPreparesAndPrintsTheCarnetAndTheHostReadsTheObjectives() async throws {
        try await withPair { pair in
            let sites = try TwoSites(pair: pair)
            let pending = try pair.request(period: Period(from: Pair.day("2027-03-22"), to: Pair.day("2027-03-23")), by: Self.visitor)
            let id = try await Self.confirmed(pair)
            try await sites.run { a, b, _ in
                let visitor = try #require(try await Browser.login(a, email: "pro@a.example").1)
                #expect(try await visitor.get(a, "/immersions/\(pending)/carnet").status == .conflict, "no carnet before the signatures")
                let page = try await visitor.get(a, "/immersions/\(id)")
                #expect(page.html.contains("action=\"/immersions/\(id)/preparation\"") && page.html.contains("Carnet d'immersion à imprimer"))
                let empty = try await visitor.post(a, "/immersions/\(id)/preparation", [("objectives", ""), ("question", "")])
                #expect(empty.status == .badRequest && empty.html.contains("id=\"preparation-erreur\""))
                let saved = try await visitor.post(
                    a,
                    "/immersions/\(id)/preparation",
                    [
                        ("objectives", "Savoir quand orienter vers le CMP."), ("question", "Quel délai ?"), ("question", ""),
                        ("question", "Qui appeler ?"),
                    ]
                )
                #expect(saved.status == .seeOther && saved.headers[.location] == "/immersions/\(id)?fait=preparation")
                let carnet = try await visitor.get(a, "/immersions/\(id)/carnet")
                #expect(carnet.status == .ok)
                for words in [
                    "Carnet d'immersion", "Savoir quand orienter vers le CMP.", "Qui appeler ?", "Grille d'observation",
                    "Ce qui m'a surpris", "Pour le débriefing",
                ] {
                    #expect(carnet.text.contains(words), "\(words)")
                }
                let referent = try #require(try await Browser.login(a, email: "ref@a.example").1)
                let noForm = try await referent.get(a, "/immersions/\(id)")
                #expect(!noForm.html.contains("action=\"/immersions/\(id)/preparation\""), "only the visitor writes it")
                #expect(try await referent.post(a, "/immersions/\(id)/preparation", [("objectives", "x"), ("question", "y")]).status == .conflict)

                try await pair.sync()
                let host = try #require(try await Browser.login(b, email: "ref@b.example").1)
                let hostPage = try await host.get(b, "/immersions/\(id)")
                #expect(hostPage.html.contains("Ce que la personne vient chercher") && hostPage.html.contains("Savoir quand orienter vers le CMP."))
                #expect(hostPage.html.contains("<li>Quel délai ?</li><li>Qui appeler ?</li>"))
            }
        }
    }
}
