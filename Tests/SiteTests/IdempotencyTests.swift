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

/// Every state-changing form is idempotent: a submission replayed with its form token (Back and
/// send again, a double click, a retry after a lost answer) leads where the first did and writes nothing.
@Suite("Replayed forms write nothing", .serialized)
struct IdempotencyTests {
    /// What a node has written: its log and its accounts.
    static func footprint(_ node: OpenNode) throws -> [Int] { [try node.store.envelopeCount(), try node.accounts.all().count] }

    /// Sends `pairs` twice with one token; the replay must lead to the same place and change nothing.
    static func sendTwice(
        _ browser: Browser,
        _ client: any TestClientProtocol,
        _ uri: String,
        _ pairs: [(String, String)],
        node: OpenNode,
        comment: Comment
    ) async throws -> TestResponse {
        let token = Browser.newFormToken()
        let first = try await browser.post(client, uri, pairs, formToken: token)
        #expect(first.status == .seeOther || first.status == .ok, comment)
        let after = try footprint(node)
        let replay = try await browser.post(client, uri, pairs, formToken: token)
        #expect(replay.status == .seeOther, comment)
        #expect(try footprint(node) == after, comment)
        if first.status == .seeOther { #expect(replay.location == first.location, comment) }
        return first
    }

    @Test func everyPostFormOfEveryTemplateCarriesAFormToken() throws {
        // Signing in and out, and the hub's /verifier, are left out: they change no record and
        // replaying them is harmless (the verifier stores nothing it is given).
        for file in TemplateLibrary.files {
            let text = String(decoding: file.bytes, as: UTF8.self)
            var rest = Substring(text)
            while let start = rest.range(of: "<form method=\"post\"") {
                let form = rest[start.lowerBound...].prefix { $0 != ">" }
                let body = rest[start.lowerBound...]
                let end = body.range(of: "</form>")?.upperBound ?? body.endIndex
                if !form.contains("/connexion") && !form.contains("/deconnexion") && !form.contains("/verifier") {
                    #expect(body[..<end].contains("name=\"formToken\""), "\(file.name): \(form)")
                }
                rest = body[end...]
            }
        }
    }

    @Test func offersDemandsAndAccountsAreWrittenOnce() async throws {
        let fixture = try SiteFixture()
        try await fixture.test { client in
            let referent = try #require(try await Browser.login(client, email: "referent@college.example").1)
            let created = try await Self.sendTwice(referent, client, "/offres", completeOfferForm(), node: fixture.node, comment: "new offer")
            #expect(try fixture.node.store.currentRecords(type: .offer).count == 1)
            _ = try await Self.sendTwice(
                referent,
                client,
                created.location,
                completeOfferForm(establishment: "Vie scolaire"),
                node: fixture.node,
                comment: "offer edit"
            )
            let demand: [(String, String)] = [
                ("requester_name", "Karim Benali"), ("requester_job", "Éducateur"), ("requester_structure", "UEMO"), ("sectors", "sanitaire"),
                ("missions", "Voir un CMP"), ("from", "2027-03-01"), ("to", "2027-03-31"), ("durationHalfDays", "4"), ("objective", "Mieux orienter"),
            ]
            _ = try await Self.sendTwice(referent, client, "/demandes", demand, node: fixture.node, comment: "demand")
            #expect(try fixture.node.store.currentRecords(type: .demand).count == 1)
            let admin = try #require(try await Browser.login(client, email: "admin@college.example").1)
            let account = [("email", "nouvelle@college.example"), ("name", "Nouvelle Personne"), ("role", "professionnel")]
            let first = try await Self.sendTwice(admin, client, "/comptes", account, node: fixture.node, comment: "account")
            #expect(first.html.contains("\(SiteFixture.siteURL)/activation/"), "without mail, the link is shown once")
            let id = try #require(try fixture.node.accounts.account(email: "nouvelle@college.example")).id
            let replayed = try await admin.get(client, "/comptes?fait=invitation&compte=\(id)")
            #expect(replayed.text.contains("Son lien n'est envoyé ou montré qu'une fois") && !replayed.html.contains("/activation/"))
        }
    }

    @Test func everyImmersionStepIsWrittenOnce() async throws {
        try await withPair { pair in
            let sites = try TwoSites(pair: pair)
            try await sites.run { a, b, _ in
                let visitor = try #require(try await Browser.login(a, email: "pro@a.example").1)
                let employer = try #require(try await Browser.login(a, email: "ref@a.example").1)
                let host = try #require(try await Browser.login(b, email: "ref@b.example").1)
                let offer = try pair.offerOfB
                let sent = try await Self.sendTwice(
                    visitor,
                    a,
                    "/offres/\(offer)/demander",
                    ImmersionSiteTests.request,
                    node: pair.a,
                    comment: "request"
                )
                let id = String(try #require(sent.location.split(separator: "/").last?.split(separator: "?").first))
                try await pair.sync()
                let terms: [(String, String)] = [
                    ("from", "2027-03-08"), ("to", "2027-03-10"), ("hours", "9 h – 17 h"), ("places", "CMP"), ("programme", "Réunion clinique"),
                ]
                _ = try await Self.sendTwice(host, b, "/immersions/\(id)/reponse", [("decision", "accept")] + terms, node: pair.b, comment: "accept")
                _ = try await Self.sendTwice(
                    host,
                    b,
                    "/immersions/\(id)/convention",
                    terms.map { $0.0 == "hours" ? ("hours", "9 h – 16 h") : $0 },
                    node: pair.b,
                    comment: "new convention version"
                )
                try await pair.sync()
                let version = try #require(try ImmersionBook(node: pair.b).immersion(id)?.currentConvention?.versionHash)
                for (browser, client, node, party) in [(visitor, a, pair.a, "visitor"), (employer, a, pair.a, "employer"), (host, b, pair.b, "host")]
                {
                    _ = try await Self.sendTwice(
                        browser,
                        client,
                        "/immersions/\(id)/signature",
                        [("party", party), ("version", version), ("confirm", "1")],
                        node: node,
                        comment: "signature \(party)"
                    )
                }
                try await pair.sync()
                #expect(
                    try pair.state(id, on: pair.a, today: "2027-01-16")
                        == .confirmed(Period(from: Pair.day("2027-03-08"), to: Pair.day("2027-03-10")))
                )
                sites.clock.set("2027-03-12")
                let evaluation: [(String, String)] = [
                    ("attended", "1"), ("expected", "a"), ("observed", "b"), ("changedView", "c"), ("satisfaction", "4"), ("wouldRecommend", "1"),
                ]
                _ = try await Self.sendTwice(host, b, "/immersions/\(id)/evaluation", evaluation, node: pair.b, comment: "evaluation")

                // A counter-proposal, its agreement and a cancellation, on a second immersion.
                sites.clock.set("2027-01-15")
                let colleague = try #require(try await Browser.login(a, email: "autre@a.example").1)
                let second = try await colleague.post(a, "/offres/\(offer)/demander", ImmersionSiteTests.request)
                let id2 = String(try #require(second.location.split(separator: "/").last?.split(separator: "?").first))
                try await pair.sync()
                let counter = [("decision", "counter"), ("from", "2027-03-15"), ("to", "2027-03-16"), ("text", "")]
                _ = try await Self.sendTwice(host, b, "/immersions/\(id2)/reponse", counter, node: pair.b, comment: "counter-proposal")
                try await pair.sync()
                _ = try await Self.sendTwice(colleague, a, "/immersions/\(id2)/dates", [], node: pair.a, comment: "agreement to dates")
                _ = try await Self.sendTwice(
                    colleague,
                    a,
                    "/immersions/\(id2)/annulation",
                    [("reason", "Arrêt de travail")],
                    node: pair.a,
                    comment: "cancellation"
                )
            }
        }
    }
}
