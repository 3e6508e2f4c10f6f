import Foundation
import Hummingbird
import Records
import Storage
import Workflow

/// The node's accounts for its administrators: invitations, roles, deactivation, links to
/// choose a password, and the journal of administrative acts. The rules are `AccountDesk`'s.
struct AccountAdminController {
    let site: SiteEnvironment

    func addRoutes(to router: Router<SiteContext>) {
        router.get("/comptes") { request, context in
            await site.page(context) {
                let session = try site.require(context, .admin)
                let query = request.uri.queryParameters
                var notice: String?
                if let id = query["compte"].flatMap({ Int64(String($0)) }), let account = try site.node.accounts.account(id: id) {
                    notice = Self.notice(query["fait"].map(String.init) ?? "", account)
                }
                return try page(session, context, notice: notice)
            }
        }
        router.post("/comptes") { request, context in
            await site.page(context) {
                let session = try site.require(context, .admin)
                let form = try await site.readForm(request, context, session)
                return try await site.once(form, session) { try await invite(form, session, context) }
            }
        }
        let changes: [(String, String, @Sendable (Form) throws -> AccountChange)] = [
            ("role", "role", { form in .role(try Role(rawValue: form["role"]).orThrow(PageError.badForm)) }),
            ("desactiver", "desactive", { _ in .deactivate }),
            ("reactiver", "reactive", { _ in .reactivate }),
        ]
        for (path, done, change) in changes {
            router.post("/comptes/:id/\(path)") { request, context in
                await site.page(context) {
                    try await act(request, context) { id, form, source in
                        try site.accountDesk.change(id, try change(form), by: source)
                        return .done("/comptes?fait=\(done)&compte=\(id)")
                    }
                }
            }
        }
        router.post("/comptes/:id/invitation") { request, context in
            await site.page(context) {
                try await act(request, context) { id, _, source in
                    try await handOver(try site.accountDesk.renewInvitation(id, by: source), invitation: true, context)
                }
            }
        }
        router.post("/comptes/:id/reinitialisation") { request, context in
            await site.page(context) {
                try await act(request, context) { id, _, source in
                    try await handOver(try site.accountDesk.resetLink(id, by: source), invitation: false, context)
                }
            }
        }
        router.get("/journal") { request, context in
            await site.page(context) {
                _ = try site.require(context, .admin)
                let before = try request.uri.queryParameters["avant"].map { try Int64(String($0)).orThrow(PageError.notFound) }
                let entries = try site.node.audit.entries(limit: JournalPage.pageSize + 1, before: before)
                return site.render(JournalPage(entries: entries, before: before), title: "Journal d'administration", context: context)
            }
        }
    }

    func page(
        _ session: Session,
        _ context: SiteContext,
        form: (email: String, name: String, role: Role, errors: [String: String]) = ("", "", .professionnel, [:]),
        notice: String? = nil,
        refusal: String? = nil,
        handover: AccountsPage.Handover? = nil,
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let policy = try RecordRetention.policy(node: site.node)
        let page = AccountsPage(
            csrf: session.csrfToken,
            formToken: site.formToken,
            accounts: try site.node.accounts.all(),
            mailConfigured: site.configuration.mail != nil,
            form: form,
            notice: notice,
            refusal: refusal,
            handover: handover,
            upcoming: try site.node.accounts.purgePreview(
                policy: AccountRetentionPolicy(policy),
                now: site.configuration.now().addingTimeInterval(AccountsPage.lookahead)
            ),
            policy: policy
        )
        return site.render(page, title: "Comptes", context: context, status: status)
    }

    func invite(_ form: Form, _ session: Session, _ context: SiteContext) async throws -> SiteEnvironment.Submission {
        guard let role = Role(rawValue: form["role"]) else { throw PageError.badForm }
        do {
            let link = try site.accountDesk.invite(email: form["email"], name: form["name"], role: role, by: site.source(session, context))
            return try await handOver(link, invitation: true, context)
        } catch let error as AccountFormError {
            let typed = (form["email"].trimmingCharacters(in: .whitespaces), form["name"].trimmingCharacters(in: .whitespaces), role, error.errors)
            return .notDone(try page(session, context, form: typed, status: .badRequest))
        }
    }

    /// An action on one account (`/comptes/:id/…`), once per form; a refusal is shown on the page.
    func act(
        _ request: Request,
        _ context: SiteContext,
        _ body: @escaping (Int64, Form, AuditSource) async throws -> SiteEnvironment.Submission
    ) async throws -> Response {
        let session = try site.require(context, .admin)
        let form = try await site.readForm(request, context, session)
        guard let id = context.parameters.get("id").flatMap(Int64.init) else { throw PageError.notFound }
        return try await site.once(form, session) {
            do { return try await body(id, form, site.source(session, context)) } catch let refusal as Refusal {
                return .notDone(try page(session, context, refusal: refusal.message, status: .conflict))
            }
        }
    }

    /// Sends the link by mail when the node can, else shows it once to hand over.
    func handOver(_ link: IssuedLink, invitation: Bool, _ context: SiteContext) async throws -> SiteEnvironment.Submission {
        guard let session = context.session else { throw SiteEnvironment.Redirect.login }
        var mailed = false
        if let mail = site.configuration.mail { mailed = await link.message.deliver(through: mail, logger: context.logger) }
        let handover = AccountsPage.handover(link, invitation: invitation, mailConfigured: site.configuration.mail != nil, mailed: mailed)
        // A replay of the form says what was done, without the link.
        let replay = "/comptes?fait=\(invitation ? "invitation" : "lien")&compte=\(link.account.id)"
        return .shown(try page(session, context, handover: handover), replay: replay)
    }

    /// What a finished action (or a replayed form) reads, from `?fait=…&compte=…`.
    static func notice(_ done: String, _ account: Account) -> String? {
        switch done {
        case "role": "Le rôle de \(account.name) est maintenant « \(account.role.label) »."
        case "desactive": "Le compte de \(account.name) est désactivé : ses sessions sont fermées et il ne peut plus se connecter."
        case "reactive": "Le compte de \(account.name) est réactivé."
        case "invitation":
            "L'invitation de \(account.name) est faite. Son lien n'est envoyé ou montré qu'une fois : pour en faire un nouveau, utilisez « Nouveau lien d'invitation »."
        case "lien":
            "Le lien de réinitialisation de \(account.name) est fait. Il n'est envoyé ou montré qu'une fois : pour en faire un nouveau, utilisez de nouveau « Lien de réinitialisation »."
        default: nil
        }
    }
}

extension Optional {
    /// The value, or `error` thrown.
    func orThrow(_ error: @autoclosure () -> any Error) throws -> Wrapped {
        guard let self else { throw error() }
        return self
    }
}
