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

/// The référentiel des échanges: everyone reads the version in force; the MDA publishes versions.
@Suite("The référentiel in the sites")
struct FrameworkSiteTests {
    @Test func theMDAPublishesAVersionThatEveryNodeShows() async throws {
        try await withPair { pair in
            let sites = try TwoSites(pair: pair)
            try await sites.run { a, _, hub in
                let referent = try #require(try await Browser.login(a, email: "ref@a.example").1)
                let shipped = try await referent.get(a, "/referentiel")
                #expect(shipped.status == .ok && shipped.text.contains("version livrée avec le logiciel"))
                #expect(shipped.text.contains("Ce qui m'a surpris") && !shipped.html.contains("href=\"/regles/referentiel\""))
                #expect(try await referent.get(a, "/regles/referentiel").status == .forbidden)
                #expect(try await referent.post(a, "/regles/referentiel", [("purpose", "x")]).status == .forbidden)

                let admin = try #require(try await Browser.login(hub, email: "admin@mda.example").1)
                let form = try await admin.get(hub, "/regles/referentiel")
                #expect(form.status == .ok && form.text.contains("Les missions et le public accueilli"), "starts from the version in force")
                var boxes = FrameworkFormPage.boxes(FrameworkText.standard)
                boxes["debriefQuestions"] = ""
                boxes["observationGrid"] = "- Les missions\n- Les contraintes\n"
                let refused = try await admin.post(hub, "/regles/referentiel", boxes.map { ($0.key, $0.value) })
                #expect(refused.status == .badRequest)
                #expect(
                    refused.text.contains("Débriefing : une question par ligne (10 au plus) : Indiquez au moins")
                        || refused.text.contains("Débriefing")
                )
                #expect(refused.html.contains("id=\"debriefQuestions-erreur\""))
                #expect(try NetworkRulesDesk(node: pair.network.hub).frameworkHistory().isEmpty, "bad input signs nothing")

                boxes["debriefQuestions"] = "Qu'avez-vous compris de l'autre ?\r\nQui appellerez-vous ?"
                let token = Browser.newFormToken()
                let published = try await admin.post(hub, "/regles/referentiel", boxes.map { ($0.key, $0.value) }, formToken: token)
                #expect(published.status == .seeOther && published.headers[.location] == "/referentiel?fait=publie")
                let replay = try await admin.post(hub, "/regles/referentiel", boxes.map { ($0.key, $0.value) }, formToken: token)
                #expect(replay.status == .seeOther)
                let history = try NetworkRulesDesk(node: pair.network.hub).frameworkHistory()
                #expect(history.count == 1 && history[0].body.observationGrid == ["Les missions", "Les contraintes"])
                #expect(history[0].body.debriefQuestions == ["Qu'avez-vous compris de l'autre ?", "Qui appellerez-vous ?"])
                let listed = try await admin.get(hub, "/regles/referentiel")
                #expect(listed.text.contains("Version 1 du "), "versions are listed")

                try await pair.sync()
                let shown = try await referent.get(a, "/referentiel")
                #expect(shown.text.contains("version 1, publiée le ") && shown.text.contains("Qui appellerez-vous ?"))
            }
        }
    }
}
