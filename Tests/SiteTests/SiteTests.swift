import Foundation
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@testable import Records
@testable import Site
@testable import Storage

@Suite("Web site: accounts and access")
struct AccessTests {
    @Test func everyPageExceptLoginNeedsASession() async throws {
        let fixture = try SiteFixture()
        let offer = try fixture.publishedOffer()
        try await fixture.test { client in
            for uri in [
                "/", "/offres/\(offer.header.record)", "/offres/nouvelle", "/annuaire", "/demandes", "/lexique", "/etat", "/comptes", "/journal",
                "/mon-compte",
            ] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .seeOther, "\(uri)")
                #expect(response.headers[.location] == "/connexion")
            }
            #expect(try await client.execute(uri: "/connexion", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/mot-de-passe-oublie", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/style.css", method: .get).status == .ok)
        }
    }

    @Test func loginSetsAHardenedSessionCookieAndLogoutEndsIt() async throws {
        let fixture = try SiteFixture()
        try await fixture.test { client in
            let (response, signedIn) = try await Browser.login(client, email: "professionnel@college.example")
            #expect(response.status == .seeOther)
            let header = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("vmvp_session=") })
            for attribute in ["HttpOnly", "Secure", "SameSite=Strict", "Max-Age=28800", "Path=/"] {
                #expect(header.contains(attribute), "\(attribute) in \(header)")
            }
            let browser = try #require(signedIn)
            #expect(try await browser.get(client, "/").status == .ok)
            let logout = try await browser.post(client, "/deconnexion", [])
            #expect(logout.status == .seeOther && logout.headers[.location] == "/connexion")
            #expect(try await browser.get(client, "/").status == .seeOther, "the old cookie opens nothing")
        }
    }

    @Test func wrongPasswordsAreRefusedThenThrottledPerAccount() async throws {
        let fixture = try SiteFixture()
        try await fixture.test { client in
            for _ in 0..<5 {
                let (response, browser) = try await Browser.login(client, email: "referent@college.example", password: "faux")
                #expect(response.status == .unauthorized && browser == nil)
                #expect(String(buffer: response.body).contains("Adresse ou mot de passe incorrect."))
            }
            let (blocked, browser) = try await Browser.login(client, email: "referent@college.example")
            #expect(blocked.status == .tooManyRequests && browser == nil, "even the right password waits")
            #expect(String(buffer: blocked.body).contains("réessayez dans 15 minutes"))
            // Another account is not affected by this account's lock.
            #expect(try await Browser.login(client, email: "admin@college.example").1 != nil)
        }
    }

    @Test func loginsAreThrottledPerAddress() async throws {
        let fixture = try SiteFixture()
        try await fixture.test { client in
            for n in 0..<20 { _ = try await Browser.login(client, email: "inconnu\(n)@exemple.example", password: "x") }
            let (blocked, _) = try await Browser.login(client, email: "admin@college.example")
            #expect(blocked.status == .tooManyRequests)
        }
    }

    @Test func aLoginWithoutItsFormTokenIsRefused() async throws {
        let fixture = try SiteFixture()
        try await fixture.test { client in
            let response = try await client.execute(
                uri: "/connexion",
                method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: Browser.form(["email": "admin@college.example", "password": SiteFixture.password]))
            )
            #expect(response.status == .forbidden)
            #expect(String(buffer: response.body).contains("Formulaire expiré"))
        }
    }

    @Test func sessionsExpire() async throws {
        let fixture = try SiteFixture()
        try await fixture.test { client in
            let browser = try #require(try await Browser.login(client, email: "admin@college.example").1)
            #expect(try await browser.get(client, "/").status == .ok)
            fixture.clock.advance(8 * 3600 + 1)
            let response = try await browser.get(client, "/")
            #expect(response.status == .seeOther && response.headers[.location] == "/connexion")
        }
    }

    /// Each page and each action, for each role: allowed (2xx/3xx) or refused (403).
    @Test func rolesAreCheckedOnEveryPageAndAction() async throws {
        let fixture = try SiteFixture()
        let offer = try fixture.publishedOffer()
        let record = offer.header.record
        let pages: [(String, Role)] = [
            ("/", .professionnel), ("/offres/\(record)", .professionnel), ("/annuaire", .professionnel),
            ("/annuaire/\(fixture.node.structureID)", .professionnel), ("/demandes", .professionnel), ("/demandes/nouvelle", .professionnel),
            ("/lexique", .professionnel), ("/offres/nouvelle", .referent), ("/offres/\(record)/modifier", .referent),
            ("/etat", .admin), ("/comptes", .admin), ("/journal", .admin), ("/mon-compte", .professionnel),
        ]
        try await fixture.test { client in
            for role in Role.allCases {
                let browser = try #require(try await Browser.login(client, email: "\(role.rawValue)@college.example").1)
                for (uri, needed) in pages {
                    let status = try await browser.get(client, uri).status
                    #expect(status == (role >= needed ? .ok : .forbidden), "\(role) \(uri)")
                }
                let create = try await browser.post(client, "/offres", completeOfferForm())
                #expect(create.status == (role >= .referent ? .seeOther : .forbidden), "\(role) publishes")
                let account = try await browser.post(
                    client,
                    "/comptes",
                    [("email", "nouveau-\(role.rawValue)@college.example"), ("name", "Nouveau"), ("role", "professionnel")]
                )
                #expect(account.status == (role == .admin ? .ok : .forbidden), "\(role) creates accounts")
            }
        }
    }

    @Test func formsWithoutTheSessionTokenAreRefusedAndStoreNothing() async throws {
        let fixture = try SiteFixture()
        try await fixture.test { client in
            let browser = try #require(try await Browser.login(client, email: "referent@college.example").1)
            let before = try fixture.node.store.envelopeCount()
            for csrf in ["", "jeton-invente"] {
                let response = try await browser.post(client, "/offres", completeOfferForm(), csrf: csrf)
                #expect(response.status == .forbidden)
                #expect(String(buffer: response.body).contains("Formulaire expiré"))
            }
            #expect(try await browser.post(client, "/demandes", [("missions", "x")], csrf: "").status == .forbidden)
            #expect(try fixture.node.store.envelopeCount() == before)
        }
    }
}

