import Foundation
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@testable import Records
@testable import Site
@testable import Storage
@testable import Workflow

/// Communes are a checked field: forms offer the official names, accept them without accents
/// or hyphens, and refuse an unknown one with the closest names; the directory draws the map.
@Suite("Communes of the Hérault in the site")
struct CommuneSiteTests {
    @Test func theOfferFormOffersTheOfficialNamesAndStoresTheOfficialSpelling() async throws {
        let fixture = try SiteFixture()
        try await fixture.test { client in
            let referent = try #require(try await Browser.login(client, email: "referent@college.example").1)
            let form = try await referent.get(client, "/offres/nouvelle")
            #expect(form.html.contains("list=\"communes\""))
            #expect(form.html.contains("<datalist id=\"communes\">"))
            #expect(form.html.contains("<option value=\"Clermont-l&#39;Hérault\">") || form.html.contains("<option value=\"Clermont-l'Hérault\">"))
            let typed = completeOfferForm().map { $0.0 == "commune" ? ("commune", "clermont l herault") : $0 }
            let location = try #require(try await referent.post(client, "/offres", typed).headers[.location])
            let record = try #require(try fixture.node.store.currentRecord(String(location.dropFirst("/offres/".count))))
            #expect(try record.decode(Offer.self).commune == "Clermont-l'Hérault")
        }
    }

    @Test func anUnknownCommuneIsRefusedWithTheClosestNamesAndNothingIsStored() async throws {
        let fixture = try SiteFixture()
        try await fixture.test { client in
            let referent = try #require(try await Browser.login(client, email: "referent@college.example").1)
            let before = try fixture.node.store.envelopeCount()
            var typed = completeOfferForm().map { $0.0 == "commune" ? ("commune", "Béziere") : $0 }
            var response = try await referent.post(client, "/offres", typed)
            #expect(response.status == .badRequest)
            #expect(response.text.contains("« Béziere » n'est pas une commune de l'Hérault. Vouliez-vous dire Béziers"))
            #expect(response.html.contains("id=\"commune-erreur\""))
            #expect(response.text.contains("Le formulaire contient 1 erreur"))
            // With another mistake, both are listed at once.
            typed = typed.map { $0.0 == "observableMissions" ? ($0.0, "") : $0 }
            response = try await referent.post(client, "/offres", typed)
            #expect(response.text.contains("Le formulaire contient 2 erreurs"))
            #expect(try fixture.node.store.envelopeCount() == before)
        }
    }

    @Test func theStructureCardChecksEachEstablishmentsCommune() async throws {
        let fixture = try SiteFixture()
        try await fixture.test { client in
            let admin = try #require(try await Browser.login(client, email: "admin@college.example").1)
            var card = ProfileSiteTests.card
            card[7] = ("etablissement_commune", "Frontignam")
            let refused = try await admin.post(client, "/structure", card)
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("Établissement n° 2 : « Frontignam » n'est pas une commune de l'Hérault. Vouliez-vous dire Frontignan"))
            #expect(try StructureProfileDesk(node: fixture.node).current()?.versions == 1)
            card[7] = ("etablissement_commune", "FRONTIGNAN")
            #expect(try await admin.post(client, "/structure", card).status == .seeOther)
            let saved = try #require(try StructureProfileDesk(node: fixture.node).current())
            #expect(saved.profile.establishments.map(\.commune) == ["Sète", "Frontignan"])
        }
    }

    @Test func theDirectoryDrawsTheNetworkOnTheHeraultWithATextAlternative() async throws {
        let fixture = try SiteFixture()
        try await fixture.test { client in
            let pro = try #require(try await Browser.login(client, email: "professionnel@college.example").1)
            let page = try await pro.get(client, "/annuaire")
            #expect(
                page.html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"carte-reseau-titre carte-reseau-desc\"")
            )
            #expect(page.html.components(separatedBy: "<circle ").count - 1 >= 1)
            #expect(page.html.contains("<caption>Les établissements par commune</caption>"))
            #expect(page.html.contains("<th scope=\"row\">Sète</th>"))
        }
    }
}
