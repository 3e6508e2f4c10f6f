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

/// "Règles du réseau": the glossary, the convention template (published from its preview only)
/// and the reciprocity rule, edited from the hub's site.
@Suite("Network rules in the hub's site", .serialized)
struct NetworkRulesSiteTests {
    @Test func onlyTheMDAsAdministratorsReachTheRules() async throws {
        try await withPair { pair in
            let sites = try TwoSites(pair: pair)
            let cmp = try #require(try NetworkRulesDesk(node: pair.network.hub).glossary().first { $0.entry.term == "CMP" })
            try await sites.run { a, _, hub in
                let (_, referent) = try await Browser.login(a, email: "ref@a.example")
                for uri in ["/regles", "/regles/lexique/nouveau", "/regles/lexique/\(cmp.record)", "/regles/convention"] {
                    #expect(try await referent!.get(a, uri).status == .forbidden, "\(uri)")
                    #expect(try await hub.execute(uri: uri, method: .get).status == .seeOther, "\(uri) without a session")
                }
                for uri in ["/regles/reciprocite", "/regles/lexique/nouveau", "/regles/lexique/\(cmp.record)/retirer", "/regles/convention"] {
                    #expect(try await referent!.post(a, uri, [("etape", "publier"), ("minimum", "3")]).status == .forbidden, "\(uri)")
                }
                #expect(try NetworkRulesDesk(node: pair.network.hub).reciprocityHistory().isEmpty)
            }
        }
    }

    @Test func glossaryEntriesAreAddedEditedAndRetractedFromTheSite() async throws {
        try await withPair { pair in
            let sites = try TwoSites(pair: pair)
            let desk = NetworkRulesDesk(node: pair.network.hub)
            try await sites.run { _, _, hub in
                let (_, mda) = try await Browser.login(hub, email: "admin@mda.example")
                let admin = try #require(mda)
                let rules = try await admin.get(hub, "/regles")
                #expect(rules.status == .ok && rules.text.contains("<th scope=\"row\">CMP</th>"))

                let duplicate = try await admin.post(hub, "/regles/lexique/nouveau", [("term", "cmp"), ("expansion", "x"), ("definition", "x")])
                #expect(duplicate.status == .badRequest && duplicate.text.contains("Le sigle « CMP » est déjà dans le lexique"))
                let empty = try await admin.post(hub, "/regles/lexique/nouveau", [("term", "PMI"), ("expansion", ""), ("definition", "")])
                #expect(empty.status == .badRequest && empty.text.contains("Forme développée : Ne doit pas être vide."))
                #expect(try !desk.glossary().contains { $0.entry.term == "PMI" }, "bad input stores nothing")

                let token = Browser.newFormToken()
                let fields = [
                    ("term", "PMI"), ("expansion", "Protection maternelle et infantile"),
                    ("definition", "Service du département\r\npour les 0-6 ans."),
                ]
                let added = try await admin.post(hub, "/regles/lexique/nouveau", fields, formToken: token)
                #expect(added.status == .seeOther && added.location == "/regles?fait=lexique#lexique")
                _ = try await admin.post(hub, "/regles/lexique/nouveau", fields, formToken: token)
                let pmi = try #require(try desk.glossary().first { $0.entry.term == "PMI" })
                #expect(try desk.glossary().filter { $0.entry.term == "PMI" }.count == 1, "a replay adds nothing")
                #expect(pmi.entry.definition == "Service du département\npour les 0-6 ans.")

                let edit = try await admin.get(hub, "/regles/lexique/\(pmi.record)")
                #expect(edit.status == .ok && edit.text.contains("value=\"Protection maternelle et infantile\""))
                let edited = try await admin.post(
                    hub,
                    "/regles/lexique/\(pmi.record)",
                    [("term", "PMI"), ("expansion", "Protection maternelle et infantile"), ("definition", "Consultations pour les 0-6 ans.")]
                )
                #expect(edited.status == .seeOther)
                let page = try await admin.get(hub, "/regles/lexique/\(pmi.record)")
                let history = try desk.glossaryHistory(pmi.record)
                #expect(history.count == 2, "\(history.map(\.body))")
                #expect(page.text.contains("Versions précédentes") && page.text.contains("Version 1 du "))

                let retracted = try await admin.post(hub, "/regles/lexique/\(pmi.record)/retirer", [])
                #expect(retracted.status == .seeOther && retracted.location == "/regles?fait=retire#lexique")
                #expect(try !desk.glossary().contains { $0.entry.term == "PMI" })
                #expect(try await admin.get(hub, "/regles/lexique/\(pmi.record)").status == .notFound)
            }
        }
    }

