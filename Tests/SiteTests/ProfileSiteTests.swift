import Foundation
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@testable import Records
@testable import Site
@testable import Storage
@testable import Workflow

/// "Fiche de la structure": the node's admins edit the directory card; each save signs a new version.
@Suite("The structure's card in its site")
struct ProfileSiteTests {
    static let card: [(String, String)] = [
        ("nom", "Collège Jean Moulin"), ("article", "le"), ("secteur", "educatif"), ("sous_type", "Collège public"),
        ("etablissement_nom", "Collège, site principal"), ("etablissement_commune", "Sète"),
        ("etablissement_nom", "Annexe"), ("etablissement_commune", "Frontignan"),
        ("etablissement_nom", ""), ("etablissement_commune", ""),
        ("personne_nom", "Marc Aubert"), ("personne_fonction", "CPE"), ("personne_email", "cpe@college.example"),
        ("personne_telephone", "04 67 53 00 00"),
        ("description", "Collège de 600 élèves.\r\nUne ULIS."),
    ]

    @Test func onlyTheStructuresAdminsEditTheCard() async throws {
        let fixture = try SiteFixture()
        try await fixture.test { client in
            #expect(try await client.execute(uri: "/structure", method: .get).status == .seeOther)
            for role in [Role.professionnel, .referent] {
                let (_, browser) = try await Browser.login(client, email: "\(role.rawValue)@college.example")
                #expect(try await browser!.get(client, "/structure").status == .forbidden)
                #expect(try await browser!.post(client, "/structure", Self.card).status == .forbidden)
            }
            #expect(try StructureProfileDesk(node: fixture.node).current()?.versions == 1, "nothing was signed")
            let (_, admin) = try await Browser.login(client, email: "admin@college.example")
            let page = try await admin!.get(client, "/structure")
            #expect(page.status == .ok && page.text.contains("value=\"Collège Jean Moulin de Sète\"") && page.text.contains("value=\"Sète\""))
            #expect(page.html.contains("<option value=\"educatif\" selected>"))
            let menu = try await admin!.get(client, "/")
            #expect(menu.html.contains("href=\"/structure\""))
        }
    }

    @Test func badInputIsNamedAndStoresNothing() async throws {
        let fixture = try SiteFixture()
        try await fixture.test { client in
            let (_, admin) = try await Browser.login(client, email: "admin@college.example")
            var fields = Self.card.map { $0.0 == "personne_email" ? ($0.0, "pas-une-adresse") : $0 }
            fields = fields.map { $0.0 == "secteur" ? ($0.0, "inconnu") : $0 }
            fields[6] = ("etablissement_nom", "Annexe sans commune")
            fields[7] = ("etablissement_commune", "")
            let bad = try await admin!.post(client, "/structure", fields)
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("Secteur : Choisissez un secteur dans la liste."))
            let fixed = fields.map { $0.0 == "secteur" ? ($0.0, "educatif") : $0 }
            let again = try await admin!.post(client, "/structure", fixed)
            #expect(again.status == .badRequest)
            #expect(again.text.contains("Personne ressource, adresse électronique : Adresse électronique invalide « pas-une-adresse »."))
            #expect(again.text.contains("Établissement n° 2 : Ne doit pas être vide."))
            #expect(again.text.contains("value=\"Annexe sans commune\""), "what was typed is kept")
            #expect(try StructureProfileDesk(node: fixture.node).current()?.versions == 1)
        }
    }

    @Test func aSaveSignsANewVersionOfTheSameRecordWithTheSameKeys() async throws {
        let fixture = try SiteFixture()
        let before = try #require(try StructureProfileDesk(node: fixture.node).current())
        try await fixture.test { client in
            let (_, admin) = try await Browser.login(client, email: "admin@college.example")
            let token = Browser.newFormToken()
            let saved = try await admin!.post(client, "/structure", Self.card, formToken: token)
            #expect(saved.status == .seeOther && saved.location == "/structure?fait=enregistree")
            let replay = try await admin!.post(client, "/structure", Self.card, formToken: token)
            #expect(replay.status == .seeOther)
            let after = try #require(try StructureProfileDesk(node: fixture.node).current())
            #expect(after.record == before.record && after.versions == 2, "one new version, even when the form is sent twice")
            #expect(after.profile.signingKey == before.profile.signingKey && after.profile.encryptionKey == before.profile.encryptionKey)
            #expect(after.profile.name == "Collège Jean Moulin" && after.profile.article == .le)
            #expect(after.profile.establishments.map(\.commune) == ["Sète", "Frontignan"])
            #expect(after.profile.resourcePerson?.email == "cpe@college.example")
            #expect(after.profile.description == "Collège de 600 élèves.\nUne ULIS.")
            let unchanged = try await admin!.post(client, "/structure", Self.card)
            #expect(unchanged.location == "/structure?fait=inchangee")
            #expect(try StructureProfileDesk(node: fixture.node).current()?.versions == 2, "an unchanged card signs nothing")
            let directory = try await admin!.get(client, "/annuaire/\(fixture.node.structureID)")
            #expect(directory.text.contains("Collège Jean Moulin") && directory.text.contains("Annexe, Frontignan"))
            let audit = try fixture.node.audit.entries()
            #expect(audit.map(\.action) == [.profileEdited] && audit[0].actor == "admin@college.example")
        }
    }
}
