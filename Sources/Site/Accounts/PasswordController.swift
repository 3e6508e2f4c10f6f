import Foundation
import Hummingbird
import Records
import Storage
import Workflow

/// Pages for people not signed in: choosing a password through a link (an invitation's
/// activation, a reset) and asking for a reset link when one forgot it.
struct PasswordController {
    let site: SiteEnvironment

    static func path(_ purpose: AccountLinkPurpose) -> String { purpose == .activation ? "/activation" : "/reinitialisation" }
    static let forgotPath = "/mot-de-passe-oublie"

    func addRoutes(to router: Router<SiteContext>) {
        router.get(.init(stringLiteral: Self.forgotPath)) { request, context in
            await site.page(context) { forgotPage(request, context, sent: request.uri.queryParameters["envoye"] != nil) }
        }
        router.post(.init(stringLiteral: Self.forgotPath)) { request, context in
            await site.page(context) { try await requestReset(request, context) }
        }
        for purpose in [AccountLinkPurpose.activation, .reset] {
            router.get(.init(stringLiteral: "\(Self.path(purpose))/:token")) { request, context in
                await site.page(context) { try linkPage(purpose, request, context) }
            }
            router.post(.init(stringLiteral: "\(Self.path(purpose))/:token")) { request, context in
                await site.page(context) { try await choose(purpose, request, context) }
            }
        }
    }

    func form(_ path: String) -> AnonymousForm { AnonymousForm(path: path, secure: site.configuration.secureCookies) }

    // MARK: Forgotten password

    func forgotPage(
        _ request: Request,
        _ context: SiteContext,
        sent: Bool = false,
        email: String = "",
        error: String? = nil,
        throttled: Bool = false,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let (csrf, cookie) = form(Self.forgotPath).issue(request)
        let page = ForgotPasswordPage(
            csrf: csrf,
            formToken: site.formToken(),
            mailConfigured: site.configuration.mail != nil,
            sent: sent,
            throttled: throttled,
            email: email,
            error: error
        )
        var response = site.render(page, title: "Mot de passe oublié", context: SiteContext.anonymous(context), status: status)
        response.setCookie(cookie)
        return response
    }

    func requestReset(_ request: Request, _ context: SiteContext) async throws -> Response {
        let form = try await AnonymousForm.read(request, context)
        guard let mail = site.configuration.mail else { return forgotPage(request, context) }
        let email = form["email"].trimmingCharacters(in: .whitespaces)
        guard Formats.isEmail(email) else {
            let error = email.isEmpty ? "champ obligatoire." : "adresse électronique invalide."
            return forgotPage(request, context, email: email, error: error, status: .badRequest)
        }
        // Sent again (Back, then send), the form leads to the same answer and sends no second mail.
        return try await site.once(form, account: AnonymousForm.account) {
            switch try site.accountDesk.requestReset(email: email, clientAddress: context.remoteAddress) {
            case .throttled:
                return .notDone(forgotPage(request, context, throttled: true, status: .tooManyRequests))
            case .answered(let link):
                if let message = link?.message {
                    // Sent apart from the answer, whose time then says nothing of whether an account exists.
                    let logger = context.logger
                    Task.detached { _ = await message.deliver(through: mail, logger: logger) }
                }
                // The same answer for every address: a redirect to the same sentence.
                return .done("\(Self.forgotPath)?envoye=1")
            }
        }
    }

    // MARK: Links

    func linkPage(
        _ purpose: AccountLinkPurpose,
        _ request: Request,
        _ context: SiteContext,
        errors: [String: String] = [:],
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let token = context.parameters.get("token") ?? ""
        let state = try site.accountDesk.linkState(token, purpose)
        guard case .valid(let account) = state else { throw linkError(state, purpose) }
        let (csrf, cookie) = form(Self.path(purpose)).issue(request)
        let page = ChoosePasswordPage(
            purpose: purpose,
            account: account,
            structure: try site.node.profile()?.structureName ?? StructureName("ce nœud"),
            csrf: csrf,
            formToken: site.formToken(),
            action: "\(Self.path(purpose))/\(token)",
            errors: errors
        )
        var response = site.render(page, title: page.heading, context: SiteContext.anonymous(context), status: status)
        response.setCookie(cookie)
        return response
    }

    func choose(_ purpose: AccountLinkPurpose, _ request: Request, _ context: SiteContext) async throws -> Response {
        let form = try await AnonymousForm.read(request, context)
        // Sent again, the form leads where the first did (signed in by then); the link is used once.
        return try await site.once(form, account: AnonymousForm.account) {
            do {
                let account = try site.accountDesk.choosePassword(
                    token: context.parameters.get("token") ?? "",
                    purpose,
                    password: form["password"],
                    confirmation: form["confirmation"],
                    address: context.remoteAddress
                )
                let location = "/mon-compte?fait=\(purpose == .activation ? "active" : "reinitialise")"
                return .shown(try site.signIn(account, then: location), replay: location)
            } catch let error as AccountFormError {
                return .notDone(try linkPage(purpose, request, context, errors: error.errors, status: .badRequest))
            } catch let error as UnusableLink {
                throw linkError(error.state, purpose)
            }
        }
    }

    /// What a used, expired or unknown link tells its reader, and where to go next.
    func linkError(_ state: AccountLinkState, _ purpose: AccountLinkPurpose) -> PageError {
        let login = PageError.Link(href: "/connexion", label: "Aller à la page de connexion")
        let newLink =
            site.configuration.mail != nil && purpose == .reset
            ? PageError.Link(href: Self.forgotPath, label: "Demander un nouveau lien") : login
        let activation = purpose == .activation
        switch state {
        case .used:
            return PageError(
                status: .gone,
                title: "Lien déjà utilisé",
                explanation: activation
                    ? "Ce lien d'invitation a déjà servi : le compte est activé. Connectez-vous avec votre adresse et le mot de passe choisi ; en cas d'oubli, suivez « Mot de passe oublié ? » sur la page de connexion."
                    : "Ce lien a déjà servi à choisir un nouveau mot de passe. Connectez-vous avec celui-ci ; si vous l'avez oublié, demandez un nouveau lien.",
                link: login
            )
        case .expired:
            return PageError(
                status: .gone,
                title: "Lien expiré",
                explanation: activation
                    ? "Ce lien d'invitation n'est plus valable : il a expiré (il vaut 48 heures), une invitation plus récente l'a remplacé, ou le compte a été désactivé. Demandez une nouvelle invitation à l'administrateur du site de votre structure."
                    : "Ce lien n'est plus valable : il a expiré (il vaut une heure), un lien plus récent l'a remplacé, ou le compte a été désactivé. Demandez un nouveau lien, ou adressez-vous à l'administrateur du site de votre structure.",
                link: activation ? login : newLink
            )
        case .unknown, .valid:
            return PageError(
                status: .badRequest,
                title: "Lien non reconnu",
                explanation:
                    "Ce lien n'est pas reconnu par ce site. Vérifiez qu'il a été copié en entier depuis le courriel (il est long), ou demandez-en un nouveau à l'administrateur du site de votre structure.",
                link: login
            )
        }
    }
}
