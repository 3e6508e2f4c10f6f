import Foundation
import Hummingbird
import Records
import Storage
import Workflow

/// Signing in and out, and the node's status page (administrators).
struct AccountController {
    let site: SiteEnvironment

    var loginForm: AnonymousForm { AnonymousForm(path: "/connexion", secure: site.configuration.secureCookies) }

    func addRoutes(to router: Router<SiteContext>) {
        router.get("/connexion") { request, context in
            await site.page(context) { loginPage(request, context: context, email: "", message: nil, status: .ok) }
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
                response.setCookie(site.sessionCookie("", maxAge: 0))
                return response
            }
        }
        router.get("/etat") { _, context in
            await site.page(context) {
                _ = try site.require(context, .admin)
                let page = try StatusPage(node: site.node, certificateExpiry: site.configuration.certificateExpiry(), now: site.now)
                return site.render(page, title: "État du nœud", context: context)
            }
        }
    }

    func login(_ request: Request, context: SiteContext) async throws -> Response {
        let form = try await AnonymousForm.read(request, context)
        let email = form["email"].trimmingCharacters(in: .whitespaces)
        switch try site.auth.login(email: email, password: form["password"], address: context.remoteAddress) {
        case .success(let token, let session):
            // Straight to the work waiting for this person, if any.
            let waiting = (try? site.toDoCounter.count(for: Actor(session.account), node: site.node, today: site.today)) ?? 0
            var response = site.redirect(waiting > 0 ? "/a-traiter" : "/")
            response.setCookie(site.sessionCookie(token, maxAge: Int(site.configuration.sessionLifetime)))
            response.setCookie(loginForm.clear())
            return response
        case .refused:
            return loginPage(request, context: context, email: email, message: "Adresse ou mot de passe incorrect.", status: .unauthorized)
        case .throttled:
            return loginPage(
                request,
                context: context,
                email: email,
                message: "Trop de tentatives de connexion : pour protéger le compte, réessayez dans 15 minutes.",
                status: .tooManyRequests
            )
        }
    }

    func loginPage(_ request: Request, context: SiteContext, email: String, message: String?, status: HTTPResponse.Status) -> Response {
        let (csrf, cookie) = loginForm.issue(request)
        var response = site.render(
            LoginPage(csrf: csrf, email: email, message: message, mailConfigured: site.configuration.mail != nil),
            title: "Connexion",
            context: SiteContext.anonymous(context),
            status: status
        )
        response.setCookie(cookie)
        return response
    }
}
