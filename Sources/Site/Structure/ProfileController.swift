import Foundation
import Hummingbird
import Records
import Storage
import Workflow

/// "Fiche de la structure": the node's admins edit the card the shared directory shows. Each
/// save goes through `StructureProfileDesk`, which signs a new version of the profile record.
struct ProfileController {
    let site: SiteEnvironment

    var desk: StructureProfileDesk { StructureProfileDesk(node: site.node) }

    func addRoutes(to router: Router<SiteContext>) {
        router.get("/structure") { request, context in
            await site.page(context) {
                let session = try site.require(context, .admin)
                guard let current = try desk.current() else { throw PageError.notFound }
                let saved = request.uri.queryParameters["fait"].map { _ in ProfilePage.savedNotice }
                let page = ProfilePage(
                    form: ProfileForm(current.profile),
                    versions: current.versions,
                    structure: site.node.structureID,
                    csrf: session.csrfToken,
                    formToken: site.formToken(),
                    notice: saved
                )
                return site.render(page, title: "Fiche de la structure", context: context)
            }
        }
        router.post("/structure") { request, context in
            await site.page(context) {
                let session = try site.require(context, .admin)
                guard let current = try desk.current() else { throw PageError.notFound }
                let posted = try await site.readForm(request, context, session)
                return try await site.once(posted, session) {
                    let form = ProfileForm(posted)
                    var errors = form.problems
                    if errors.isEmpty {
                        do {
                            let actor = AdministrativeActor(name: session.account.email, address: context.remoteAddress)
                            let changed = try desk.save(form.draft, by: actor, now: site.now)
                            return .done(changed ? "/structure?fait=enregistree" : "/structure?fait=inchangee")
                        } catch let error as ValidationError {
                            errors = form.errors(from: error)
                        }
                    }
                    let page = ProfilePage(
                        form: form,
                        versions: current.versions,
                        structure: site.node.structureID,
                        csrf: session.csrfToken,
                        formToken: site.formToken(),
                        errors: errors
                    )
                    return .notDone(site.render(page, title: "Fiche de la structure", context: context, status: .badRequest))
                }
            }
        }
    }
}
