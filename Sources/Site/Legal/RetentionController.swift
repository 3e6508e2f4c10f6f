import Foundation
import Hummingbird
import Records
import Storage
import Workflow

/// « Conservation des données », for the node's admins: the network's retention periods, what
/// the daily job will erase within 30 days, and the erasure of a person's data on request
/// (RGPD article 17): the address first, then what will be erased and kept, then an explicit
/// confirmation. The erasure reaches the hub and the other structures at the next sync.
struct RetentionController {
    let site: SiteEnvironment

    static let lookahead = 30

    func addRoutes(to router: Router<SiteContext>) {
        router.get("/conservation") { request, context in
            await site.page(context) {
                let session = try site.require(context, .admin)
                let done = request.uri.queryParameters["fait"] == "efface" ? Self.erased : nil
                return try overview(session, context, notice: done)
            }
        }
        // Shows what would be erased; writes nothing (a POST so that the address stays out of URLs and logs).
        router.post("/conservation/effacement") { request, context in
            await site.page(context) {
                let session = try site.require(context, .admin)
                let form = try await site.readForm(request, context, session)
                let email = form["email"].trimmingCharacters(in: .whitespaces)
                let name = form["name"].trimmingCharacters(in: .whitespaces)
                guard Formats.isEmail(email) else {
                    return try overview(
                        session,
                        context,
                        email: email,
                        name: name,
                        emailError: "Indiquez l'adresse électronique de la personne, par exemple nom@structure.fr."
                    )
                }
                let erasure = try PersonErasure(node: site.node, email: email, name: name)
                guard !erasure.isEmpty else {
                    return try overview(
                        session,
                        context,
                        email: email,
                        name: name,
                        emailError: "Ce site ne garde rien au sujet de \(erasure.email) : rien à effacer."
                    )
                }
                return site.render(
                    ErasurePage(erasure, csrf: session.csrfToken, formToken: site.formToken()),
                    title: "Effacer des données",
                    context: context
                )
            }
        }
        router.post("/conservation/effacement/confirmer") { request, context in
            await site.page(context) {
                let session = try site.require(context, .admin)
                let form = try await site.readForm(request, context, session)
                return try await site.once(form, session) {
                    let erasure = try PersonErasure(node: site.node, email: form["email"], name: form["name"])
                    guard form["confirmation"] == "oui" else {
                        let page = ErasurePage(
                            erasure,
                            csrf: session.csrfToken,
                            formToken: site.formToken(),
                            confirmationError: "Cochez la case pour confirmer l'effacement : rien n'a été effacé."
                        )
                        return .notDone(site.render(page, title: "Effacer des données", context: context, status: .badRequest))
                    }
                    try erasure.erase(node: site.node, actor: session.account.email, address: context.remoteAddress, now: site.now)
                    return .done("/conservation?fait=efface")
                }
            }
        }
    }

    static let erased =
        "Données effacées sur ce site. Le hub de la MDA et l'autre structure de chaque immersion les effaceront à leur tour à la prochaine synchronisation."

    func overview(
        _ session: Session,
        _ context: SiteContext,
        notice: String? = nil,
        email: String = "",
        name: String = "",
        emailError: String? = nil
    ) throws -> Response {
        let today = site.today
        let retention = try RecordRetention(node: site.node, today: today, lookahead: Self.lookahead)
        let page = RetentionPage(
            retention: retention,
            csrf: session.csrfToken,
            formToken: site.formToken(),
            email: email,
            name: name,
            emailError: emailError,
            notice: notice
        )
        return site.render(page, title: "Conservation des données", context: context, status: emailError == nil ? .ok : .badRequest)
    }
}

/// The retention periods, what is due soon, and the form that starts an erasure.
struct RetentionPage: PageModel {
    static let template = "retention"

    struct Period: Sendable {
        let label: String
        let value: String
    }

    struct Due: Sendable {
        let label: String
        let due: String
    }

    let periods: [Period]
    let upcoming: [Due]
    let hasUpcoming: Bool
    let csrf: String
    /// The preview writes nothing; the token is there because every form carries one.
    let formToken: String
    let email: String
    let name: String
    let emailError: String?
    let notice: String?
    let summary: ErrorSummary

    var hasFormErrors: Bool { summary.hasErrors }

    init(retention: RecordRetention, csrf: String, formToken: String, email: String, name: String, emailError: String?, notice: String?) {
        periods = RetentionPolicy.fields.map { Period(label: $0.label, value: French.duration(days: retention.policy.days($0.key))) }
        upcoming = retention.items.map {
            Due(label: $0.label, due: $0.due <= retention.today ? "dès aujourd'hui" : "le \(French.date($0.due))")
        }
        hasUpcoming = !upcoming.isEmpty
        self.csrf = csrf
        self.formToken = formToken
        self.email = email
        self.name = name
        self.emailError = emailError
        self.notice = notice
        summary = ErrorSummary(emailError.map { [.init(anchor: "email", label: "Adresse électronique", message: $0)] } ?? [])
    }
}

/// What an erasure will do, and the confirmation that does it.
struct ErasurePage: PageModel {
    static let template = "erasure"

    let email: String
    let name: String
    let lines: [String]
    let csrf: String
    let formToken: String
    let confirmationError: String?
    let summary: ErrorSummary

    var hasFormErrors: Bool { summary.hasErrors }

    init(_ erasure: PersonErasure, csrf: String, formToken: String, confirmationError: String? = nil) {
        email = erasure.email
        name = erasure.hasAccount ? "" : erasure.name ?? ""
        lines = erasure.summary(done: false)
        self.csrf = csrf
        self.formToken = formToken
        self.confirmationError = confirmationError
        summary = ErrorSummary(confirmationError.map { [.init(anchor: "confirmation", label: "Confirmation", message: $0)] } ?? [])
    }
}
