import Foundation
import Hummingbird
import Records
import Storage
import Workflow

/// The legal pages, open to everyone (linked from every page's footer), and the form where the
/// node's admins complete them. Every save goes through `LegalDesk`, which signs the record.
struct LegalController {
    let site: SiteEnvironment

    var desk: LegalDesk { LegalDesk(node: site.node) }

    func addRoutes(to router: Router<SiteContext>) {
        for kind in LegalPage.Kind.allCases {
            router.get(RouterPath("/\(kind.rawValue)")) { _, context in
                await site.page(context) {
                    let page = LegalPage(
                        kind,
                        notice: try desk.inForce(),
                        structure: try structureName(),
                        isHub: try site.isHub(),
                        retention: try RecordRetention.policy(node: site.node)
                    )
                    return site.render(page, title: kind.title, context: context)
                }
            }
        }
        router.get("/informations-legales") { request, context in
            await site.page(context) {
                let session = try site.require(context, .admin)
                let own = try desk.own()?.notice ?? LegalNotice()
                let saved = request.uri.queryParameters["fait"].map { $0 == "inchangees" ? Self.unchanged : Self.saved }
                let page = LegalFormPage(
                    values: own.texts,
                    conformity: own.conformity?.rawValue ?? "",
                    network: try desk.network(),
                    isHub: try site.isHub(),
                    csrf: session.csrfToken,
                    formToken: site.formToken(),
                    notice: saved
                )
                return site.render(page, title: "Informations légales", context: context)
            }
        }
        router.post("/informations-legales") { request, context in
            await site.page(context) {
                let session = try site.require(context, .admin)
                let form = try await site.readForm(request, context, session)
                return try await site.once(form, session) { try save(form, session, context) }
            }
        }
    }

    static let saved = "Informations légales enregistrées et signées ; les pages du site les montrent dès maintenant."
    static let unchanged = "Rien n'a changé : rien n'a été signé."

    func save(_ form: Form, _ session: Session, _ context: SiteContext) throws -> SiteEnvironment.Submission {
        var texts: [String: String] = [:]
        for field in LegalNotice.textFields {
            texts[field.key] = form[field.key].replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        }
        var errors: [String: String] = [:]
        let conformity = LegalNotice.Conformity(rawValue: form["conformity"])
        if !form["conformity"].isEmpty && conformity == nil { errors["conformity"] = "Choisissez un état de conformité dans la liste." }
        if errors.isEmpty {
            do {
                let actor = AdministrativeActor(name: session.account.email, address: context.remoteAddress)
                let changed = try desk.publish(LegalNotice(texts: texts, conformity: conformity), by: actor, now: site.now)
                return .done(changed ? "/informations-legales?fait=enregistrees" : "/informations-legales?fait=inchangees")
            } catch let error as ValidationError {
                for issue in error.issues where errors[issue.field] == nil { errors[issue.field] = French.capitalized(issue.message) }
            }
        }
        let page = LegalFormPage(
            values: texts,
            conformity: form["conformity"],
            network: try desk.network(),
            isHub: try site.isHub(),
            errors: errors,
            csrf: session.csrfToken,
            formToken: site.formToken()
        )
        return .notDone(site.render(page, title: "Informations légales", context: context, status: .badRequest))
    }

    func structureName() throws -> String { try site.node.profile()?.name ?? "la structure" }
}
