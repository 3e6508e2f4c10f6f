import Foundation
import Hummingbird
import Records
import Storage
import Workflow

/// "Règles du réseau" on the hub's site: the MDA edits the glossary, the convention template
/// (published only from its preview) and the reciprocity rule. Every save goes through
/// `NetworkRulesDesk`, which signs the same records as the command line.
struct NetworkRulesController {
    let site: SiteEnvironment

    var desk: NetworkRulesDesk { NetworkRulesDesk(node: site.node) }

    func addRoutes(to router: Router<SiteContext>) {
        router.get("/regles") { request, context in
            await site.page(context) {
                let session = try site.requireHubAdmin(context)
                let notice = request.uri.queryParameters["fait"].flatMap { RulesPage.notices[String($0)] }
                let policy = try desk.reciprocityHistory().first?.body ?? .floor
                let form = ReciprocityForm(csrf: session.csrfToken, formToken: site.formToken(), policy: policy)
                return try rulesPage(form: form, retentionForm: try retentionForm(session), notice: notice, context: context)
            }
        }
        router.post("/regles/reciprocite") { request, context in
            await site.page(context) {
                let session = try site.requireHubAdmin(context)
                let form = try await site.readForm(request, context, session)
                return try await site.once(form, session) { try publishReciprocity(form, session, context) }
            }
        }
        router.post("/regles/conservation") { request, context in
            await site.page(context) {
                let session = try site.requireHubAdmin(context)
                let form = try await site.readForm(request, context, session)
                return try await site.once(form, session) { try publishRetention(form, session, context) }
            }
        }
        router.get("/regles/lexique/nouveau") { _, context in
            await site.page(context) {
                let session = try site.requireHubAdmin(context)
                return site.render(try glossaryPage(nil, entry: nil, session: session), title: "Ajouter un sigle", context: context)
            }
        }
        router.get("/regles/lexique/{id}") { _, context in
            await site.page(context) {
                let session = try site.requireHubAdmin(context)
                let item = try glossaryItem(context)
                let page = try glossaryPage(item.record, entry: item.entry, session: session)
                return site.render(page, title: "Modifier le sigle \(item.entry.term)", context: context)
            }
        }
        for path in ["/regles/lexique/nouveau", "/regles/lexique/{id}"] {
            router.post(RouterPath(path)) { request, context in
                await site.page(context) {
                    let session = try site.requireHubAdmin(context)
                    let record = path.hasSuffix("{id}") ? try glossaryItem(context).record : nil
                    let form = try await site.readForm(request, context, session)
                    return try await site.once(form, session) { try saveGlossaryEntry(form, record: record, session, context) }
                }
            }
        }
        router.post("/regles/lexique/{id}/retirer") { request, context in
            await site.page(context) {
                let session = try site.requireHubAdmin(context)
                let item = try glossaryItem(context)
                let form = try await site.readForm(request, context, session)
                return try await site.once(form, session) {
                    try desk.retractGlossaryEntry(item.record, by: actor(session, context), now: site.now)
                    return .done("/regles?fait=retire#lexique")
                }
            }
        }
        router.get("/regles/convention") { _, context in
            await site.page(context) {
                let session = try site.requireHubAdmin(context)
                let current = try ImmersionDesk(node: site.node).networkTemplate()
                return site.render(
                    TemplateFormPage(current, csrf: session.csrfToken, formToken: site.formToken()),
                    title: "Modifier le modèle de convention",
                    context: context
                )
            }
        }
        router.post("/regles/convention") { request, context in
            await site.page(context) {
                let session = try site.requireHubAdmin(context)
                let form = try await site.readForm(request, context, session)
                return try await conventionStep(form, session, context)
            }
        }
    }

    // MARK: Steps

    func rulesPage(
        form: ReciprocityForm,
        retentionForm: RetentionForm,
        notice: String?,
        context: SiteContext,
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let page = RulesPage(
            glossary: try desk.glossary(),
            templates: try desk.templateHistory(),
            policies: try desk.reciprocityHistory(),
            retentions: try desk.retentionHistory(),
            form: form,
            retentionForm: retentionForm,
            notice: notice
        )
        return site.render(page, title: "Règles du réseau", context: context, status: status)
    }

    func publishReciprocity(_ form: Form, _ session: Session, _ context: SiteContext) throws -> SiteEnvironment.Submission {
        let minimum = form["minimum"].trimmingCharacters(in: .whitespaces)
        let maximum = form["maximum"].trimmingCharacters(in: .whitespaces)
        var errors: [String: String] = [:]
        let offers = Int(minimum)
        if offers == nil || !(1...20).contains(offers ?? 0) { errors["minimum"] = "Indiquez un nombre d'offres de 1 à 20." }
        let days = maximum.isEmpty ? nil : Int(maximum)
        if !maximum.isEmpty && (days == nil || !(1...365).contains(days ?? 0)) {
            errors["maximum"] = "Indiquez un nombre de jours de 1 à 365, ou laissez vide."
        }
        guard errors.isEmpty, let offers else {
            let retry = ReciprocityForm(csrf: session.csrfToken, formToken: site.formToken(), minimum: minimum, maximum: maximum, errors: errors)
            return .notDone(try rulesPage(form: retry, retentionForm: try retentionForm(session), notice: nil, context: context, status: .badRequest))
        }
        let published = try desk.publishReciprocity(
            ReciprocityPolicy(minimumPublishedOffers: offers, maximumDaysOwed: days),
            by: actor(session, context),
            now: site.now
        )
        return .done(published ? "/regles?fait=reciprocite#reciprocite" : "/regles?fait=inchange#reciprocite")
    }

