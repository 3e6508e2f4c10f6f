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

/// A clock the test sets to a given day.
final class DayClock: @unchecked Sendable {
    private let lock = NSLock()
    private var day: String
    init(_ day: String) { self.day = day }
    func set(_ day: String) { lock.withLock { self.day = day } }
    func now() -> Date { lock.withLock { Pair.date(day) } }
}

/// The two structures' sites, over the real pair of nodes (hub, mutual TLS).
struct TwoSites: Sendable {
    let pair: Pair
    let clock = DayClock("2027-01-15")
    let siteA: Site
    let siteB: Site
    let siteHub: Site

    init(pair: Pair) throws {
        self.pair = pair
        let hash = Authenticator.hashPassword(SiteFixture.password, cost: 4)
        for (node, email, name, role) in [
            (pair.a, "pro@a.example", "Karim Benali", Role.professionnel), (pair.a, "ref@a.example", "Sophie Garnier", .referent),
            (pair.a, "autre@a.example", "Inès Roux", .professionnel), (pair.b, "ref@b.example", "Claire Martin", .referent),
            (pair.b, "pro@b.example", "Paul Vidal", .professionnel), (pair.network.hub, "admin@mda.example", "MDA", .admin),
        ] {
            _ = try node.accounts.add(email: email, name: name, role: role, passwordHash: hash)
        }
        var configuration = SiteConfiguration()
        configuration.bcryptCost = 4
        let clock = self.clock
        configuration.now = { clock.now() }
        siteA = try Site(node: pair.a, configuration: configuration)
        siteB = try Site(node: pair.b, configuration: configuration)
        configuration.caFingerprint = pair.network.hubService.caFingerprint
        configuration.hubURL = pair.network.url
        siteHub = try Site(node: pair.network.hub, configuration: configuration)
    }

    func run(
        _ body: @escaping @Sendable (_ a: any TestClientProtocol, _ b: any TestClientProtocol, _ hub: any TestClientProtocol) async throws -> Void
    ) async throws {
        try await Application(router: siteA.router()).test(.router) { a in
            try await Application(router: siteB.router()).test(.router) { b in
                try await Application(router: siteHub.router()).test(.router) { hub in try await body(a, b, hub) }
            }
        }
    }
}

extension TestResponse {
    var html: String { String(buffer: body) }
    /// The page's text with the HTML escapes of templates undone ("l'offre", not "l&#39;offre").
    var text: String {
        html.replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }
    var location: String { headers[.location] ?? "" }
}

@Suite("Immersion pages on two nodes' sites", .serialized)
struct ImmersionSiteTests {
    static let request: [(String, String)] = [
        ("job", "Conseiller en insertion"), ("experience", "8 ans en Mission locale"), ("from", "2027-03-08"), ("to", "2027-03-10"),
        ("objective", "Comprendre quand orienter vers le CMP"), ("practisingProfessional", "1"),
    ]

