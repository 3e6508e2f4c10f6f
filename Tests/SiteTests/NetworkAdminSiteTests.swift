import Federation
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

/// The MDA runs its network from the hub's site, with the same rules as the command line.
@Suite("Network administration in the hub's site", .serialized)
struct NetworkAdminSiteTests {
    static let routes: [(HTTPRequest.Method, String)] = [
        (.get, "/reseau"), (.get, "/reseau/inviter"), (.post, "/reseau/inviter"), (.post, "/reseau/invitations/x/retirer"),
        (.get, "/reseau/structures/x/revoquer"), (.post, "/reseau/structures/x/revoquer"),
        (.get, "/reseau/structures/x/renouveler"), (.post, "/reseau/structures/x/renouveler"),
    ]

    @Test func onlyTheMDAsAdministratorsReachThePages() async throws {
        try await withPair { pair in
            _ = try pair.a.accounts.add(
                email: "admin@a.example",
                name: "Admin A",
                role: .admin,
                passwordHash: Authenticator.hashPassword(SiteFixture.password, cost: 4)
            )
            _ = try pair.network.hub.accounts.add(
                email: "ref@mda.example",
                name: "Référente MDA",
                role: .referent,
                passwordHash: Authenticator.hashPassword(SiteFixture.password, cost: 4)
            )
            let sites = try TwoSites(pair: pair)
            try await sites.run { a, _, hub in
                let (_, referent) = try await Browser.login(a, email: "ref@a.example")
                let (_, structureAdmin) = try await Browser.login(a, email: "admin@a.example")
                let (_, hubReferent) = try await Browser.login(hub, email: "ref@mda.example")
                for (method, uri) in Self.routes {
                    let anonymous = try await hub.execute(uri: uri, method: method)
                    #expect(anonymous.status == .seeOther || anonymous.status == .forbidden, "\(uri) without a session")
                    #expect(try await request(hubReferent!, hub, method, uri).status == .forbidden, "\(uri) for a referent of the MDA")
                    #expect(try await request(referent!, a, method, uri).status == .forbidden, "\(uri) for a structure's referent")
                    #expect(try await request(structureAdmin!, a, method, uri).status == .notFound, "\(uri) on a structure's node")
                }
                #expect(try pair.network.hub.hub.pendingInvitations(now: Date()).isEmpty, "nothing was created")
            }
        }
    }

    @Test func theNetworkPageListsMembersFiltersAndSorts() async throws {
        try await withPair { pair in
            try await pair.sync()
            let sites = try TwoSites(pair: pair)
            try await sites.run { _, _, hub in
                let (_, mda) = try await Browser.login(hub, email: "admin@mda.example")
                let page = try await mda!.get(hub, "/reseau")
                #expect(page.status == .ok)
                #expect(page.text.contains("2 structures :"))
                #expect(page.text.contains(pair.a.structureID) && page.text.contains(pair.b.structureID))
                #expect(page.text.contains(SoftwareVersion.current), "the software version each node announced")
                #expect(page.text.contains("<td>active</td>") && page.html.contains("<caption>Structures du réseau</caption>"))
                #expect(page.text.contains("Aucune invitation en attente."))
                let bSector = try #require(try pair.b.profile()?.sector)
                let filtered = try await mda!.get(hub, "/reseau?secteur=\(bSector.rawValue)")
                #expect(filtered.text.contains(pair.b.structureID) && !filtered.text.contains("/annuaire/\(pair.a.structureID)"))
                #expect(filtered.text.contains("<option value=\"\(bSector.rawValue)\" selected>"))
                #expect(try await mda!.get(hub, "/reseau?tri=inscription").status == .ok)
                #expect(try await mda!.get(hub, "/reseau?secteur=inconnu").text.contains("2 structures"), "an unknown sector shows all")
            }
        }
    }

