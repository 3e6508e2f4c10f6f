import Foundation
import Hummingbird
import HummingbirdTesting
import NetworkSupport
import Testing

@testable import Records
@testable import Site
@testable import Storage
@testable import Workflow

@Suite("Web site: people's accounts by email links", .serialized)
struct AccountSiteTests {
    static let chosen = "le phare de Sète veille la nuit"

    /// Invites through the page and returns the response.
    static func invite(_ admin: Browser, _ client: any TestClientProtocol, _ email: String, role: String = "referent") async throws -> TestResponse {
        try await admin.post(client, "/comptes", [("email", email), ("name", "Sophie Ribes"), ("role", role)])
    }

    @Test func anInvitedPersonChoosesTheirPasswordThroughTheEmailedLinkThenSignsIn() async throws {
        let sendmail = try StandInSendmail()
        let fixture = try SiteFixture(mail: sendmail.notifier)
        try await fixture.test { client in
            let admin = try #require(try await Browser.login(client, email: "admin@college.example").1)
            let invited = try await Self.invite(admin, client, "sophie.ribes@college.example")
            #expect(invited.status == .ok)
            #expect(invited.text.contains("Invitation envoyée par courriel à Sophie Ribes (sophie.ribes@college.example)"))
            #expect(!invited.html.contains("/activation/"), "with mail, the link is not shown")
            let mail = try #require(sendmail.messages.first)
            #expect(mail.contains("To: sophie.ribes@college.example") && mail.contains("rôle « référent de la structure »"))
            #expect(mail.contains("il expire le ") && mail.contains("(heure de Paris)"))
            let path = try SiteFixture.linkPath(in: mail, "activation")

            let page = try await AnonymousPage.open(client, path)
            #expect(page.response.status == .ok && page.response.text.contains("Activer votre compte"))
            #expect(!page.csrf.isEmpty && !page.formToken.isEmpty)
            let short = try await page.send(client, path, [("password", "court"), ("confirmation", "court")])
            #expect(short.status == .badRequest && short.text.contains("il faut au moins 12 caractères (celui-ci en a 5)."))
            #expect(try fixture.account("sophie.ribes@college.example").status == .invited, "nothing written")

            let retry = try await AnonymousPage.open(client, path, cookie: page.cookie)
            #expect(retry.csrf == page.csrf, "the browser keeps its form cookie")
            let done = try await retry.send(client, path, [("password", Self.chosen), ("confirmation", Self.chosen)])
            #expect(done.status == .seeOther && done.location == "/mon-compte?fait=active")
            let browser = try #require(try await Browser.signedIn(by: done, client))
            #expect(try await browser.get(client, done.location).text.contains("Votre compte est activé et votre session ouverte."))
            #expect(try await Browser.login(client, email: "sophie.ribes@college.example", password: Self.chosen).1 != nil)

            let used = try await client.execute(uri: path, method: .get)
            #expect(used.status == .gone && used.text.contains("Lien déjà utilisé"))
            let journal = try await admin.get(client, "/journal")
            #expect(journal.text.contains("Personne invitée") && journal.text.contains("Compte activé"))
        }
    }

    @Test func withoutMailTheAdministratorSeesTheLinkOnceToHandOver() async throws {
        let fixture = try SiteFixture()
        try await fixture.test { client in
            let admin = try #require(try await Browser.login(client, email: "admin@college.example").1)
            let token = Browser.newFormToken()
            let pairs = [("email", "pro2@college.example"), ("name", "Paul Vidal"), ("role", "professionnel")]
            let invited = try await admin.post(client, "/comptes", pairs, formToken: token)
            #expect(invited.text.contains("Le courriel n'est pas configuré sur ce nœud : transmettez ce lien en main propre"))
            let path = try SiteFixture.linkPath(in: invited.html, "activation")
            let replay = try await admin.post(client, "/comptes", pairs, formToken: token)
            #expect(replay.status == .seeOther)
            let notice = try await admin.get(client, replay.location)
            #expect(notice.text.contains("L'invitation de Paul Vidal est faite.") && !notice.html.contains(path))
            #expect(try await client.execute(uri: path, method: .get).status == .ok)
        }
    }

    @Test func expiredAndUnknownLinksAreRefusedAndWriteNothing() async throws {
        let fixture = try SiteFixture()
        try await fixture.test { client in
            let admin = try #require(try await Browser.login(client, email: "admin@college.example").1)
            let path = try SiteFixture.linkPath(in: try await Self.invite(admin, client, "tard@college.example").html, "activation")
            let page = try await AnonymousPage.open(client, path)
            fixture.clock.advance(48 * 3600 + 1)
            let before = try fixture.accountFootprint()
            let late = try await page.send(client, path, [("password", Self.chosen), ("confirmation", Self.chosen)])
            #expect(late.status == .gone && late.text.contains("Lien expiré"))
            #expect(try await client.execute(uri: path, method: .get).status == .gone)
            #expect(try fixture.accountFootprint() == before)
            let unknown = try await client.execute(uri: "/activation/\(LinkToken.random().value)", method: .get)
            #expect(unknown.status == .badRequest && unknown.text.contains("Lien non reconnu"))
        }
    }

