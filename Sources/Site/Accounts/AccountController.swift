import Foundation
import Hummingbird
import Records
import Storage
import Workflow

/// Signing in and out, the node's accounts and its status page (administrators).
struct AccountController {
    let site: SiteEnvironment

    static let loginCookie = "vmvp_login"

    func addRoutes(to router: Router<SiteContext>) {
        router.get("/connexion") { _, context in
            await site.page(context) { loginPage(context: context, email: "", message: nil, status: .ok) }
        }
        router.post("/connexion") { request, context in
            await site.page(context) { try await login(request, context: context) }
        }
        router.post("/deconnexion") { request, context in
            await site.page(context) {
                let session = try site.require(context)
                _ = try await site.readForm(request, context, session)
                if let token = request.cookies[Authenticator.cookieName]?.value { try site.auth.logout(token: token) }
                var response = site.redirect("/connexion")
                response.setCookie(sessionCookie("", maxAge: 0))
                return response
            }
        }
        router.get("/comptes") { request, context in
            await site.page(context) {
                let session = try site.require(context, .admin)
                // A replayed creation form lands here: the account exists, its password was shown once.
                let notice = request.uri.queryParameters["deja"].map {
                    "Le compte \($0) est créé. Son mot de passe provisoire n'est montré qu'une fois, à la création."
                }
                let page = AccountsPage(csrf: session.csrfToken, formToken: site.formToken(), accounts: try site.node.accounts.all(), notice: notice)
                return site.render(page, title: "Comptes", context: context)
            }
        }
        router.post("/comptes") { request, context in
            await site.page(context) { try await createAccount(request, context: context) }
        }
        router.get("/etat") { _, context in
            await site.page(context) {
                _ = try site.require(context, .admin)
                return site.render(try StatusPage(node: site.node), title: "État du nœud", context: context)
            }
        }
    }

    func sessionCookie(_ value: String, maxAge: Int) -> Cookie {
        Cookie(
            name: Authenticator.cookieName,
            value: value,
            maxAge: maxAge,
            path: "/",
            secure: site.configuration.secureCookies,
            httpOnly: true,
            sameSite: .strict
        )
    }

    func login(_ request: Request, context: SiteContext) async throws -> Response {
        let form = try await Form.read(request, context: context)
        // Before a session exists, the CSRF token is a cookie echoed by the form (double submit).
        guard let expected = request.cookies[Self.loginCookie]?.value, Authenticator.sameToken(form["csrf"], expected) else {
            throw PageError.badForm
        }
        let email = form["email"].trimmingCharacters(in: .whitespaces)
        switch try site.auth.login(email: email, password: form["password"], address: context.remoteAddress) {
        case .success(let token, let session):
            // Straight to the work waiting for this person, if any.
            let waiting = (try? site.toDoCounter.count(for: Actor(session.account), node: site.node, today: site.today)) ?? 0
            var response = site.redirect(waiting > 0 ? "/a-traiter" : "/")
            response.setCookie(sessionCookie(token, maxAge: Int(site.configuration.sessionLifetime)))
            response.setCookie(
                Cookie(
                    name: Self.loginCookie,
                    value: "",
                    maxAge: 0,
                    path: "/",
                    secure: site.configuration.secureCookies,
                    httpOnly: true,
                    sameSite: .strict
                )
            )
            return response
        case .refused:
            return loginPage(context: context, email: email, message: "Adresse ou mot de passe incorrect.", status: .unauthorized)
        case .throttled:
            return loginPage(
                context: context,
                email: email,
                message: "Trop de tentatives de connexion : pour protéger le compte, réessayez dans 15 minutes.",
                status: .tooManyRequests
            )
        }
    }

    func loginPage(context: SiteContext, email: String, message: String?, status: HTTPResponse.Status) -> Response {
        let csrf = Authenticator.randomToken()
        var response = site.render(
            LoginPage(csrf: csrf, email: email, message: message),
            title: "Connexion",
            context: SiteContext.anonymous(context),
            status: status
        )
        response.setCookie(
            Cookie(
                name: Self.loginCookie,
                value: csrf,
                maxAge: 3600,
                path: "/connexion",
                secure: site.configuration.secureCookies,
                httpOnly: true,
                sameSite: .strict
            )
        )
        return response
    }

    func createAccount(_ request: Request, context: SiteContext) async throws -> Response {
        let session = try site.require(context, .admin)
        let form = try await site.readForm(request, context, session)
        return try await site.once(form, session) { try createAccount(form, session: session, context: context) }
    }

    func createAccount(_ form: Form, session: Session, context: SiteContext) throws -> SiteEnvironment.Submission {
        let accounts = site.node.accounts
        let email = form["email"].trimmingCharacters(in: .whitespaces)
        let name = form["name"].trimmingCharacters(in: .whitespaces)
        var errors: [String: String] = [:]
        if !Formats.isEmail(email) {
            errors["email"] = email.isEmpty ? "champ obligatoire." : "adresse électronique invalide."
        } else if try accounts.account(email: email) != nil {
            errors["email"] = "un compte existe déjà avec cette adresse."
        }
        if name.isEmpty { errors["name"] = "champ obligatoire." }
        guard let role = Role(rawValue: form["role"]) else { throw PageError.badForm }
        guard errors.isEmpty else {
            let page = AccountsPage(
                csrf: session.csrfToken,
                formToken: site.formToken(),
                accounts: try accounts.all(),
                email: email,
                name: name,
                errors: errors
            )
            return .notDone(site.render(page, title: "Comptes", context: context, status: .badRequest))
        }
        let password = Authenticator.temporaryPassword()
        _ = try accounts.add(
            email: email,
            name: name,
            role: role,
            passwordHash: Authenticator.hashPassword(password, cost: site.configuration.bcryptCost)
        )
        let page = AccountsPage(
            csrf: session.csrfToken,
            formToken: site.formToken(),
            accounts: try accounts.all(),
            created: .init(email: email, password: password)
        )
        let replay = "/comptes?deja=\(email.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
        return .shown(site.render(page, title: "Comptes", context: context), replay: replay)
    }
}
