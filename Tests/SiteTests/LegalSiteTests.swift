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

/// The law's pages, open to everyone, completed by the node's admins; « Mes données ».
@Suite("Legal pages and personal data in the site", .serialized)
struct LegalSiteTests {
    @Test func theLegalPagesAreOpenToEveryoneAndLinkedFromEveryPage() async throws {
        let fixture = try SiteFixture()
        try await fixture.test { client in
            for (path, title) in [
                ("/mentions-legales", "Mentions légales"), ("/donnees-personnelles", "Données personnelles"),
                ("/accessibilite", "Déclaration d'accessibilité"),
            ] {
                let page = try await client.execute(uri: path, method: .get)
                #expect(page.status == .ok && page.text.contains("<h1>\(title)</h1>"), "\(path) without a session")
            }
            let login = try await client.execute(uri: "/connexion", method: .get)
            #expect(login.html.contains("href=\"/mentions-legales\"") && login.html.contains("href=\"/donnees-personnelles\""))
            #expect(login.text.contains("Accessibilité : non conforme"), "without an audit, the law says non conforme")
            let accessibility = try await client.execute(uri: "/accessibilite", method: .get)
            #expect(accessibility.text.contains("Défenseur des droits") && accessibility.text.contains("Libre réponse 71120"))
            let data = try await client.execute(uri: "/donnees-personnelles", method: .get)
            #expect(data.text.contains("Collège Jean Moulin de Sète") && data.text.contains("CNIL"))
        }
    }

    @Test func theNodesAdminsCompleteTheLegalInformation() async throws {
        let fixture = try SiteFixture()
        try await fixture.test { client in
            let (_, referent) = try await Browser.login(client, email: "referent@college.example")
            #expect(try await referent!.get(client, "/informations-legales").status == .forbidden)
            #expect(try await referent!.post(client, "/informations-legales", [("publisher", "x")]).status == .forbidden)
            let (_, admin) = try await Browser.login(client, email: "admin@college.example")
            let form = try await admin!.get(client, "/informations-legales")
            #expect(form.status == .ok && !form.html.contains("option value=\"non_conforme\" selected"), "no status is chosen for the admin")
            let bad = try await admin!.post(client, "/informations-legales", [("publisher", "Collège"), ("conformity", "conforme")])
            #expect(bad.status == .badRequest && bad.text.contains("Choisissez un état de conformité dans la liste."))
            #expect(try LegalDesk(node: fixture.node).own() == nil, "bad input stores nothing")
            let fields = [
                ("publisher", "Collège Jean Moulin\r\n1 rue du Port, Sète"), ("host", "Serveur du rectorat de Montpellier"),
                ("dataProtectionOfficer", "dpo@ac-montpellier.example"), ("conformity", "partiellement_conforme"),
            ]
            let saved = try await admin!.post(client, "/informations-legales", fields)
            #expect(saved.status == .seeOther && saved.location == "/informations-legales?fait=enregistrees")
            let again = try await admin!.post(client, "/informations-legales", fields)
            #expect(again.location == "/informations-legales?fait=inchangees", "an unchanged notice signs nothing")
            let own = try #require(try LegalDesk(node: fixture.node).own())
            #expect(own.notice["publisher"] == "Collège Jean Moulin\n1 rue du Port, Sète")
            #expect(try fixture.node.store.versions(of: own.record).count == 1)
            let notice = try await client.execute(uri: "/mentions-legales", method: .get)
            #expect(notice.text.contains("Serveur du rectorat de Montpellier"))
            #expect(notice.text.contains("Accessibilité : partiellement conforme"))
            let data = try await client.execute(uri: "/donnees-personnelles", method: .get)
            #expect(data.text.contains("dpo@ac-montpellier.example"))
            #expect(try fixture.node.audit.entries().first?.action == .legalNoticeEdited)
        }
    }

    @Test func aStructureShowsTheNetworksTextsWhereItHasNone() async throws {
        try await withPair { pair in
            let mda = AdministrativeActor(name: "mda", address: nil)
            try LegalDesk(node: pair.network.hub).publish(
                LegalNotice(texts: ["host": "Hébergé par la MDA de l'Hérault", "publisher": "MDA de l'Hérault"]),
                by: mda
            )
            try LegalDesk(node: pair.b).publish(LegalNotice(texts: ["publisher": "CMP infanto-juvénile de Béziers, CH de Béziers"]), by: mda)
            try await pair.sync()
            let inForce = try LegalDesk(node: pair.b).inForce()
            #expect(inForce["host"] == "Hébergé par la MDA de l'Hérault", "the network's default")
            #expect(inForce["publisher"] == "CMP infanto-juvénile de Béziers, CH de Béziers", "its own text first")
            #expect(try LegalDesk(node: pair.a).inForce()["publisher"] == "MDA de l'Hérault")
        }
    }

    @Test func eachPersonSeesAndDownloadsTheirData() async throws {
        try await withPair { pair in
            let sites = try TwoSites(pair: pair)
            _ = try pair.request(by: Actor(name: "Karim Benali", email: "pro@a.example", role: .professionnel))
            let other = try pair.request(period: Period(from: Pair.day("2027-03-15"), to: Pair.day("2027-03-16")), by: pair.colleague)
            try await sites.run { a, _, _ in
                #expect(try await a.execute(uri: "/mon-compte/donnees.json", method: .get).status == .seeOther, "signed in only")
                let (_, visitor) = try await Browser.login(a, email: "pro@a.example")
                let page = try await visitor!.get(a, "/mon-compte/donnees")
                #expect(page.status == .ok && page.text.contains("Vous y êtes : personne accueillie."))
                let file = try await visitor!.get(a, "/mon-compte/donnees.json")
                #expect(file.headers[.contentDisposition]?.contains("mes-donnees-vis-ma-vie-pro.json") == true)
                #expect(file.html.contains("\"format\":\"vmvp-personal-data/1\"") && file.html.contains("pro@a.example"))
                #expect(!file.html.contains(other), "nobody else's immersion")
            }
        }
    }
}
