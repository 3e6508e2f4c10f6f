import Foundation
import Hummingbird
import Records
import Storage

extension Site {
    static let loginCookie = "vmvp_login"

    func sessionCookie(_ value: String, maxAge: Int) -> Cookie {
        Cookie(
            name: Authenticator.cookieName,
            value: value,
            maxAge: maxAge,
            path: "/",
            secure: configuration.secureCookies,
            httpOnly: true,
            sameSite: .strict
        )
    }

    func addAccountRoutes(_ router: Router<SiteContext>) {
        router.get("/connexion") { _, context in
            await page(context) { loginPage(context: context, email: "", message: nil, status: .ok) }
        }
        router.post("/connexion") { request, context in
            await page(context) {
                let form = try await Form.read(request, context: context)
                // Before a session exists, the CSRF token is a cookie echoed by the form (double submit).
                guard let expected = request.cookies[Self.loginCookie]?.value, Authenticator.sameToken(form["csrf"], expected) else {
                    throw PageError.badForm
                }
                let email = form["email"].trimmingCharacters(in: .whitespaces)
                switch try auth.login(email: email, password: form["password"], address: context.remoteAddress) {
                case .success(let token, _):
                    var response = redirect("/")
                    response.setCookie(sessionCookie(token, maxAge: Int(configuration.sessionLifetime)))
                    response.setCookie(
                        Cookie(
                            name: Self.loginCookie,
                            value: "",
                            maxAge: 0,
                            path: "/",
                            secure: configuration.secureCookies,
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
        }
        router.post("/deconnexion") { request, context in
            await page(context) {
                let session = try require(context)
                try checkCSRF(try await Form.read(request, context: context), session)
                if let token = request.cookies[Authenticator.cookieName]?.value { try auth.logout(token: token) }
                var response = redirect("/connexion")
                response.setCookie(sessionCookie("", maxAge: 0))
                return response
            }
        }
    }

    func loginPage(context: SiteContext, email: String, message: String?, status: HTTPResponse.Status) -> Response {
        let csrf = Authenticator.randomToken()
        var response = render(
            "login",
            ["csrf": csrf, "email": email, "message": message as Any],
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
                secure: configuration.secureCookies,
                httpOnly: true,
                sameSite: .strict
            )
        )
        return response
    }

    func addAdminRoutes(_ router: Router<SiteContext>) {
        router.get("/comptes") { _, context in
            await page(context) {
                let session = try require(context, .admin)
                return try accountsPage(session: session, context: context, form: nil, errors: [:], created: nil)
            }
        }
        router.post("/comptes") { request, context in
            await page(context) {
                let session = try require(context, .admin)
                let form = try await Form.read(request, context: context)
                try checkCSRF(form, session)
                let email = form["email"].trimmingCharacters(in: .whitespaces)
                let name = form["name"].trimmingCharacters(in: .whitespaces)
                var errors: [String: String] = [:]
                if !Formats.isEmail(email) {
                    errors["email"] = email.isEmpty ? "champ obligatoire." : "adresse électronique invalide."
                } else if try node.accounts.account(email: email) != nil {
                    errors["email"] = "un compte existe déjà avec cette adresse."
                }
                if name.isEmpty { errors["name"] = "champ obligatoire." }
                guard let role = Role(rawValue: form["role"]) else { throw PageError.badForm }
                guard errors.isEmpty else {
                    var response = try accountsPage(session: session, context: context, form: form, errors: errors, created: nil)
                    response.status = .badRequest
                    return response
                }
                let password = Authenticator.temporaryPassword()
                _ = try node.accounts.add(
                    email: email,
                    name: name,
                    role: role,
                    passwordHash: Authenticator.hashPassword(password, cost: configuration.bcryptCost)
                )
                return try accountsPage(session: session, context: context, form: nil, errors: [:], created: (email, password))
            }
        }
        router.get("/etat") { _, context in
            await page(context) {
                _ = try require(context, .admin)
                let isHub = try node.role() == .hub
                var data: [String: Any] = [
                    "structure": (try node.profile()?.name) ?? "",
                    "role": isHub ? "hub de la Maison des Adolescents (MDA)" : "nœud de structure partenaire",
                    "envelopes": try store.envelopeCount(), "isHub": isHub, "isNode": !isHub,
                ]
                if isHub {
                    data["members"] = try node.members.members().count
                    data["quarantine"] = try store.quarantineCount()
                } else {
                    let state = try SyncState.load(node)
                    data["hub"] = state.hubURL ?? "pas encore inscrit (commande « vmvp enroll »)"
                    data["lastSuccess"] = state.lastSuccess.map(FrenchDate.describe) ?? "jamais"
                    data["waiting"] = state.waiting
                    data["lastError"] = state.lastError ?? "aucune"
                }
                return render("status", data, title: "État du nœud", context: context)
            }
        }
    }

    func accountsPage(session: Session, context: SiteContext, form: Form?, errors: [String: String], created: (String, String)?) throws -> Response {
        let labels = ["email": "Adresse électronique", "name": "Nom et prénom"]
        let items: [[String: Any]] = try node.accounts.all().map { ["name": $0.name, "email": $0.email, "role": $0.role.label] }
        var data: [String: Any] = [
            "csrf": session.csrfToken, "items": items,
            "roles": Role.allCases.reversed().map { ["value": $0.rawValue, "label": $0.label] },
            "email": form?["email"] ?? "", "name": form?["name"] ?? "",
            "emailError": errors["email"] as Any, "nameError": errors["name"] as Any,
            "hasErrors": !errors.isEmpty, "errorCount": errors.count, "plural": errors.count > 1,
            "errors": errors.keys.sorted().map { ["anchor": $0, "label": labels[$0] ?? $0, "message": errors[$0]!] },
        ]
        if let created { data["created"] = ["email": created.0, "password": created.1] }
        return render("accounts", data, title: "Comptes", context: context)
    }
}

extension SiteContext {
    /// The same request seen as not signed in (the login page never shows the menu).
    static func anonymous(_ context: SiteContext) -> SiteContext {
        var copy = context
        copy.session = nil
        return copy
    }
}