@Suite("Web site: pages")
struct PageTests {
    @Test func publishingACompleteOfferThenFindingItWithoutAccents() async throws {
        let fixture = try SiteFixture()
        try await fixture.test { client in
            let referent = try #require(try await Browser.login(client, email: "referent@college.example").1)
            let created = try await referent.post(client, "/offres", completeOfferForm(establishment: "Éducation prioritaire — vie scolaire"))
            #expect(created.status == .seeOther)
            let location = try #require(created.headers[.location])
            let found = String(buffer: try await referent.get(client, "/?q=education+prioritaire").body)
            #expect(found.contains("1 offre trouvée"))
            #expect(found.contains("value=\"education prioritaire\""), "the query is shown back as typed")
            #expect(found.contains(location))
            let page = String(buffer: try await referent.get(client, location).body)
            for label in Offer.fieldLabels.map(\.label) { #expect(page.contains(HTML.escape(label)), "\(label)") }
            #expect(page.contains("<abbr title=\"Aide sociale à l&#39;enfance\">ASE</abbr>"), "acronyms are explained")
            #expect(page.contains("Protocole harcèlement"))
        }
    }

    @Test func searchFiltersCountAndPaginate() async throws {
        let fixture = try SiteFixture()
        for n in 0..<23 { _ = try fixture.publishedOffer(["commune": .string(n % 2 == 0 ? "Sète" : "Lunel")]) }
        try await fixture.test { client in
            let pro = try #require(try await Browser.login(client, email: "professionnel@college.example").1)
            let first = String(buffer: try await pro.get(client, "/").body)
            #expect(first.contains("23 offres trouvées") && first.contains("Page 1 sur 2") && first.contains("rel=\"next\""))
            let second = String(buffer: try await pro.get(client, "/?page=2").body)
            #expect(second.components(separatedBy: "class=\"card\"").count - 1 == 3)
            #expect(String(buffer: try await pro.get(client, "/?commune=Lunel").body).contains("11 offres trouvées"))
            #expect(String(buffer: try await pro.get(client, "/?sector=educatif&month=2027-03").body).contains("23 offres trouvées"))
            let none = String(buffer: try await pro.get(client, "/?month=2031-01").body)
            #expect(none.contains("Aucune offre trouvée") && none.contains("Chercher à toutes les dates, pas seulement en janvier 2031"))
            #expect(none.contains("href=\"/demandes/nouvelle\""), "the empty state suggests writing a discovery request")
            #expect(String(buffer: try await pro.get(client, "/?duration=2").body).contains("Aucune offre trouvée"))
        }
    }

    @Test func invalidFormsExplainEachFieldAndStoreNothing() async throws {
        let fixture = try SiteFixture()
        try await fixture.test { client in
            let referent = try #require(try await Browser.login(client, email: "referent@college.example").1)
            var form = completeOfferForm().filter { !["observableMissions", "durationHalfDays", "contact_email"].contains($0.0) }
            form += [("observableMissions", ""), ("durationHalfDays", "douze"), ("contact_email", "pas-une-adresse")]
            form = form.map { $0.0 == "period_to" && $0.1 == "2027-02-05" ? ("period_to", "2027-01-01") : $0 }
            let before = try fixture.node.store.envelopeCount()
            let response = try await referent.post(client, "/offres", form)
            #expect(response.status == .badRequest)
            let html = String(buffer: response.body)
            #expect(html.contains("id=\"observableMissions-erreur\">Ne doit pas être vide."))
            #expect(html.contains("id=\"durationHalfDays-erreur\">Écrivez un nombre entier (demi-journées), en chiffres."))
            #expect(html.contains("id=\"contact_email-erreur\">Adresse électronique invalide"))
            #expect(html.contains("aria-describedby=\"observableMissions-aide observableMissions-erreur\""))
            #expect(html.contains("aria-invalid=\"true\""))
            #expect(html.contains("période 1 : la fin de la période (1er janvier 2027) précède son début (11 janvier 2027)."))
            #expect(html.contains("Le formulaire contient 4 erreurs"))
            #expect(html.contains("value=\"Collège Jean Moulin de Sète\""), "what was typed is kept")
            #expect(try fixture.node.store.envelopeCount() == before)
        }
    }

    @Test func hostileInputIsShownAsText() async throws {
        let fixture = try SiteFixture()
        try await fixture.test { client in
            let referent = try #require(try await Browser.login(client, email: "referent@college.example").1)
            let created = try await referent.post(client, "/offres", completeOfferForm(establishment: "<script>alert('x')</script> & co"))
            let location = try #require(created.headers[.location])
            for uri in [location, "/", "/annuaire/\(fixture.node.structureID)"] {
                let html = String(buffer: try await referent.get(client, uri).body)
                #expect(!html.contains("<script>"), "\(uri)")
                #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"), "\(uri)")
            }
            let headers = try await referent.get(client, location).headers
            #expect(headers[.contentSecurityPolicy]?.contains("script-src 'none'") == true)
        }
    }

    @Test func editingAPublishedOfferSignsANewVersionAndStatusActionsWork() async throws {
        let fixture = try SiteFixture()
        try await fixture.test { client in
            let referent = try #require(try await Browser.login(client, email: "referent@college.example").1)
            let location = try #require(try await referent.post(client, "/offres", completeOfferForm()).headers[.location])
            let record = String(location.dropFirst("/offres/".count))
            let edit = String(buffer: try await referent.get(client, "\(location)/modifier").body)
            #expect(edit.contains("Suivi de l&#39;assiduité") && edit.contains("value=\"2027-01-11\""))
            let before = try fixture.node.store.envelopeCount()
            var form = completeOfferForm(establishment: "Vie scolaire (nouvelle version)")
            #expect(try await referent.post(client, location, form).status == .seeOther)
            #expect(try fixture.node.store.envelopeCount() == before + 1)
            let current = try #require(try fixture.node.store.currentRecord(record))
            #expect(try current.decode(Offer.self).establishment == "Vie scolaire (nouvelle version)")
            form = form.map { $0.0 == "status" ? ("status", "paused") : $0 }
            #expect(try await referent.post(client, location, form).status == .seeOther)
            #expect(!String(buffer: try await referent.get(client, "/").body).contains(location), "a paused offer leaves the catalogue")
            form = form.map { $0.0 == "status" ? ("status", "archived") : $0 }
            #expect(try await referent.post(client, location, form).status == .seeOther)
            #expect(try fixture.node.store.currentRecord(record)?.decode(Offer.self).status == .archived)
        }
    }

    @Test func anotherStructuresOfferCannotBeEdited() async throws {
        let fixture = try SiteFixture()
        let other = Author(structureID: RecordID.make(), identity: SigningIdentity())
        let foreign = try fixture.node.store.append(Offer.validated(Samples.offerJSON()), as: other)
        try await fixture.test { client in
            let admin = try #require(try await Browser.login(client, email: "admin@college.example").1)
            #expect(try await admin.get(client, "/offres/\(foreign.header.record)").status == .ok)
            #expect(try await admin.get(client, "/offres/\(foreign.header.record)/modifier").status == .forbidden)
            #expect(try await admin.post(client, "/offres/\(foreign.header.record)", completeOfferForm()).status == .forbidden)
        }
    }

    @Test func directoryGlossaryDemandsAndStatusPages() async throws {
        let fixture = try SiteFixture()
        _ = try fixture.publishedOffer()
        try await fixture.test { client in
            let admin = try #require(try await Browser.login(client, email: "admin@college.example").1)
            let directory = String(buffer: try await admin.get(client, "/annuaire").body)
            #expect(directory.contains("Éducatif") && directory.contains("Collège Jean Moulin de Sète") && directory.contains("1 offre publiée"))
            let glossary = String(buffer: try await admin.get(client, "/lexique").body)
            for term in ["ASE", "PJJ", "UEMO", "CER", "CMP", "CMPP", "MDA", "MDPH", "CIO", "CIJ", "IME", "ITEP", "SESSAD", "AEMO", "DAFPEN", "OPCO"] {
                #expect(glossary.contains("<abbr title=") && glossary.contains(">\(term)</abbr>"), "\(term)")
            }
            let demand = try await admin.post(
                client,
                "/demandes",
                [
                    ("requester_name", "Karim Benali"), ("requester_job", "Éducateur"), ("requester_structure", "UEMO"),
                    ("sectors", "sanitaire"), ("missions", "Voir un CMP"), ("from", "2027-03-01"), ("to", "2027-03-31"),
                    ("durationHalfDays", "4"), ("objective", "Mieux orienter"),
                ]
            )
            #expect(demand.status == .seeOther)
            let listed = String(buffer: try await admin.get(client, try #require(demand.headers[.location])).body)
            #expect(listed.contains("Votre demande est enregistrée") && listed.contains("Karim Benali"))
            let missing = try await admin.post(client, "/demandes", [("requester_name", "K")])
            #expect(missing.status == .badRequest && String(buffer: missing.body).contains("id=\"missions-erreur\""))
            let status = String(buffer: try await admin.get(client, "/etat").body)
            #expect(status.contains("pas encore inscrit") && status.contains("Enregistrements dans le journal"))
            #expect(status.contains("<dt>Stockage</dt><dd>écriture possible, "))
        }
    }

    /// A full disk is told to staff as such, with a 503, and nothing is stored.
    @Test func aFullDiskIsSaidOnThePage() async throws {
        let fixture = try SiteFixture(fullDisk: true)
        try await fixture.test { client in
            let admin = try #require(try await Browser.login(client, email: "admin@college.example").1)
            let before = try fixture.node.store.envelopeCount()
            // Larger than a page (16 KiB) once stored: the write needs pages the file cannot have.
            let long = String(repeating: "Coût : 30 € — ", count: 280)
            let refused = try await admin.post(
                client,
                "/demandes",
                [
                    ("requester_name", "Karim Benali"), ("requester_job", "Éducateur"), ("requester_structure", "UEMO"),
                    ("sectors", "sanitaire"), ("missions", long), ("from", "2027-03-01"), ("to", "2027-03-31"),
                    ("durationHalfDays", "4"), ("objective", long),
                ]
            )
            let page = refused.text
            #expect(refused.status == .serviceUnavailable && page.contains("Enregistrement impossible") && page.contains("disque plein"), "\(page)")
            #expect(!page.contains("SQLite"))
            #expect(try fixture.node.store.envelopeCount() == before)
        }
    }

    @Test func errorPagesSayWhatHappenedAndWhatToDo() async throws {
        let fixture = try SiteFixture()
        try await fixture.test { client in
            let pro = try #require(try await Browser.login(client, email: "professionnel@college.example").1)
            let missing = try await pro.get(client, "/offres/01a20000-0000-7000-8000-000000000000")
            #expect(missing.status == .notFound && String(buffer: missing.body).contains("Page introuvable"))
            let unknownRoute = try await pro.get(client, "/nulle-part")
            #expect(unknownRoute.status == .notFound && String(buffer: unknownRoute.body).contains("Vérifiez l&#39;adresse"))
            let refused = try await pro.get(client, "/comptes")
            #expect(refused.status == .forbidden && String(buffer: refused.body).contains("adressez-vous à l&#39;administrateur"))
        }
    }

    @Test func aDiscreetBannerShowsWhenTheHubIsUnreachable() async throws {
        let fixture = try SiteFixture()
        try fixture.node.settings.set(.hubURL, "https://hub.example:8443")
        try fixture.node.settings.set(.lastSyncSuccess, "2026-11-24T08:30:00.000Z")
        try fixture.node.settings.set(.lastSyncError, "Hub injoignable (connexion refusée)")
        try await fixture.test { client in
            let pro = try #require(try await Browser.login(client, email: "professionnel@college.example").1)
            let html = String(buffer: try await pro.get(client, "/").body)
            #expect(html.contains("class=\"banner\" role=\"status\"") && html.contains("24 novembre 2026 à 09:30"))
        }
    }
}