    @Test func aForgottenPasswordGetsTheSameAnswerWhetherOrNotTheAddressHasAnAccount() async throws {
        let sendmail = try StandInSendmail()
        let fixture = try SiteFixture(mail: sendmail.notifier)
        try await fixture.test { client in
            let login = try await client.execute(uri: "/connexion", method: .get)
            #expect(login.html.contains("href=\"/mot-de-passe-oublie\""))
            var answers: [String] = []
            for email in ["inconnu@college.example", "professionnel@college.example"] {
                let page = try await AnonymousPage.open(client, "/mot-de-passe-oublie")
                let sent = try await page.send(client, "/mot-de-passe-oublie", [("email", email)])
                #expect(sent.status == .seeOther)
                let answer = try await client.execute(uri: sent.location, method: .get, headers: [.cookie: page.cookie])
                answers.append("\(sent.status) \(sent.location) \(answer.status) \(answer.text.replacingOccurrences(of: page.csrf, with: ""))")
                #expect(answer.text.contains("Si un compte actif correspond à cette adresse, un lien vient de lui être envoyé."))
            }
            #expect(answers[0] == answers[1])
            let mails = try await sendmail.waitFor(1)
            #expect(mails.count == 1 && mails[0].contains("To: professionnel@college.example"))
            let path = try SiteFixture.linkPath(in: mails[0], "reinitialisation")

            let old = try #require(try await Browser.login(client, email: "professionnel@college.example").1)
            let page = try await AnonymousPage.open(client, path)
            #expect(page.response.text.contains("Choisir un nouveau mot de passe"))
            let done = try await page.send(client, path, [("password", Self.chosen), ("confirmation", Self.chosen)])
            #expect(done.location == "/mon-compte?fait=reinitialise")
            #expect(try await old.get(client, "/").status == .seeOther, "the sessions opened with the old password end")
            #expect(try await Browser.login(client, email: "professionnel@college.example").1 == nil)
            #expect(try await Browser.login(client, email: "professionnel@college.example", password: Self.chosen).1 != nil)
            #expect(try fixture.node.audit.entries().first?.action == .passwordReset)
        }
    }

    @Test func resetRequestsFromOneClientAreThrottled() async throws {
        let sendmail = try StandInSendmail()
        let fixture = try SiteFixture(mail: sendmail.notifier)
        try await fixture.test { client in
            let page = try await AnonymousPage.open(client, "/mot-de-passe-oublie")
            for n in 0..<AccountDesk.maxResetsPerClient {
                let sent = try await page.send(
                    client,
                    "/mot-de-passe-oublie",
                    [("email", "x\(n)@ailleurs.example")],
                    formToken: Browser.newFormToken()
                )
                #expect(sent.status == .seeOther)
            }
            let refused = try await page.send(client, "/mot-de-passe-oublie", [("email", "admin@college.example")], formToken: Browser.newFormToken())
            #expect(refused.status == .tooManyRequests && refused.text.contains("Trop de demandes depuis votre connexion"))
            try await Task.sleep(for: .milliseconds(200))
            #expect(sendmail.messages.isEmpty)
        }
    }

    @Test func withoutMailTheForgottenPasswordPageSendsToTheAdministrator() async throws {
        let fixture = try SiteFixture()
        try await fixture.test { client in
            #expect(try await client.execute(uri: "/connexion", method: .get).text.contains("Ce site n'envoie pas de courriel"))
            let page = try await AnonymousPage.open(client, "/mot-de-passe-oublie")
            #expect(page.response.text.contains("L'administrateur du site de votre structure peut produire pour vous un lien"))
            let before = try fixture.accountFootprint()
            _ = try await page.send(client, "/mot-de-passe-oublie", [("email", "professionnel@college.example")])
            #expect(try fixture.accountFootprint() == before)
            // The administrator makes the link instead, to hand over.
            let admin = try #require(try await Browser.login(client, email: "admin@college.example").1)
            let id = try fixture.account("professionnel@college.example").id
            let made = try await admin.post(client, "/comptes/\(id)/reinitialisation", [])
            #expect(made.text.contains("Lien de réinitialisation du mot de passe créé pour Compte professionnel"))
            _ = try SiteFixture.linkPath(in: made.html, "reinitialisation")
        }
    }