    @Test func fromTheOfferPageToThePrintedAttestation() async throws {
        try await withPair { pair in
            let sites = try TwoSites(pair: pair)
            let offer = try pair.offerOfB
            try await sites.run { a, b, hub in
                let (_, pro) = try await Browser.login(a, email: "pro@a.example")
                let visitor = try #require(pro)
                #expect(try await visitor.get(a, "/offres/\(offer)").html.contains("/offres/\(offer)/demander"))
                let form = try await visitor.get(a, "/offres/\(offer)/demander")
                #expect(form.status == .ok && form.html.contains("J'atteste être un professionnel en exercice"))

                // Missing fields and a missing form token store nothing.
                let empty = try await visitor.post(a, "/offres/\(offer)/demander", [])
                #expect(empty.status == .badRequest)
                #expect(
                    empty.html.contains("Le formulaire contient 6 erreurs") && empty.html.contains("Date de début manquante"),
                    "every problem at once"
                )
                let forged = try await visitor.post(a, "/offres/\(offer)/demander", Self.request, csrf: "faux")
                #expect(forged.status == .forbidden)
                let trainee = try await visitor.post(a, "/offres/\(offer)/demander", Self.request.filter { $0.0 != "practisingProfessional" })
                #expect(trainee.status == .badRequest && trainee.html.contains("réservé aux professionnels en exercice"))
                #expect(try pair.a.store.currentRecords(type: ImmersionRequest.recordType).isEmpty)

                let sent = try await visitor.post(a, "/offres/\(offer)/demander", Self.request)
                #expect(sent.status == .seeOther)
                let id = String(try #require(sent.location.split(separator: "/").last?.split(separator: "?").first))
                #expect(try await visitor.get(a, sent.location).html.contains("Demande envoyée, en attente de réponse"))
                let (_, other) = try await Browser.login(a, email: "autre@a.example")
                #expect(try await other!.get(a, "/immersions/\(id)").status == .forbidden, "a colleague does not read someone else's request")
                try await pair.sync()

                // The host's referent answers from "À traiter"; a professional of the host cannot.
                let (_, refB) = try await Browser.login(b, email: "ref@b.example")
                let host = try #require(refB)
                let todo = try await host.get(b, "/a-traiter")
                #expect(todo.html.contains("Répondre à la demande de Karim Benali") && todo.html.contains("/immersions/\(id)"))
                let (_, proB) = try await Browser.login(b, email: "pro@b.example")
                #expect(try await proB!.get(b, "/immersions/\(id)").status == .forbidden)
                let accept: [(String, String)] = [
                    ("decision", "accept"), ("from", "2027-03-08"), ("to", "2027-03-10"), ("hours", "9 h – 17 h"),
                    ("places", "CMP, 12 avenue Foch, Béziers"), ("programme", "Réunion clinique"), ("practicalNotes", ""),
                    ("reason", ""), ("text", ""),
                ]
                let noDecision = try await host.post(b, "/immersions/\(id)/reponse", accept.filter { $0.0 != "decision" })
                #expect(noDecision.status == .badRequest && noDecision.html.contains("Choisissez une réponse"))
                #expect(try await host.post(b, "/immersions/\(id)/reponse", accept).status == .seeOther)
                let accepted = try await host.get(b, "/immersions/\(id)")
                #expect(accepted.html.contains("Version 1") && accepted.html.contains("Acceptée — convention à signer"))
                let version = try #require(try ImmersionBook(node: pair.b).immersion(id)?.currentConvention?.versionHash)
                #expect(
                    try await host.post(b, "/immersions/\(id)/signature", [("party", "host"), ("version", version), ("confirm", "1")]).status
                        == .seeOther
                )
                #expect(
                    try await host.post(b, "/immersions/\(id)/signature", [("party", "employer"), ("version", version)]).status == .conflict,
                    "the host cannot sign for the employer"
                )
                try await pair.sync()

                let page = try await visitor.get(a, "/immersions/\(id)")
                #expect(page.html.contains("Relire et signer la convention (pour vous-même)"))
                #expect(
                    try await visitor.post(a, "/immersions/\(id)/signature", [("party", "visitor"), ("version", version), ("confirm", "1")]).status
                        == .seeOther
                )
                let (_, refA) = try await Browser.login(a, email: "ref@a.example")
                let employer = try #require(refA)
                #expect(
                    try await employer.post(a, "/immersions/\(id)/signature", [("party", "employer"), ("version", version), ("confirm", "1")]).status
                        == .seeOther
                )
                try await pair.sync()
                #expect(try await host.get(b, "/immersions/\(id)").html.contains("Confirmée : toutes les parties ont signé"))
                let printable = try await visitor.get(a, "/immersions/\(id)/convention")
                #expect(printable.text.contains("<h1>Convention d'immersion professionnelle</h1>"))
                #expect(printable.html.contains("Confidentialité et secret professionnel"))
                let ics = try await visitor.get(a, "/immersions.ics")
                #expect(ics.headers[.contentType] == "text/calendar; charset=utf-8" && ics.html.contains("DTSTART;VALUE=DATE:20270308"))
                #expect(try await visitor.get(a, "/immersions/\(id)/attestation").status == .notFound, "not before the evaluations")

                // The hub relays but cannot show it.
                let (_, mda) = try await Browser.login(hub, email: "admin@mda.example")
                #expect(try await mda!.get(hub, "/immersions/\(id)").status == .notFound)

                // After the dates: both evaluate, the attestation prints on both sides.
                sites.clock.set("2027-03-12")
                // Weeks later: the sessions have expired, each signs in again.
                #expect(try await visitor.get(a, "/immersions/\(id)").status == .seeOther)
                let visitorLater = try #require(try await Browser.login(a, email: "pro@a.example").1)
                let hostLater = try #require(try await Browser.login(b, email: "ref@b.example").1)
                let evaluation: [(String, String)] = [
                    ("attended", "1"), ("expected", "Comprendre l'orientation"), ("observed", "Une réunion clinique"),
                    ("changedView", "Le délai s'explique"), ("satisfaction", "5"), ("wouldRecommend", "1"), ("comments", ""),
                    ("practiceChanges", "Appeler le CMP avant d'orienter."),
                ]
                let incomplete = try await visitorLater.post(a, "/immersions/\(id)/evaluation", evaluation.filter { $0.0 != "observed" })
                #expect(incomplete.status == .badRequest && incomplete.html.contains("Ce que vous avez observé"))
                #expect(try await visitorLater.post(a, "/immersions/\(id)/evaluation", evaluation).status == .seeOther)
                #expect(
                    try await hostLater.post(b, "/immersions/\(id)/evaluation", evaluation.filter { $0.0 != "practiceChanges" }).status == .seeOther
                )
                try await pair.sync()
                for (client, browser) in [(a, visitorLater), (b, hostLater)] {
                    let attestation = try await browser.get(client, "/immersions/\(id)/attestation")
                    #expect(attestation.status == .ok)
                    #expect(attestation.html.contains("Attestation de participation") && attestation.html.contains("Karim Benali"))
                    #expect(
                        attestation.html.contains("Mission locale Centre Hérault") && attestation.html.contains("CMP infanto-juvénile de Béziers")
                    )
                    #expect(attestation.html.contains("du 8 mars 2027 au 10 mars 2027"))
                }
                let timeline = try await hostLater.get(b, "/immersions/\(id)")
                #expect(timeline.html.contains("Évaluation écrite par la personne accueillie") && timeline.html.contains("Terminée"))
            }
        }
    }

    @Test func withoutAPublishedOfferThePageExplainsReciprocity() async throws {
        try await withPair(offerAtA: false) { pair in
            let sites = try TwoSites(pair: pair)
            let offer = try pair.offerOfB
            try await sites.run { a, _, _ in
                let (_, referent) = try await Browser.login(a, email: "ref@a.example")
                let page = try await referent!.get(a, "/offres/\(offer)/demander")
                #expect(page.html.contains("Règle de réciprocité") && page.html.contains("href=\"/offres/nouvelle\""))
                let (_, pro) = try await Browser.login(a, email: "pro@a.example")
                let refused = try await pro!.post(a, "/offres/\(offer)/demander", Self.request)
                #expect(refused.status == .forbidden && refused.html.contains("réciprocité"))
                #expect(try pair.a.store.currentRecords(type: ImmersionRequest.recordType).isEmpty)
            }
        }
    }

    @Test func theHubAdminSeesACountOfUnansweredRequestsOnly() async throws {
        try await withPair { pair in
            let sites = try TwoSites(pair: pair)
            _ = try pair.request()
            try await pair.sync()
            sites.clock.set("2027-01-27")
            try await sites.run { _, b, hub in
                let (_, mda) = try await Browser.login(hub, email: "admin@mda.example")
                let page = try await mda!.get(hub, "/a-traiter")
                #expect(page.html.contains("Demandes sans réponse depuis plus de 10 jours"))
                #expect(page.html.contains("<td>CMP infanto-juvénile de Béziers</td><td>1</td>"))
                #expect(!page.html.contains("Karim"), "a count, not the content")
                let (_, host) = try await Browser.login(b, email: "ref@b.example")
                let todo = try await host!.get(b, "/a-traiter")
                #expect(todo.html.contains("sans réponse depuis 12 jours") && todo.html.contains("En retard"))
            }
        }
    }

    @Test func theMDADashboardWithItsHeatMapAndCSVExports() async throws {
        try await withPair { pair in
            let sites = try TwoSites(pair: pair)
            _ = try pair.request()
            try await pair.sync()
            try await sites.run { a, _, hub in
                let (_, mda) = try await Browser.login(hub, email: "admin@mda.example")
                let admin = try #require(mda)
                let page = try await admin.get(hub, "/pilotage")
                #expect(page.status == .ok)
                #expect(page.html.contains("<svg") && page.html.contains("role=\"img\"") && page.html.contains("<title id=\"heatmap-title\">"))
                #expect(page.html.contains("<caption>Immersions réalisées"), "the heat map has a table as its text alternative")
                #expect(page.html.contains("<th scope=\"row\">janvier 2027</th><td>1</td>"))
                #expect(page.html.contains("<title id=\"tendances-titre\">") && page.html.contains("<title id=\"delais-titre\">"), "trend charts")
                #expect(page.html.contains("<select id=\"periode\" name=\"periode\">"), "a period selector")
                #expect(!page.html.contains("Karim"), "nothing of the sealed content")
                let csv = try await admin.get(hub, "/pilotage/mois.csv")
                #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
                #expect(
                    csv.html.hasPrefix(
                        "\u{FEFF}Mois de la demande;Demandées;Acceptées;Refusées;Confirmées;Réalisées;Évaluées;Annulées;Absences;"
                            + "Délai médian de réponse (jours);Réponses tardives (part);Évaluations écrites;Évaluations attendues\r\n"
                    )
                )
                #expect(csv.html.contains("2027-01;1;0;0;0;0;0;0;0;;;0;0\r\n"))
                for table in ["secteurs", "croisements", "soldes", "communes", "silencieuses"] {
                    #expect(try await admin.get(hub, "/pilotage/\(table).csv").status == .ok)
                }
                #expect(try await admin.get(hub, "/pilotage/inconnu.csv").status == .notFound)
                let (_, refA) = try await Browser.login(a, email: "ref@a.example")
                #expect(try await refA!.get(a, "/pilotage").status == .forbidden, "for the MDA's administrators")
            }
        }
    }

    @Test func referentsSeeTheCrossHostingSuggestedToThemAndPrepareTheRequest() async throws {
        try await withPair { pair in
            // A's professional wants to discover health care, B's wants to discover youth information: each fits the other's offer.
            func demand(_ name: String, wants sector: String) throws -> Demand {
                guard case .object(var o) = Samples.demandJSON() else { throw Refusal("sample") }
                o["requester"] = .object(["name": .string(name), "job": .string("Conseiller"), "structure": .string("x")])
                o["sectors"] = .array([.string(sector)])
                o["possiblePeriods"] = .array([Pair.terms.period.json])
                return try Demand.validated(.object(o))
            }
            try pair.a.store.append(demand("Karim Benali", wants: "sanitaire"), as: pair.a.author)
            try pair.b.store.append(demand("Paul Vidal", wants: "information_orientation"), as: pair.b.author)
            try await pair.sync()
            let sites = try TwoSites(pair: pair)
            try await sites.run { a, _, hub in
                let referent = try #require(try await Browser.login(a, email: "ref@a.example").1)
                let page = try await referent.get(a, "/suggestions")
                #expect(page.html.contains("Accueil croisé"))
                #expect(
                    page.html.contains(
                        "CMP infanto-juvénile de Béziers cherche à découvrir votre structure et propose d&#39;accueillir l&#39;un des vôtres"
                    )
                        || page.html.contains(
                            "CMP infanto-juvénile de Béziers cherche à découvrir votre structure et propose d'accueillir l'un des vôtres"
                        )
                )
                let offer = try pair.offerOfB
                #expect(page.html.contains("/offres/\(offer)/demander?du=2027-03-08"))
                let prepared = try await referent.get(a, "/offres/\(offer)/demander?du=2027-03-08&au=2027-03-09&objectif=Mieux%20orienter")
                #expect(prepared.html.contains("value=\"2027-03-08\"") && prepared.html.contains("Mieux orienter</textarea>"))
                let professional = try #require(try await Browser.login(a, email: "pro@a.example").1)
                #expect(try await professional.get(a, "/suggestions").status == .forbidden, "for referents")
                let mda = try #require(try await Browser.login(hub, email: "admin@mda.example").1)
                #expect(try await mda.get(hub, "/suggestions").html.contains("Accueil croisé"), "the MDA sees every suggestion")
            }
        }
    }
}
