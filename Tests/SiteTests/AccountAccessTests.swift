import Foundation
import Hummingbird
import HummingbirdTesting
import NetworkSupport
import Testing

@testable import Records
@testable import Site
@testable import Storage
@testable import Workflow

/// Who may reach the account pages, their CSRF tokens, replays, and the journal.
@Suite("Web site: account pages' access, tokens and replays", .serialized)
struct AccountAccessTests {
    /// The administrators' routes, with a form that would work for an administrator.
    static func adminActions(_ fixture: SiteFixture) throws -> [(String, [(String, String)])] {
        let id = try fixture.account("professionnel@college.example").id
        return [
            ("/comptes", [("email", "x@college.example"), ("name", "X"), ("role", "admin")]),
            ("/comptes/\(id)/role", [("role", "admin")]), ("/comptes/\(id)/desactiver", []), ("/comptes/\(id)/reactiver", []),
            ("/comptes/\(id)/invitation", []), ("/comptes/\(id)/reinitialisation", []),
        ]
    }

    @Test func accountAdministrationIsRefusedToEveryOtherRole() async throws {
        let fixture = try SiteFixture()
        try await fixture.test { client in
            let before = try fixture.accountFootprint()
            for role in [Role.professionnel, .referent] {
                let browser = try #require(try await Browser.login(client, email: "\(role.rawValue)@college.example").1)
                for uri in ["/comptes", "/journal", "/journal?avant=5"] {
                    #expect(try await browser.get(client, uri).status == .forbidden, "\(role) \(uri)")
                }
                for (uri, pairs) in try Self.adminActions(fixture) {
                    #expect(try await browser.post(client, uri, pairs).status == .forbidden, "\(role) \(uri)")
                }
                #expect(try await browser.get(client, "/mon-compte").status == .ok, "\(role) has an account page")
                let menu = try await browser.get(client, "/")
                #expect(!menu.html.contains("href=\"/comptes\"") && !menu.html.contains("href=\"/journal\""))
            }
            for uri in ["/comptes", "/journal", "/mon-compte"] {
                #expect(try await client.execute(uri: uri, method: .get).location == "/connexion", "anonymous \(uri)")
            }
            for (uri, _) in try Self.adminActions(fixture) + [("/mon-compte/mot-de-passe", []), ("/mon-compte/sessions", [])] {
                #expect(try await client.execute(uri: uri, method: .post).location == "/connexion", "anonymous \(uri)")
            }
            // Only sign-ins were written (sessions).
            #expect(try fixture.accountFootprint().filter { !$0.hasPrefix("sessions=") } == before.filter { !$0.hasPrefix("sessions=") })
            let admin = try #require(try await Browser.login(client, email: "admin@college.example").1)
            for uri in ["/comptes", "/journal"] { #expect(try await admin.get(client, uri).status == .ok, "admin \(uri)") }
        }
    }

    @Test func everyPostFormOfEveryTemplateCarriesACSRFToken() {
        for file in TemplateLibrary.files {
            let text = String(decoding: file.bytes, as: UTF8.self)
            var rest = Substring(text)
            while let start = rest.range(of: "<form method=\"post\"") {
                let body = rest[start.lowerBound...]
                let end = body.range(of: "</form>")?.upperBound ?? body.endIndex
                // The hub's public /verifier reads what it is given, stores nothing and needs no account: no session to protect.
                if !body.prefix(80).contains("action=\"/verifier\"") {
                    #expect(body[..<end].contains("name=\"csrf\" value=\"{{csrf}}\""), "\(file.name): \(body.prefix(80))")
                }
                rest = body[end...]
            }
        }
    }

    @Test func accountFormsWithoutTheirCSRFTokenAreRefusedAndWriteNothing() async throws {
        let fixture = try SiteFixture()
        try await fixture.test { client in
            let admin = try #require(try await Browser.login(client, email: "admin@college.example").1)
            let path = try SiteFixture.linkPath(
                in: try await admin.post(client, "/comptes", [("email", "new@college.example"), ("name", "N"), ("role", "professionnel")]).html,
                "activation"
            )
            let before = try fixture.accountFootprint()
            let session =
                try Self.adminActions(fixture) + [
                    (
                        "/mon-compte/mot-de-passe",
                        [("current", SiteFixture.password), ("password", "une phrase assez longue"), ("confirmation", "une phrase assez longue")]
                    ),
                    ("/mon-compte/sessions", []),
                ]
            for (uri, pairs) in session {
                for csrf in ["", "jeton-invente"] {
                    let refused = try await admin.post(client, uri, pairs, csrf: csrf)
                    #expect(refused.status == .forbidden && refused.text.contains("Formulaire expiré"), "\(uri) \(csrf)")
                }
            }
            let chosen = [("password", "une phrase assez longue"), ("confirmation", "une phrase assez longue")]
            for (uri, pairs) in [(path, chosen), ("/mot-de-passe-oublie", [("email", "professionnel@college.example")])] {
                let page = try await AnonymousPage.open(client, uri)
                #expect(try await page.send(client, uri, pairs, csrf: "jeton-invente").status == .forbidden, "\(uri)")
                let noCookie = try await client.execute(
                    uri: uri,
                    method: .post,
                    headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: Browser.form([("csrf", page.csrf), ("formToken", page.formToken)] + pairs))
                )
                #expect(noCookie.status == .forbidden, "\(uri)")
            }
            #expect(try fixture.accountFootprint() == before)
        }
    }