    func retentionForm(_ session: Session) throws -> RetentionForm {
        RetentionForm(csrf: session.csrfToken, formToken: site.formToken(), policy: try desk.retentionHistory().first?.body ?? .standard)
    }

    func publishRetention(_ form: Form, _ session: Session, _ context: SiteContext) throws -> SiteEnvironment.Submission {
        var values: [String: String] = [:]
        var errors: [String: String] = [:]
        var days: [String: JSONValue] = [:]
        for field in RetentionPolicy.fields {
            let typed = form[field.key].trimmingCharacters(in: .whitespaces)
            values[field.key] = typed
            if let n = Int(typed), field.range.contains(Int64(n)) {
                days[field.key] = .integer(Int64(n))
            } else {
                errors[field.key] = "Indiquez un nombre de jours de \(field.range.lowerBound) à \(field.range.upperBound)."
            }
        }
        guard errors.isEmpty, let policy = try? RetentionPolicy.validated(.object(days)) else {
            let retry = RetentionForm(csrf: session.csrfToken, formToken: site.formToken(), values: values, errors: errors)
            let policy = try desk.reciprocityHistory().first?.body ?? .floor
            let reciprocity = ReciprocityForm(csrf: session.csrfToken, formToken: site.formToken(), policy: policy)
            return .notDone(try rulesPage(form: reciprocity, retentionForm: retry, notice: nil, context: context, status: .badRequest))
        }
        let published = try desk.publishRetention(policy, by: actor(session, context), now: site.now)
        return .done(published ? "/regles?fait=conservation#conservation" : "/regles?fait=inchange#conservation")
    }

    func saveGlossaryEntry(_ form: Form, record: String?, _ session: Session, _ context: SiteContext) throws -> SiteEnvironment.Submission {
        let draft = GlossaryEntry(term: form["term"], expansion: form["expansion"], definition: Self.lines(form["definition"]))
        do {
            try desk.saveGlossaryEntry(draft, replacing: record, by: actor(session, context), now: site.now)
            return .done("/regles?fait=lexique#lexique")
        } catch let error as ValidationError {
            let page = try glossaryPage(record, entry: draft, errors: Self.messages(error), session: session)
            return .notDone(site.render(page, title: "Lexique", context: context, status: .badRequest))
        }
    }

    /// Edit → preview → publish: only the text the preview showed can be published.
    func conventionStep(_ form: Form, _ session: Session, _ context: SiteContext) async throws -> Response {
        let draft = ConventionTemplateRecord(title: form["title"], text: Self.lines(form["text"]), principles: Self.lines(form["principles"]))
        let errors: [String: String]
        do {
            _ = try ConventionTemplateRecord.validated(draft.json)
            errors = [:]
        } catch { errors = Self.messages(error) }
        switch form["etape"] {
        case "apercu" where errors.isEmpty:
            let page = TemplatePreviewPage(draft, today: site.today, csrf: session.csrfToken, formToken: site.formToken())
            return site.render(page, title: "Aperçu du modèle de convention", context: context)
        case "publier" where errors.isEmpty:
            return try await site.once(form, session) {
                let published = try desk.publishTemplate(draft, by: actor(session, context), now: site.now)
                return .done(published ? "/regles?fait=modele#modele" : "/regles?fait=inchange#modele")
            }
        case "apercu", "publier", "modifier":
            let status: HTTPResponse.Status = errors.isEmpty ? .ok : .badRequest
            let page = TemplateFormPage(draft, errors: errors, csrf: session.csrfToken, formToken: site.formToken())
            return site.render(page, title: "Modifier le modèle de convention", context: context, status: status)
        default:
            throw PageError(
                status: .badRequest,
                title: "Étape inconnue",
                explanation: "Ce formulaire ne dit pas s'il faut voir l'aperçu ou publier : revenez au modèle de convention et recommencez."
            )
        }
    }

    // MARK: Helpers

    func glossaryPage(_ record: String?, entry: GlossaryEntry?, errors: [String: String] = [:], session: Session) throws -> GlossaryEntryPage {
        GlossaryEntryPage(
            record: record,
            entry: entry,
            history: try record.map { try desk.glossaryHistory($0) } ?? [],
            errors: errors,
            csrf: session.csrfToken,
            formToken: site.formToken(),
            retractToken: site.formToken()
        )
    }

    func glossaryItem(_ context: SiteContext) throws -> NetworkRulesDesk.GlossaryItem {
        guard let id = context.parameters.get("id"), let item = try desk.glossaryItem(id) else { throw PageError.notFound }
        return item
    }

    func actor(_ session: Session, _ context: SiteContext) -> AdministrativeActor {
        AdministrativeActor(name: session.account.email, address: context.remoteAddress)
    }

    /// Browsers send text areas with CRLF line ends; records keep LF (their exact text is hashed).
    static func lines(_ text: String) -> String { text.replacingOccurrences(of: "\r\n", with: "\n") }

    /// One French message per field, with its first letter capitalised.
    static func messages(_ error: ValidationError) -> [String: String] {
        var messages: [String: String] = [:]
        for issue in error.issues where messages[issue.field] == nil { messages[issue.field] = French.capitalized(issue.message) }
        return messages
    }
}