    @Test func deactivationEndsSessionsAtOnceAndRefusesSignIn() async throws {
        let fixture = try SiteFixture()
        try await fixture.test { client in
            let admin = try #require(try await Browser.login(client, email: "admin@college.example").1)
            let pro = try #require(try await Browser.login(client, email: "professionnel@college.example").1)
            let id = try fixture.account("professionnel@college.example").id
            let off = try await admin.post(client, "/comptes/\(id)/desactiver", [])
            #expect(off.status == .seeOther)
            #expect(try await admin.get(client, off.location).text.contains("Le compte de Compte professionnel est désactivé"))
            #expect(try await pro.get(client, "/").location == "/connexion")
            let refused = try await Browser.login(client, email: "professionnel@college.example")
            #expect(refused.1 == nil && refused.0.status == .unauthorized)
            #expect(try await admin.post(client, "/comptes/\(id)/reactiver", []).status == .seeOther)
            #expect(try await Browser.login(client, email: "professionnel@college.example").1 != nil)
        }
    }

    @Test func theLastActiveAdministratorIsKept() async throws {
        let fixture = try SiteFixture()
        try await fixture.test { client in
            let admin = try #require(try await Browser.login(client, email: "admin@college.example").1)
            let id = try fixture.account("admin@college.example").id
            let before = try fixture.accountFootprint()
            for (action, pairs) in [("role", [("role", "referent")]), ("desactiver", [])] {
                let refused = try await admin.post(client, "/comptes/\(id)/\(action)", pairs)
                #expect(refused.status == .conflict, "\(action)")
                #expect(refused.text.contains("Vous êtes le seul administrateur actif de ce nœud"), "\(action)")
            }
            #expect(try fixture.accountFootprint() == before)
            // With a second administrator, the first may step down.
            let referent = try fixture.account("referent@college.example").id
            #expect(try await admin.post(client, "/comptes/\(referent)/role", [("role", "admin")]).status == .seeOther)
            #expect(try await admin.post(client, "/comptes/\(id)/role", [("role", "referent")]).status == .seeOther)
            #expect(try await admin.get(client, "/comptes").status == .forbidden, "no longer an administrator")
        }
    }

    @Test func changingMyPasswordEndsMyOtherSessions() async throws {
        let fixture = try SiteFixture()
        try await fixture.test { client in
            let here = try #require(try await Browser.login(client, email: "referent@college.example").1)
            let there = try #require(try await Browser.login(client, email: "referent@college.example").1)
            #expect(try await here.get(client, "/mon-compte").text.contains("Votre compte a 1 autre session ouverte"))
            let wrong = try await here.post(
                client,
                "/mon-compte/mot-de-passe",
                [("current", "faux"), ("password", Self.chosen), ("confirmation", Self.chosen)]
            )
            #expect(wrong.status == .badRequest && wrong.text.contains("ce n'est pas votre mot de passe actuel."))
            let common = try await here.post(
                client,
                "/mon-compte/mot-de-passe",
                [("current", SiteFixture.password), ("password", "azertyuiop123"), ("confirmation", "azertyuiop123")]
            )
            #expect(common.status == .badRequest && common.text.contains("ce mot de passe fait partie des plus utilisés"))
            #expect(try await there.get(client, "/").status == .ok, "nothing changed yet")
            let changed = try await here.post(
                client,
                "/mon-compte/mot-de-passe",
                [("current", SiteFixture.password), ("password", Self.chosen), ("confirmation", Self.chosen)]
            )
            #expect(changed.location == "/mon-compte?fait=mot-de-passe")
            #expect(try await here.get(client, "/").status == .ok)
            #expect(try await there.get(client, "/").location == "/connexion")
            #expect(try await Browser.login(client, email: "referent@college.example", password: Self.chosen).1 != nil)
        }
    }

    @Test func endingMyOtherSessionsKeepsThisOne() async throws {
        let fixture = try SiteFixture()
        try await fixture.test { client in
            let here = try #require(try await Browser.login(client, email: "professionnel@college.example").1)
            let phone = try #require(try await Browser.login(client, email: "professionnel@college.example").1)
            let ended = try await here.post(client, "/mon-compte/sessions", [])
            #expect(ended.location == "/mon-compte?fait=sessions")
            #expect(try await phone.get(client, "/").location == "/connexion")
            #expect(try await here.get(client, "/mon-compte").text.contains("Votre compte n'a pas d'autre session ouverte."))
        }
    }

    @Test func theHubsAdministratorInvitesTheMDAsStaffTheSameWay() async throws {
        let fixture = try SiteFixture()
        try fixture.node.settings.set(.role, NodeRole.hub.rawValue)
        try await fixture.test { client in
            let admin = try #require(try await Browser.login(client, email: "admin@college.example").1)
            let home = try await admin.get(client, "/mon-compte")
            #expect(home.html.contains("href=\"/comptes\"") && home.html.contains("href=\"/journal\""))
            let invited = try await Self.invite(admin, client, "chargee@mda.example", role: "admin")
            #expect(invited.status == .ok)
            #expect(try fixture.account("chargee@mda.example").status == .invited)
        }
    }
}