    @Test func theTemplateIsPublishedOnlyFromItsPreview() async throws {
        try await withPair { pair in
            let sites = try TwoSites(pair: pair)
            let desk = NetworkRulesDesk(node: pair.network.hub)
            try await sites.run { _, _, hub in
                let (_, mda) = try await Browser.login(hub, email: "admin@mda.example")
                let admin = try #require(mda)
                let form = try await admin.get(hub, "/regles/convention")
                #expect(form.status == .ok && form.text.contains("{{programme}}") && form.text.contains("Voir l'aperçu"))

                let broken = try await admin.post(
                    hub,
                    "/regles/convention",
                    [("etape", "apercu"), ("title", "Modèle"), ("text", "Sans champs."), ("principles", "P.")]
                )
                #expect(broken.status == .badRequest && broken.text.contains("Texte du modèle : Le modèle doit contenir"))

                let text = ConventionTemplate.text + "\r\nFait en trois exemplaires."
                let draft = [("title", "Convention du réseau 2027"), ("text", text), ("principles", ConventionTemplate.principles)]
                let preview = try await admin.post(hub, "/regles/convention", [("etape", "apercu")] + draft)
                #expect(preview.status == .ok && preview.text.contains("Camille Exemple") && preview.text.contains("Fait en trois exemplaires."))
                let article = try #require(preview.text.firstMatch(of: /<article[^>]*>([\s\S]*)<\/article>/)?.1)
                #expect(preview.html.contains("value=\"publier\"") && !article.contains("{{"), "the example fills every field")
                #expect(try desk.templateHistory().isEmpty, "a preview publishes nothing")

                let back = try await admin.post(hub, "/regles/convention", [("etape", "modifier")] + draft)
                #expect(back.status == .ok && back.text.contains("Convention du réseau 2027"))

                let token = Browser.newFormToken()
                let published = try await admin.post(hub, "/regles/convention", [("etape", "publier")] + draft, formToken: token)
                #expect(published.status == .seeOther && published.location == "/regles?fait=modele#modele")
                _ = try await admin.post(hub, "/regles/convention", [("etape", "publier")] + draft, formToken: token)
                let history = try desk.templateHistory()
                #expect(history.count == 1 && history[0].body.text.hasSuffix("\nFait en trois exemplaires."))
                let unchanged = try await admin.post(hub, "/regles/convention", [("etape", "publier")] + draft)
                #expect(unchanged.location == "/regles?fait=inchange#modele")
                #expect(try desk.templateHistory().count == 1)
                let rules = try await admin.get(hub, "/regles")
                #expect(rules.text.contains("En vigueur : <strong>Convention du réseau 2027</strong> — Version 1, publiée le"))
                #expect(try await admin.post(hub, "/regles/convention", [("etape", "autre")] + draft).status == .badRequest)
            }
        }
    }

    @Test func theReciprocityRuleIsCheckedAndPublished() async throws {
        try await withPair { pair in
            let sites = try TwoSites(pair: pair)
            let desk = NetworkRulesDesk(node: pair.network.hub)
            try await sites.run { _, _, hub in
                let (_, mda) = try await Browser.login(hub, email: "admin@mda.example")
                let admin = try #require(mda)
                let page = try await admin.get(hub, "/regles")
                #expect(page.text.contains("au moins 1 offre publiée."))
                let bad = try await admin.post(hub, "/regles/reciprocite", [("minimum", "0"), ("maximum", "mille")])
                #expect(bad.status == .badRequest)
                #expect(
                    bad.text.contains("Indiquez un nombre d'offres de 1 à 20.")
                        && bad.text.contains("Indiquez un nombre de jours de 1 à 365, ou laissez vide.")
                )
                #expect(try desk.reciprocityHistory().isEmpty)
                let done = try await admin.post(hub, "/regles/reciprocite", [("minimum", "2"), ("maximum", "6")])
                #expect(done.location == "/regles?fait=reciprocite#reciprocite")
                #expect(try desk.reciprocityHistory().first?.body == ReciprocityPolicy(minimumPublishedOffers: 2, maximumDaysOwed: 6))
                let same = try await admin.post(hub, "/regles/reciprocite", [("minimum", "2"), ("maximum", "6")])
                #expect(same.location == "/regles?fait=inchange#reciprocite")
                _ = try await admin.post(hub, "/regles/reciprocite", [("minimum", "1"), ("maximum", "")])
                let after = try await admin.get(hub, "/regles")
                #expect(
                    after.text.contains("Version 1 du ") && after.text.contains("au moins 2 offres publiées ; quand elle a envoyé plus de 6 jours")
                )
                #expect(try desk.reciprocityHistory().count == 2)
            }
        }
    }

    @Test func theRetentionPeriodsArePublishedFromTheSiteAndReachTheNodes() async throws {
        try await withPair { pair in
            let sites = try TwoSites(pair: pair)
            let desk = NetworkRulesDesk(node: pair.network.hub)
            try await sites.run { _, _, hub in
                let (_, mda) = try await Browser.login(hub, email: "admin@mda.example")
                let admin = try #require(mda)
                let page = try await admin.get(hub, "/regles")
                #expect(page.text.contains("Immersion signée (convention, évaluations, attestation), après son dernier jour : 3 ans"))
                let values = [
                    ("unrealisedDays", "180"), ("immersionDays", "730"), ("closedDays", "90"), ("accountUnusedDays", "365"),
                    ("accountGraceDays", "30"),
                ]
                var bad = values
                bad[1] = ("immersionDays", "7")
                let refused = try await admin.post(hub, "/regles/conservation", bad)
                #expect(refused.status == .badRequest && refused.text.contains("Indiquez un nombre de jours de 30 à 3650."))
                #expect(try desk.retentionHistory().isEmpty, "bad input stores nothing")
                let token = Browser.newFormToken()
                let done = try await admin.post(hub, "/regles/conservation", values, formToken: token)
                #expect(done.location == "/regles?fait=conservation#conservation")
                _ = try await admin.post(hub, "/regles/conservation", values, formToken: token)
                #expect(try desk.retentionHistory().count == 1, "a replay publishes nothing new")
                let after = try await admin.get(hub, "/regles")
                #expect(after.text.contains("après son dernier jour : 2 ans"))
            }
            try await pair.sync()
            let policy = try RecordRetention.policy(node: pair.a)
            #expect(policy.immersionDays == 730 && policy.accountGraceDays == 30)
        }
    }
}
