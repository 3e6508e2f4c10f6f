import Foundation
import Hummingbird
import HummingbirdTesting
import NetworkSupport
import Records
import Testing

@testable import Site
@testable import Storage

/// « Conservation des données »: the node's admins see the network's periods and what the daily
/// job will erase soon, and erase a person's data on request, only after an explicit confirmation.
@Suite("Web site: retention and erasure")
struct RetentionSiteTests {
    static func demand(name: String, from: String, to: String) -> Demand {
        Demand(
            requesterName: name,
            requesterJob: "Professeure de SVT",
            requesterStructure: "Collège Jean Moulin de Sète",
            sectors: [.sanitaire],
            missions: "Le soin psychique des adolescents",
            possiblePeriods: [Period(from: Day(from)!, to: Day(to)!)],
            durationHalfDays: 4,
            objective: "Mieux orienter"
        )
    }

    @Test func thePageShowsThePeriodsAndWhatIsDueWithinThirtyDays() async throws {
        let fixture = try SiteFixture()
        let now = fixture.clock.now()
        let old = now.addingTimeInterval(-350 * 86_400)
        let oldDay = Day.today(old)
        let envelope = try fixture.node.store.append(
            Self.demand(name: "Ancienne Demandeuse", from: oldDay.adding(days: -30).description, to: oldDay.adding(days: -20).description),
            as: fixture.node.author,
            now: old.addingTimeInterval(-86_400)
        )
        try fixture.node.store.retract(envelope.header.record, reason: "Pourvue", as: fixture.node.author, now: old)
        try await fixture.test { client in
            let anonymous = try await client.execute(uri: "/conservation", method: .get)
            #expect(anonymous.status != .ok)
            let referent = try #require(try await Browser.login(client, email: "referent@college.example").1)
            #expect(try await referent.get(client, "/conservation").status == .forbidden)
            let admin = try #require(try await Browser.login(client, email: "admin@college.example").1)
            let page = try await admin.get(client, "/conservation")
            #expect(page.status == .ok)
            let text = String(buffer: page.body)
            #expect(text.contains("Immersion signée (convention, évaluations, attestation), après son dernier jour</th><td>3 ans</td>"))
            #expect(text.contains("Compte désactivé et toujours inutilisé, avant d&#39;être supprimé</th><td>3 mois</td>"))
            #expect(text.contains("Demande de découverte de Ancienne Demandeuse : effacement le "))
            #expect(try fixture.node.store.currentRecords(type: Redaction.recordType).isEmpty, "the page changes nothing")
        }
    }

    @Test func anErasureShowsWhatItWillDoAndNeedsAnExplicitConfirmation() async throws {
        let fixture = try SiteFixture()
        let person = "professionnel@college.example"
        try fixture.node.store.append(Self.demand(name: "Compte professionnel", from: "2027-04-01", to: "2027-06-30"), as: fixture.node.author)
        try await fixture.test { client in
            let admin = try #require(try await Browser.login(client, email: "admin@college.example").1)
            let invalid = try await admin.post(client, "/conservation/effacement", [("email", "pas-une-adresse")])
            #expect(invalid.status == .badRequest)
            #expect(String(buffer: invalid.body).contains("Indiquez l&#39;adresse électronique de la personne"))
            let unknown = try await admin.post(client, "/conservation/effacement", [("email", "inconnue@college.example")])
            #expect(String(buffer: unknown.body).contains("rien à effacer"))

            let preview = try await admin.post(client, "/conservation/effacement", [("email", person)])
            #expect(preview.status == .ok)
            let text = String(buffer: preview.body)
            #expect(text.contains("Demandes de découverte écrites par la personne : 1 demande."))
            #expect(text.contains("Compte : à supprimer"))
            #expect(!text.contains("checked"), "nothing is pre-ticked")
            let before = try fixture.node.store.envelopeCount()

            // Without the box ticked, nothing is erased.
            let refused = try await admin.post(client, "/conservation/effacement/confirmer", [("email", person)])
            #expect(refused.status == .badRequest)
            #expect(String(buffer: refused.body).contains("Cochez la case pour confirmer"))
            #expect(try fixture.node.store.envelopeCount() == before)
            #expect(try fixture.node.accounts.account(email: person) != nil)

            let token = Browser.newFormToken()
            let done = try await admin.post(
                client,
                "/conservation/effacement/confirmer",
                [("email", person), ("confirmation", "oui")],
                formToken: token
            )
            #expect(done.status == .seeOther)
            #expect(try fixture.node.accounts.account(email: person) == nil)
            #expect(try fixture.node.store.envelopeCount() == before + 1)
            #expect(try fixture.node.store.currentRecords(type: .demand).isEmpty)
            #expect(try fixture.node.audit.entries().first?.action == .personErased)
            // A replay of the same submission writes nothing new.
            _ = try await admin.post(client, "/conservation/effacement/confirmer", [("email", person), ("confirmation", "oui")], formToken: token)
            #expect(try fixture.node.store.envelopeCount() == before + 1)
            let after = try await admin.get(client, "/conservation?fait=efface")
            #expect(String(buffer: after.body).contains("Données effacées sur ce site."))
        }
    }

    @Test func aPersonWithoutAnAccountIsFoundByTheNameTheirDemandsGive() async throws {
        let fixture = try SiteFixture()
        try fixture.node.store.append(Self.demand(name: "Sophie Ribes", from: "2027-04-01", to: "2027-06-30"), as: fixture.node.author)
        try await fixture.test { client in
            let admin = try #require(try await Browser.login(client, email: "admin@college.example").1)
            let person = [("email", "sophie.ribes@college.example"), ("name", "Sophie Ribes")]
            let preview = try await admin.post(client, "/conservation/effacement", person)
            let text = String(buffer: preview.body)
            #expect(text.contains("Demandes de découverte écrites par la personne : 1 demande.") && text.contains("Compte : aucun sur ce site."))
            #expect(text.contains("name=\"name\" value=\"Sophie Ribes\""), "the name is carried to the confirmation")
            let done = try await admin.post(client, "/conservation/effacement/confirmer", person + [("confirmation", "oui")])
            #expect(done.status == .seeOther)
            #expect(try fixture.node.store.currentRecords(type: .demand).isEmpty)
        }
    }
}