    @Test func invitingChecksTheFormShowsTheCodeOnceAndTheCodeEnrolls() async throws {
        try await withPair { pair in
            let sites = try TwoSites(pair: pair)
            try await sites.run { _, _, hub in
                let (_, mda) = try await Browser.login(hub, email: "admin@mda.example")
                let admin = try #require(mda)
                let form = try await admin.get(hub, "/reseau/inviter")
                #expect(form.status == .ok && form.html.contains("name=\"csrf\"") && form.html.contains("name=\"formToken\""))
                #expect(!form.html.contains("<option value=\"sanitaire\" selected"), "no sector is chosen for the MDA")

                let bad = try await admin.post(hub, "/reseau/inviter", [("structure", " "), ("email", "pas-une-adresse"), ("validite", "5")])
                #expect(bad.status == .badRequest)
                #expect(bad.text.contains("Indiquez le nom de la structure."))
                #expect(bad.text.contains("Choisissez une durée de validité dans la liste."))
                let badEmail = try await admin.post(
                    hub,
                    "/reseau/inviter",
                    [("structure", "CMP de Lodève"), ("email", "pas-une-adresse"), ("validite", "72")]
                )
                #expect(badEmail.status == .badRequest && badEmail.text.contains("Adresse électronique invalide « pas-une-adresse »"))
                #expect(try pair.network.hub.hub.pendingInvitations(now: Date()).isEmpty, "bad input stores nothing")
                let forged = try await admin.post(hub, "/reseau/inviter", [("structure", "CMP"), ("validite", "72")], csrf: "faux")
                #expect(forged.status == .forbidden)
                #expect(try pair.network.hub.hub.pendingInvitations(now: Date()).isEmpty)

                let token = Browser.newFormToken()
                let fields = [("structure", "CMP de Lodève"), ("secteur", "sanitaire"), ("email", "it@cmp.example"), ("validite", "168")]
                let issued = try await admin.post(hub, "/reseau/inviter", fields, formToken: token)
                #expect(issued.status == .ok)
                let code = try #require(issued.html.firstMatch(of: /id="code" class="code" readonly value="([^"]+)"/)?.1).description
                #expect(issued.text.contains("--hub \(pair.network.url) --code '\(code)'"))
                #expect(issued.text.contains(pair.network.hubService.caFingerprint.prefix(16)))
                #expect(issued.text.contains("pour l'envoyer à it@cmp.example"))
                let replay = try await admin.post(hub, "/reseau/inviter", fields, formToken: token)
                #expect(replay.status == .seeOther && !replay.text.contains(code), "a replay neither creates nor shows a code")
                let pending = try pair.network.hub.hub.pendingInvitations(now: Date())
                #expect(pending.count == 1 && pending[0].email == "it@cmp.example" && pending[0].sector == .sanitaire)
                let listed = try await admin.get(hub, "/reseau")
                #expect(
                    listed.text.contains("<strong>CMP de Lodève</strong> (Sanitaire, pour it@cmp.example)") || listed.text.contains("CMP de Lodève")
                )
                #expect(!listed.text.contains(code), "the list never shows the code")

                let node = try NodeDirectory.create(at: pair.network.root.appendingPathComponent("cmp").path) { s, e in
                    StructureProfile(name: "CMP de Lodève", sector: .sanitaire, signingKey: s, encryptionKey: e)
                }
                _ = try await Enrollment.enroll(node: node, hubURL: pair.network.url, code: code)
                #expect(try await admin.get(hub, "/reseau").text.contains("3 structures :"))
                let audit = try pair.network.hub.audit.entries()
                #expect(audit.first?.action == .invitationCreated && audit.first?.actor == "admin@mda.example", "\(audit)")
            }
        }
    }

    @Test func aPendingInvitationIsWithdrawnOnce() async throws {
        try await withPair { pair in
            let sites = try TwoSites(pair: pair)
            let staff = AdministrativeActor(name: "mda", address: nil)
            let first = try pair.network.administration.invite(
                structureName: "Collège de Lunel",
                sector: .educatif,
                email: nil,
                by: staff,
                now: sites.clock.now()
            )
            _ = try pair.network.administration.invite(structureName: "CIO de Sète", sector: nil, email: nil, by: staff, now: sites.clock.now())
            try await sites.run { _, _, hub in
                let (_, mda) = try await Browser.login(hub, email: "admin@mda.example")
                let admin = try #require(mda)
                let page = try await admin.get(hub, "/reseau")
                #expect(page.html.contains("<ul class=\"plain\">"))
                let tokens = page.html.matches(of: /name="formToken" value="([^"]+)"/).map { String($0.1) }
                #expect(tokens.count == 2 && Set(tokens).count == 2, "each withdrawal form has its own token \(tokens)")
                let pending = try pair.network.hub.hub.pendingInvitations(now: sites.clock.now())
                let lunel = try #require(pending.first { $0.structureName == "Collège de Lunel" })
                let withdrawn = try await admin.post(hub, "/reseau/invitations/\(lunel.id)/retirer", [])
                #expect(withdrawn.status == .seeOther && withdrawn.location == "/reseau?fait=retiree")
                #expect(try await admin.get(hub, withdrawn.location).text.contains("Invitation retirée : son code ne fonctionne plus."))
                #expect(try pair.network.hub.hub.pendingInvitations(now: sites.clock.now()).map(\.structureName) == ["CIO de Sète"])
                let again = try await admin.post(hub, "/reseau/invitations/\(lunel.id)/retirer", [])
                #expect(again.status == .notFound && again.text.contains("Invitation introuvable"))
                let node = try NodeDirectory.create(at: pair.network.root.appendingPathComponent("lunel").path) { s, e in
                    StructureProfile(name: "Collège de Lunel", sector: .educatif, signingKey: s, encryptionKey: e)
                }
                await #expect(throws: SyncError.self) {
                    try await Enrollment.enroll(node: node, hubURL: pair.network.url, code: first.code.description)
                }
            }
        }
    }

    @Test func revocationNeedsAConfirmationAndStopsTheStructure() async throws {
        try await withPair { pair in
            try await pair.sync()
            let sites = try TwoSites(pair: pair)
            let target = pair.b.structureID
            try await sites.run { _, _, hub in
                let (_, mda) = try await Browser.login(hub, email: "admin@mda.example")
                let admin = try #require(mda)
                let page = try await admin.get(hub, "/reseau/structures/\(target)/revoquer")
                #expect(page.status == .ok && page.text.contains("le certificat de son nœud est refusé par le hub tout de suite"))
                #expect(!page.html.contains(" checked"), "the confirmation is never pre-ticked")
                #expect(try await admin.get(hub, "/reseau/structures/inconnue/revoquer").status == .notFound)

                let unconfirmed = try await admin.post(hub, "/reseau/structures/\(target)/revoquer", [("raison", "Fin du partenariat")])
                #expect(unconfirmed.status == .badRequest && unconfirmed.text.contains("Cochez la case pour confirmer la révocation."))
                #expect(unconfirmed.text.contains("Fin du partenariat"), "what was typed is kept")
                #expect(try pair.network.hub.members.entries().allSatisfy { $0.revokedAt == nil }, "nothing revoked")

                let token = Browser.newFormToken()
                let fields = [("raison", "Fin du partenariat"), ("confirmation", "oui")]
                let done = try await admin.post(hub, "/reseau/structures/\(target)/revoquer", fields, formToken: token)
                #expect(done.status == .seeOther && done.location == "/reseau?fait=revoquee")
                let revocations = try pair.network.hub.store.currentRecords(type: Revocation.recordType).count
                #expect(revocations == 1)
                let replay = try await admin.post(hub, "/reseau/structures/\(target)/revoquer", fields, formToken: token)
                #expect(replay.status == .seeOther)
                #expect(try pair.network.hub.store.currentRecords(type: Revocation.recordType).count == 1, "a replay revokes nothing more")
                let list = try await admin.get(hub, "/reseau")
                #expect(list.text.contains("révoquée le "))
                #expect(!list.html.contains("/reseau/structures/\(target)/revoquer"), "no action on a revoked structure")
                let twice = try await admin.post(hub, "/reseau/structures/\(target)/revoquer", fields)
                #expect(twice.status == .notFound || twice.status == .conflict)
                await #expect(throws: SyncError.self) { try await pair.network.sync(pair.b) }
            }
        }
    }

    @Test func aRenewalCodeIsBoundToItsStructure() async throws {
        try await withPair { pair in
            let sites = try TwoSites(pair: pair)
            let target = pair.a.structureID
            try await sites.run { _, _, hub in
                let (_, mda) = try await Browser.login(hub, email: "admin@mda.example")
                let admin = try #require(mda)
                let page = try await admin.get(hub, "/reseau/structures/\(target)/renouveler")
                #expect(page.status == .ok && page.text.contains("valable jusqu'au"))
                let issued = try await admin.post(hub, "/reseau/structures/\(target)/renouveler", [])
                #expect(issued.status == .ok && issued.text.contains("Code de renouvellement pour"))
                let pending = try pair.network.hub.hub.pendingInvitations(now: Date())
                #expect(pending.count == 1 && pending[0].renewing == target)
                let audit = try pair.network.hub.audit.entries()
                #expect(audit.first?.action == .renewalCreated, "\(audit)")
            }
        }
    }

    @Test func theCodeIsMailedWithTheStepsWhenAsked() async throws {
        try await withPair { pair in
            let sendmail = try StandInSendmail()
            _ = try pair.network.hub.accounts.add(
                email: "admin@mda.example",
                name: "MDA",
                role: .admin,
                passwordHash: Authenticator.hashPassword(SiteFixture.password, cost: 4)
            )
            func site(_ mail: any Notifier) throws -> Site {
                var configuration = SiteConfiguration()
                configuration.bcryptCost = 4
                configuration.caFingerprint = pair.network.hubService.caFingerprint
                configuration.hubURL = "https://hub.mda34.example:8443"
                configuration.mail = mail
                return try Site(node: pair.network.hub, configuration: configuration)
            }
            let fields = [("structure", "Collège de Lunel"), ("secteur", "educatif"), ("email", "it@college-lunel.example"), ("validite", "72")]
            try await Application(router: try site(SendmailNotifier(command: "\(sendmail.script.path) -t -i", from: "mda@mda34.example")).router())
                .test(.router) { hub in
                    let (_, mda) = try await Browser.login(hub, email: "admin@mda.example")
                    let admin = try #require(mda)
                    let form = try await admin.get(hub, "/reseau/inviter")
                    #expect(form.html.contains("id=\"envoyer\"") && !form.html.contains("checked"), "sending is asked for, never pre-ticked")
                    let noAddress = try await admin.post(
                        hub,
                        "/reseau/inviter",
                        [("structure", "Collège de Lunel"), ("validite", "72"), ("envoyer", "oui")]
                    )
                    #expect(noAddress.status == .badRequest && noAddress.text.contains("Indiquez l'adresse à laquelle envoyer le code"))
                    let notAsked = try await admin.post(hub, "/reseau/inviter", fields)
                    #expect(notAsked.status == .ok && sendmail.messages.isEmpty, "nothing is mailed unless asked")
                    let issued = try await admin.post(hub, "/reseau/inviter", fields + [("envoyer", "oui")])
                    #expect(issued.text.contains("ont été envoyés par courriel à it@college-lunel.example"))
                    let code = try #require(issued.html.firstMatch(of: /id="code" class="code" readonly value="([^"]+)"/)?.1).description
                    let mail = try #require(sendmail.messages.first)
                    #expect(sendmail.messages.count == 1 && mail.contains("To: it@college-lunel.example"))
                    #expect(
                        mail.contains(code) && mail.contains("vmvp enroll --data /var/lib/vmvp --hub https://hub.mda34.example:8443 --code '\(code)'")
                    )
                    #expect(mail.contains("vmvp init --data /var/lib/vmvp --name \"Collège de Lunel\" --sector educatif"))
                    #expect(mail.contains(String(pair.network.hubService.caFingerprint.prefix(16))))
                }
            try await Application(router: try site(SendmailNotifier(command: "/bin/false", from: "mda@mda34.example")).router()).test(.router) {
                hub in
                let (_, mda) = try await Browser.login(hub, email: "admin@mda.example")
                let failed = try await mda!.post(hub, "/reseau/inviter", fields + [("envoyer", "oui")])
                #expect(failed.status == .ok && failed.text.contains("L'envoi du courriel à it@college-lunel.example a échoué"))
                #expect(failed.html.contains("id=\"code\""), "the code is still shown, to hand over")
            }
        }
    }

    @Test func withoutTheHubsKeysTheAdministrationSaysSo() async throws {
        try await withPair { pair in
            var configuration = SiteConfiguration()
            configuration.bcryptCost = 4
            _ = try pair.network.hub.accounts.add(
                email: "admin@mda.example",
                name: "MDA",
                role: .admin,
                passwordHash: Authenticator.hashPassword(SiteFixture.password, cost: 4)
            )
            let site = try Site(node: pair.network.hub, configuration: configuration)
            try await Application(router: site.router()).test(.router) { hub in
                let (_, mda) = try await Browser.login(hub, email: "admin@mda.example")
                let page = try await mda!.get(hub, "/reseau/inviter")
                #expect(page.status == .serviceUnavailable && page.text.contains("Administration indisponible"))
            }
        }
    }

    func request(_ browser: Browser, _ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String) async throws -> TestResponse {
        method == .get ? try await browser.get(client, uri) : try await browser.post(client, uri, [("structure", "X"), ("validite", "72")])
    }
}