    /// Each act is sent, undone by another form, then its first form replayed: the replay must
    /// not do it again.
    @Test func replayedAccountFormsDoNothingAgain() async throws {
        let fixture = try SiteFixture()
        try await fixture.test { client in
            let admin = try #require(try await Browser.login(client, email: "admin@college.example").1)
            let id = try fixture.account("professionnel@college.example").id
            typealias Act = (path: String, pairs: [(String, String)])
            let acts: [(Act, Act)] = [
                (("role", [("role", "referent")]), ("role", [("role", "professionnel")])), (("desactiver", []), ("reactiver", [])),
            ]
            for (act, undo) in acts {
                let token = Browser.newFormToken()
                let first = try await admin.post(client, "/comptes/\(id)/\(act.0)", act.1, formToken: token)
                #expect(try await admin.post(client, "/comptes/\(id)/\(undo.0)", undo.1).status == .seeOther)
                let undone = try fixture.accountFootprint()
                let replay = try await admin.post(client, "/comptes/\(id)/\(act.0)", act.1, formToken: token)
                #expect(replay.status == .seeOther && replay.location == first.location, "\(act.0)")
                #expect(try fixture.accountFootprint() == undone, "\(act.0)")
            }
            for uri in ["/comptes/\(id)/reinitialisation", "/comptes", "/mon-compte/sessions"] {
                let pairs = uri == "/comptes" ? [("email", "nouvelle@college.example"), ("name", "Nouvelle"), ("role", "referent")] : []
                let token = Browser.newFormToken()
                _ = try await admin.post(client, uri, pairs, formToken: token)
                let after = try fixture.accountFootprint()
                #expect(try await admin.post(client, uri, pairs, formToken: token).status == .seeOther, "\(uri)")
                #expect(try fixture.accountFootprint() == after, "\(uri)")
            }
            let invited = try fixture.account("nouvelle@college.example").id
            let renew = Browser.newFormToken()
            _ = try await admin.post(client, "/comptes/\(invited)/invitation", [], formToken: renew)
            let renewed = try fixture.accountFootprint()
            #expect(try await admin.post(client, "/comptes/\(invited)/invitation", [], formToken: renew).status == .seeOther)
            #expect(try fixture.accountFootprint() == renewed)

            let change = [("current", SiteFixture.password), ("password", AccountSiteTests.chosen), ("confirmation", AccountSiteTests.chosen)]
            let token = Browser.newFormToken()
            let changed = try await admin.post(client, "/mon-compte/mot-de-passe", change, formToken: token)
            let after = try fixture.accountFootprint()
            let replay = try await admin.post(client, "/mon-compte/mot-de-passe", change, formToken: token)
            #expect(replay.location == changed.location)
            #expect(try fixture.accountFootprint() == after)
        }
    }

