import Foundation
import Hummingbird
import Records
import Storage
import Workflow

/// The MDA runs its network from the hub's site: the members, invitations, revocations and
/// renewal codes. Every act goes through `NetworkAdministration`, as the command line does.
struct NetworkAdminController {
    let site: SiteEnvironment

    func addRoutes(to router: Router<SiteContext>) {
        router.get("/reseau") { request, context in
            await site.page(context) {
                let session = try site.requireHubAdmin(context)
                let sector = request.uri.queryParameters["secteur"].flatMap { Sector(rawValue: String($0)) }
                let sort = request.uri.queryParameters["tri"].flatMap { NetworkPage.Sort(rawValue: String($0)) } ?? .name
                let notice = request.uri.queryParameters["fait"].flatMap { NetworkPage.notices[String($0)] }
                let page = NetworkPage(
                    members: try administration().members(sector: sector, now: site.now),
                    invitations: try administration().pendingInvitations(now: site.now),
                    sector: sector,
                    sort: sort,
                    now: site.now,
                    csrf: session.csrfToken,
                    formToken: site.formToken,
                    notice: notice
                )
                return site.render(page, title: "Réseau", context: context)
            }
        }
        router.get("/reseau/inviter") { _, context in
            await site.page(context) {
                let session = try site.requireHubAdmin(context)
                _ = try administration()
                let page = InvitePage(csrf: session.csrfToken, formToken: site.formToken(), mailConfigured: site.configuration.mail != nil)
                return site.render(page, title: "Inviter une structure", context: context)
            }
        }
        router.post("/reseau/inviter") { request, context in
            await site.page(context) {
                let session = try site.requireHubAdmin(context)
                let form = try await site.readForm(request, context, session)
                return try await site.once(form, session) { try await invite(form, session: session, context: context) }
            }
        }
        router.post("/reseau/invitations/{id}/retirer") { request, context in
            await site.page(context) {
                let session = try site.requireHubAdmin(context)
                let form = try await site.readForm(request, context, session)
                guard let id = context.parameters.get("id") else { throw PageError.notFound }
                return try await site.once(form, session) {
                    do {
                        try administration().withdraw(invitation: id, by: actor(session, context), now: site.now)
                    } catch AdministrationError.unknownInvitation {
                        throw PageError(
                            status: .notFound,
                            title: "Invitation introuvable",
                            explanation: AdministrationError.unknownInvitation.description
                        )
                    }
                    return .done("/reseau?fait=retiree")
                }
            }
        }
        router.get("/reseau/structures/{id}/revoquer") { _, context in
            await site.page(context) {
                let session = try site.requireHubAdmin(context)
                let member = try member(context)
                let page = RevokePage(member: member, csrf: session.csrfToken, formToken: site.formToken())
                return site.render(page, title: "Révoquer \(member.name)", context: context)
            }
        }
        router.post("/reseau/structures/{id}/revoquer") { request, context in
            await site.page(context) {
                let session = try site.requireHubAdmin(context)
                let member = try member(context)
                let form = try await site.readForm(request, context, session)
                return try await site.once(form, session) { try revoke(member, form, session: session, context: context) }
            }
        }
        router.get("/reseau/structures/{id}/renouveler") { _, context in
            await site.page(context) {
                let session = try site.requireHubAdmin(context)
                let member = try member(context)
                let page = RenewPage(member: member, csrf: session.csrfToken, formToken: site.formToken())
                return site.render(page, title: "Renouveler le certificat de \(member.name)", context: context)
            }
        }
        router.post("/reseau/structures/{id}/renouveler") { request, context in
            await site.page(context) {
                let session = try site.requireHubAdmin(context)
                let member = try member(context)
                let form = try await site.readForm(request, context, session)
                return try await site.once(form, session) {
                    let issued = try administration().invite(
                        structureName: member.name,
                        sector: member.sector,
                        email: nil,
                        renewing: member.structure,
                        by: actor(session, context),
                        now: site.now
                    )
                    let page = InvitationIssuedPage(issued, hubURL: hubURL, caFingerprint: issued.code.caFingerprint)
                    return .shown(site.render(page, title: "Code de renouvellement", context: context), replay: "/reseau")
                }
            }
        }
    }

