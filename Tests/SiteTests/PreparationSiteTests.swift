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
        try await pair.signedByAll(id, visitor: visitor)
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

@Suite("The host's welcome checklist")
struct WelcomeChecklistSiteTests {
    @Test func theHostsReferentTicksTheListWhichStaysOnTheHostsNode() async throws {
        try await withPair { pair in
            let sites = try TwoSites(pair: pair)
            let id = try await PreparationSiteTests.confirmed(pair)
            try await sites.run { a, b, _ in
                let host = try #require(try await Browser.login(b, email: "ref@b.example").1)
                let page = try await host.get(b, "/immersions/\(id)")
                #expect(page.html.contains("Accueil : liste de vérification") && page.html.contains("Points vérifiés : 0 sur 5."))
                #expect(
                    !page.html.contains(
                        "type=\"checkbox\" id=\"point-1\" name=\"point\" value=\"Une personne de l&#39;équipe est désignée pour accueillir et accompagner la personne accueillie.\" checked"
                    ),
                    "nothing ticked in advance"
                )
                let first = FrameworkText.standard.welcomeChecklist[0]
                let second = FrameworkText.standard.welcomeChecklist[1]
                let token = Browser.newFormToken()
                let before = try pair.b.store.envelopeCount()
                #expect(
                    try await host.post(b, "/immersions/\(id)/accueil", [("point", first), ("point", second)], formToken: token).status == .seeOther
                )
                #expect(try await host.post(b, "/immersions/\(id)/accueil", [("point", first)], formToken: token).status == .seeOther, "replayed")
                let ticked = try WelcomeChecklist(node: pair.b).items(of: try #require(try ImmersionBook(node: pair.b).immersion(id)))
                #expect(ticked.filter { $0.ticked != nil }.map(\.text) == [first, second])
                #expect(ticked[0].ticked?.by == "Claire Martin")
                #expect(try pair.b.store.envelopeCount() == before, "local to the host: no record, nothing synced")
                let shown = try await host.get(b, "/immersions/\(id)")
                #expect(shown.html.contains("Points vérifiés : 2 sur 5.") && shown.text.contains("coché par Claire Martin le "))
                #expect(try await host.post(b, "/immersions/\(id)/accueil", [("point", "Inventé")]).status == .conflict)
                // The visitor's structure has no such list.
                let referentA = try #require(try await Browser.login(a, email: "ref@a.example").1)
                #expect(!(try await referentA.get(a, "/immersions/\(id)")).html.contains("Accueil : liste de vérification"))
                #expect(try await referentA.post(a, "/immersions/\(id)/accueil", [("point", first)]).status == .conflict)
            }
        }
    }
}

@Suite("The debrief in the evaluation")
struct DebriefSiteTests {
    @Test func theEvaluationAsksTheReferentielsQuestionsAndKeepsItsVersion() async throws {
        try await withPair { pair in
            let sites = try TwoSites(pair: pair)
            let id = try await PreparationSiteTests.confirmed(pair)
            try ImmersionDesk(node: pair.a).prepare(
                id,
                objectives: "Savoir quand orienter vers le CMP.",
                questions: ["Quel délai ?"],
                by: PreparationSiteTests.visitor,
                today: Pair.day("2027-01-20")
            )
            sites.clock.set("2027-03-12")
            try await sites.run { a, _, _ in
                let visitor = try #require(try await Browser.login(a, email: "pro@a.example").1)
                let page = try await visitor.get(a, "/immersions/\(id)")
                let questions = FrameworkText.standard.debriefQuestions
                #expect(page.text.contains("Débriefing (facultatif)") && page.text.contains(questions[0]))
                #expect(page.text.contains("Ce que vous aviez écrit avant de venir") && page.text.contains("Quel délai ?"))
                #expect(page.html.contains("<input type=\"hidden\" name=\"framework\" value=\"standard\">"))
                var form: [(String, String)] = [
                    ("attended", "1"), ("expected", "Comprendre l'orientation"), ("observed", "Une réunion clinique"),
                    ("changedView", "Le délai s'explique"), ("satisfaction", "5"), ("wouldRecommend", "1"), ("comments", ""),
                    ("practiceChanges", ""), ("framework", "standard"),
                ]
                for (n, question) in questions.enumerated() {
                    form += [("debriefQuestion", question), ("debriefAnswer", n == 2 ? "Oui : l'infirmière d'accueil." : "")]
                }
                #expect(try await visitor.post(a, "/immersions/\(id)/evaluation", form).status == .seeOther)
                let immersion = try #require(try ImmersionBook(node: pair.a).immersion(id))
                let evaluation = try #require(immersion.analysis.visitorEvaluation)
                #expect(evaluation.framework == "standard")
                #expect(evaluation.debrief.map(\.question) == questions && evaluation.debrief[2].answer == "Oui : l'infirmière d'accueil.")
                let shown = try await visitor.get(a, "/immersions/\(id)")
                #expect(shown.text.contains("<dt>\(questions[2])</dt><dd>Oui : l'infirmière d'accueil.</dd>"))
                #expect(shown.text.contains("<dt>\(questions[0])</dt><dd>(pas de réponse)</dd>"))
            }
        }
    }
}