    @Test func replayedFormsOfPeopleNotSignedInDoNothingAgain() async throws {
        let sendmail = try StandInSendmail()
        let fixture = try SiteFixture(mail: sendmail.notifier)
        try await fixture.test { client in
            let forgot = try await AnonymousPage.open(client, "/mot-de-passe-oublie")
            let first = try await forgot.send(client, "/mot-de-passe-oublie", [("email", "professionnel@college.example")])
            let mails = try await sendmail.waitFor(1)
            let after = try fixture.accountFootprint()
            let replay = try await forgot.send(client, "/mot-de-passe-oublie", [("email", "professionnel@college.example")])
            #expect(replay.status == .seeOther && replay.location == first.location)
            try await Task.sleep(for: .milliseconds(200))
            #expect(sendmail.messages.count == 1, "no second mail")
            #expect(try fixture.accountFootprint() == after, "no second link")

            let path = try SiteFixture.linkPath(in: mails[0], "reinitialisation")
            let page = try await AnonymousPage.open(client, path)
            let pairs = [("password", AccountSiteTests.chosen), ("confirmation", AccountSiteTests.chosen)]
            let chosen = try await page.send(client, path, pairs)
            let signedIn = try fixture.accountFootprint()
            let again = try await page.send(client, path, pairs)
            #expect(again.status == .seeOther && again.location == chosen.location)
            #expect(try fixture.accountFootprint() == signedIn, "no second password, no second session")
        }
    }

    @Test func theJournalListsAccountActsNewestFirstAPageAtATime() async throws {
        let fixture = try SiteFixture()
        try await fixture.test { client in
            let admin = try #require(try await Browser.login(client, email: "admin@college.example").1)
            #expect(try await admin.get(client, "/journal").text.contains("Aucun acte d'administration enregistré."))
            let id = try fixture.account("referent@college.example").id
            _ = try await admin.post(client, "/comptes/\(id)/desactiver", [])
            let journal = try await admin.get(client, "/journal")
            #expect(journal.text.contains("<td>admin@college.example</td><td>Compte désactivé</td><td>referent@college.example</td>"))
            for n in 0..<JournalPage.pageSize {
                try fixture.node.audit.append(actor: AuditLog.commandLine, action: .accountCreated, subject: "n\(n)@x")
            }
            let first = try await admin.get(client, "/journal")
            #expect(!first.text.contains("referent@college.example") && first.text.contains("Actes plus anciens"))
            let older = try #require(
                first.html.range(of: "href=\"/journal?avant=").map { "/journal?avant=" + first.html[$0.upperBound...].prefix { $0 != "\"" } }
            )
            let second = try await admin.get(client, older)
            #expect(second.text.contains("referent@college.example") && second.text.contains("Revenir aux actes les plus récents"))
            #expect(try await admin.get(client, "/journal?avant=abc").status == .notFound)
        }
    }

    @Test func aProxyOnThisMachineNamesTheClientAndNoOneElseDoes() {
        #expect(SessionMiddleware.forwardedClient(["203.0.113.9, 198.51.100.4"], peer: "127.0.0.1") == "198.51.100.4")
        #expect(SessionMiddleware.forwardedClient(["2001:db8::1"], peer: "::1") == "2001:db8::1")
        #expect(SessionMiddleware.forwardedClient(["198.51.100.4"], peer: "192.0.2.1") == nil)
        #expect(SessionMiddleware.forwardedClient(["<script>"], peer: "127.0.0.1") == nil)
        #expect(SessionMiddleware.forwardedClient([], peer: "127.0.0.1") == nil)
    }
}