    /// The administration of this hub; unavailable if the site was started without the CA's fingerprint.
    func administration() throws -> NetworkAdministration {
        guard let fingerprint = site.configuration.caFingerprint else {
            throw PageError(
                status: .serviceUnavailable,
                title: "Administration indisponible",
                explanation: "Ce site n'a pas été démarré avec les clés du hub : relancez-le avec « vmvp serve » sur le dossier du hub."
            )
        }
        return NetworkAdministration(node: site.node, caFingerprint: fingerprint)
    }

    /// Where nodes reach the hub, for the installation steps.
    var hubURL: String { site.configuration.hubURL ?? "https://ADRESSE-DU-HUB:8443" }

    func actor(_ session: Session, _ context: SiteContext) -> AdministrativeActor {
        AdministrativeActor(name: session.account.email, address: context.remoteAddress)
    }

    func member(_ context: SiteContext) throws -> MemberOverview {
        guard let id = context.parameters.get("id"), let member = try administration().members(now: site.now).first(where: { $0.structure == id })
        else { throw PageError.notFound }
        return member
    }

    func invite(_ form: Form, session: Session, context: SiteContext) async throws -> SiteEnvironment.Submission {
        let hours = Int(form["validite"]) ?? 0
        var errors: [String: String] = [:]
        if form["structure"].trimmingCharacters(in: .whitespaces).isEmpty { errors["structure"] = "Indiquez le nom de la structure." }
        let sector = Sector(rawValue: form["secteur"])
        if !form["secteur"].isEmpty && sector == nil { errors["secteur"] = "Choisissez un secteur dans la liste." }
        if !InvitePage.validities.contains(where: { $0.hours == hours }) { errors["validite"] = "Choisissez une durée de validité dans la liste." }
        let send = form["envoyer"] == "oui"
        if send && form["email"].trimmingCharacters(in: .whitespaces).isEmpty {
            errors["email"] = "Indiquez l'adresse à laquelle envoyer le code, ou décochez l'envoi par courriel."
        }
        if errors.isEmpty {
            do {
                let issued = try administration().invite(
                    structureName: form["structure"],
                    sector: sector,
                    email: form["email"],
                    validityHours: hours,
                    by: actor(session, context),
                    now: site.now
                )
                var delivery: InvitationIssuedPage.Delivery = .notAsked
                if send, let mail = site.configuration.mail, let message = issued.message(hubURL: hubURL) {
                    delivery = await message.deliver(through: mail, logger: context.logger) ? .sent : .failed
                }
                let page = InvitationIssuedPage(issued, hubURL: hubURL, caFingerprint: issued.code.caFingerprint, delivery: delivery)
                return .shown(site.render(page, title: "Code d'invitation", context: context), replay: "/reseau")
            } catch AdministrationError.invalid(let field, let problem) {
                errors[field == "validite" ? "validite" : field == "email" ? "email" : "structure"] = problem
            }
        }
        let page = InvitePage(
            csrf: session.csrfToken,
            formToken: site.formToken(),
            mailConfigured: site.configuration.mail != nil,
            form: form,
            errors: errors
        )
        return .notDone(site.render(page, title: "Inviter une structure", context: context, status: .badRequest))
    }

    func revoke(_ member: MemberOverview, _ form: Form, session: Session, context: SiteContext) throws -> SiteEnvironment.Submission {
        var errors: [String: String] = [:]
        if form["confirmation"] != "oui" { errors["confirmation"] = "Cochez la case pour confirmer la révocation." }
        if form["raison"].count > 500 { errors["raison"] = "La raison tient en 500 caractères au plus." }
        guard errors.isEmpty else {
            let page = RevokePage(member: member, csrf: session.csrfToken, formToken: site.formToken(), reason: form["raison"], errors: errors)
            return .notDone(site.render(page, title: "Révoquer \(member.name)", context: context, status: .badRequest))
        }
        _ = try administration().revoke(structure: member.structure, reason: form["raison"], by: actor(session, context), now: site.now)
        return .done("/reseau?fait=revoquee")
    }
}
