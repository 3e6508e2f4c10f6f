import Foundation
import Hummingbird
import Records
import Storage
import Workflow

/// « Mes données »: each person sees, and downloads as JSON, everything this node holds about
/// them (RGPD articles 15 and 20). Read-only: nothing here changes state.
struct PersonalDataController {
    let site: SiteEnvironment

    func addRoutes(to router: Router<SiteContext>) {
        router.get("/mon-compte/donnees") { _, context in
            await site.page(context) {
                let session = try site.require(context)
                let data = try PersonalData(node: site.node, email: session.account.email)
                let page = PersonalDataPage(data, names: try site.node.structureNames(), today: site.today)
                return site.render(page, title: "Mes données", context: context)
            }
        }
        router.get("/mon-compte/donnees.json") { _, context in
            await site.page(context) {
                let session = try site.require(context)
                let data = try PersonalData(node: site.node, email: session.account.email)
                let text = String(decoding: try CanonicalJSON.encode(try data.json(node: site.node, now: site.now)), as: UTF8.self)
                return site.download(text + "\n", type: "application/json; charset=utf-8", filename: "mes-donnees-vis-ma-vie-pro.json")
            }
        }
    }
}

/// What the node holds about the signed-in person, in words.
struct PersonalDataPage: PageModel {
    static let template = "personalDataPage"

    struct Line: Sendable {
        let title: String
        let detail: String
    }

    let email: String
    let account: String
    let immersions: [Line]
    let demands: [Line]
    let offers: [Line]
    let notifications: String
    let acts: String
    let hasImmersions: Bool
    let hasDemands: Bool
    let hasOffers: Bool

    init(_ data: PersonalData, names: [String: StructureName], today: Day) {
        email = data.email
        account = data.account.map { "\($0.name), \($0.role.label), adresse \($0.email)." } ?? "Aucun compte à cette adresse."
        func name(_ id: String) -> String { names[id]?.name ?? "structure inconnue" }
        let roleLabels = ["visitor": "personne accueillie", "employer": "référent de l'employeur", "host": "référent de la structure d'accueil"]
        immersions = data.immersions.map { part in
            let i = part.immersion
            let roles = part.roles.compactMap { roleLabels[$0] }.joined(separator: ", ")
            return Line(
                title: "De \(name(i.visitorStructure)) vers \(name(i.hostStructure)), du \(i.period.from.french) au \(i.period.to.french)",
                detail:
                    "Vous y êtes : \(roles). État : \(ImmersionWording.state(i.state(today: today), names: names)). \(French.count(i.entries.count, "étape")) enregistrée\(French.s(i.entries.count))."
            )
        }
        demands = data.demands.map {
            Line(
                title: $0.demand.objective.isEmpty ? "Demande de découverte" : $0.demand.objective,
                detail: "Mise à jour le \($0.record.created.prefix(10))."
            )
        }
        offers = data.offers.map { Line(title: $0.offer.establishment, detail: "Vous y êtes la personne à contacter (\($0.offer.contact.name)).") }
        notifications =
            data.notifications.isEmpty
            ? "Aucun courriel ne vous a été envoyé par ce site."
            : "\(French.count(data.notifications.count, "courriel")) vous \(data.notifications.count > 1 ? "ont" : "a") été envoyé\(French.s(data.notifications.count)) par ce site."
        acts =
            data.acts.isEmpty
            ? "Aucun acte d'administration." : "\(French.count(data.acts.count, "acte")) d'administration à votre nom (journal d'administration)."
        (hasImmersions, hasDemands, hasOffers) = (!immersions.isEmpty, !demands.isEmpty, !offers.isEmpty)
    }
}
