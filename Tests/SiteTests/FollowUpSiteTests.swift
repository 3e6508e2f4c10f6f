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

/// The follow-up 3 months after an immersion, answered on each structure's site; the
/// partnership in the directory and the share of immersions followed by joint work at the hub.
@Suite("Follow-ups in the sites")
struct FollowUpSiteTests {
    /// An immersion of 8–10 March 2027 by `pro@a.example`, signed by all and evaluated by both.
    static func tookPlace(_ pair: Pair) async throws -> String {
        let id = try await PreparationSiteTests.confirmed(pair)
        let after = Pair.day("2027-03-12")
        try ImmersionDesk(node: pair.a).evaluate(id, Pair.evaluation(id, .visitor), by: PreparationSiteTests.visitor, today: after)
        try ImmersionDesk(node: pair.b).evaluate(id, Pair.evaluation(id, .host), by: pair.referentB, today: after)
        try await pair.sync()
        return id
    }

    static let answered: [(String, String)] = [
        ("months", "3"), ("workedTogether", "1"), ("jointWork", "orientation"), ("knowsWhomToCall", "1"),
        ("practice", "Un appel au CMP avant chaque orientation."), ("listInDirectory", "1"),
    ]

    @Test func eachStructureAnswersItsFollowUpAndTheHubShowsThePartnershipAndTheShare() async throws {
        try await withPair { pair in
            let sites = try TwoSites(pair: pair)
            let id = try await Self.tookPlace(pair)
            sites.clock.set("2027-06-12")
            try await sites.run { a, b, hub in
                let host = try #require(try await Browser.login(b, email: "ref@b.example").1)
                let todo = try await host.get(b, "/a-traiter")
                #expect(todo.text.contains("Suivi à 3 mois"))
                let page = try await host.get(b, "/immersions/\(id)").html
                let start = try #require(page.range(of: "action=\"/immersions/\(id)/suivi\""))
                let form = String(page[start.lowerBound...]).components(separatedBy: "</form>")[0]
                #expect(!form.contains(" checked"), "no answer is chosen in advance")
                #expect(form.contains("Avez-vous travaillé avec ") && form.contains("Si oui, sous quelle forme ?"))

                // Unanswered questions are named, and nothing is written.
                let before = try pair.b.store.envelopeCount()
                let empty = try await host.post(b, "/immersions/\(id)/suivi", [("months", "3"), ("practice", "")])
                #expect(empty.status == .badRequest)
                #expect(
                    empty.text.contains("Dites si vos structures ont travaillé ensemble") && empty.text.contains("Dites si vous savez qui appeler")
                )
                let noForm = try await host.post(
                    b,
                    "/immersions/\(id)/suivi",
                    [("months", "3"), ("workedTogether", "1"), ("knowsWhomToCall", "0")]
                )
                #expect(noForm.status == .badRequest && noForm.text.contains("sous quelle forme") && noForm.text.contains("annuaire du réseau"))
                #expect(try pair.b.store.envelopeCount() == before)

                let token = Browser.newFormToken()
                let saved = try await host.post(b, "/immersions/\(id)/suivi", Self.answered, formToken: token)
                #expect(saved.status == .seeOther && saved.headers[.location] == "/immersions/\(id)?fait=suivi")
                let written = try pair.b.store.envelopeCount()
                #expect(try await host.post(b, "/immersions/\(id)/suivi", Self.answered, formToken: token).status == .seeOther)
                #expect(try pair.b.store.envelopeCount() == written, "a replayed submission writes nothing")
                let after = try await host.get(b, "/immersions/\(id)")
                #expect(after.text.contains("Suivi à 3 mois") && after.text.contains("Travail en commun depuis l'immersion : oui"))
                #expect(!(try await host.get(b, "/a-traiter")).text.contains("Suivi à 3 mois"))

                let visitor = try #require(try await Browser.login(a, email: "pro@a.example").1)
                #expect(try await visitor.post(a, "/immersions/\(id)/suivi", Self.answered).status == .seeOther)
                try await pair.sync()

                let admin = try #require(try await Browser.login(hub, email: "admin@mda.example").1)
                let directory = try await admin.get(hub, "/annuaire/\(pair.a.structureID)")
                #expect(directory.text.contains("Partenariats nés de la bourse") && directory.text.contains("CMP infanto-juvénile de Béziers"))
                #expect(directory.text.contains("depuis une immersion en mars 2027 — 1 immersion suivie d'un travail en commun"))
                let pilot = try await admin.get(hub, "/pilotage")
                #expect(pilot.text.contains("Et après ? Le réseau s'est-il renforcé"))
                #expect(pilot.text.contains("Après 1 d'entre elles (100 %), les deux structures ont travaillé ensemble"))
            }
        }
    }
}
