import Foundation
import Hummingbird
import Records
import Workflow

/// The référentiel des échanges: read by everyone on every node, edited by the MDA on the hub.
struct FrameworkController {
    let site: SiteEnvironment
    var desk: NetworkRulesDesk { NetworkRulesDesk(node: site.node) }

    func addRoutes(to router: Router<SiteContext>) {
        router.get("/referentiel") { request, context in
            await site.page(context) {
                let session = try site.require(context)
                let editable = try session.account.role == .admin && site.isHub()
                let notice =
                    Form(encoded: request.uri.query ?? "")["fait"] == "publie"
                    ? "Nouvelle version publiée : chaque nœud la reçoit à sa prochaine synchronisation." : nil
                return site.render(
                    FrameworkPage(try desk.framework(), editable: editable, notice: notice),
                    title: "Référentiel des échanges",
                    context: context
                )
            }
        }
        router.get("/regles/referentiel") { _, context in
            await site.page(context) {
                let session = try site.requireHubAdmin(context)
                let page = FrameworkFormPage(
                    typed: FrameworkFormPage.boxes(try desk.framework().framework),
                    history: try desk.frameworkHistory(),
                    csrf: session.csrfToken,
                    formToken: site.formToken()
                )
                return site.render(page, title: "Modifier le référentiel des échanges", context: context)
            }
        }
        router.post("/regles/referentiel") { request, context in
            await site.page(context) {
                let session = try site.requireHubAdmin(context)
                let form = try await site.readForm(request, context, session)
                var typed: [String: String] = [:]
                for (key, _, _) in FrameworkFormPage.labels { typed[key] = form[key].replacingOccurrences(of: "\r\n", with: "\n") }
                return try await site.once(form, session) {
                    do {
                        let actor = AdministrativeActor(name: session.account.email, address: context.remoteAddress)
                        let published = try desk.publishFramework(FrameworkFormPage.draft(typed), by: actor, now: site.now)
                        return .done(published ? "/referentiel?fait=publie" : "/referentiel")
                    } catch let error as ValidationError {
                        var errors: [String: String] = [:]
                        for issue in error.issues {
                            let key = String(issue.field.prefix { $0 != "[" })
                            let item = issue.field.firstMatch(of: /\[(\d+)\]/).flatMap { Int($0.1) }.map { "ligne \($0 + 1) : " } ?? ""
                            if errors[key] == nil { errors[key] = French.capitalized(item + issue.message) }
                        }
                        let page = FrameworkFormPage(
                            typed: typed,
                            errors: errors,
                            history: try desk.frameworkHistory(),
                            csrf: session.csrfToken,
                            formToken: site.formToken()
                        )
                        return .notDone(site.render(page, title: "Modifier le référentiel des échanges", context: context, status: .badRequest))
                    }
                }
            }
        }
    }
}
