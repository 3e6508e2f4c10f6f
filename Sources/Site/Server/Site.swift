import Foundation
import Hummingbird
import Logging
import Mustache
import Records
import Storage
import Workflow

/// A node's restricted-access web site, served to its own staff (the hub serves it to the MDA).
/// Pages read the local store only, so they load even when the hub is unreachable.
public struct Site: Sendable {
    public let node: OpenNode
    public let configuration: SiteConfiguration
    let auth: Authenticator
    let library: MustacheLibrary
    /// Suggestions kept between page views while no record arrives.
    public let suggestionCache = SuggestionCache()

    public init(node: OpenNode, configuration: SiteConfiguration = SiteConfiguration()) throws {
        self.node = node
        self.configuration = configuration
        auth = Authenticator(accounts: node.accounts, configuration: configuration)
        library = try Templates.library()
    }

    var store: RecordStore { node.store }

    public func router() -> Router<SiteContext> {
        let router = Router(context: SiteContext.self)
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: SessionMiddleware(auth: auth))
        router.get("/style.css") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(string: Stylesheet.css))
            )
        }
        addAccountRoutes(router)
        addCatalogueRoutes(router)
        addOfferFormRoutes(router)
        addDirectoryRoutes(router)
        addDemandRoutes(router)
        addImmersionRoutes(router)
        addDashboardRoutes(router)
        addSuggestionRoutes(router)
        addAdminRoutes(router)
        return router
    }

    /// The site over plain HTTP on `host` (loopback by default; put a TLS reverse proxy in front otherwise).
    public func application(
        host: String,
        port: Int,
        logger: Logger,
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: router(),
            configuration: .init(address: .hostname(host, port: port), serverName: "vmvp-site"),
            onServerRunning: { await onListening($0.localAddress?.port ?? port) },
            logger: logger
        )
    }

    // MARK: Page plumbing

    /// Where an unauthenticated visitor is sent.
    struct Redirect: Error {
        let location: String
        static let login = Redirect(location: "/connexion")
    }

    func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    /// Runs a page handler; redirects, refusals and failures become proper pages.
    func page(_ context: SiteContext, _ body: () async throws -> Response) async -> Response {
        do {
            return try await body()
        } catch let redirect as Redirect {
            return self.redirect(redirect.location)
        } catch let error as PageError {
            return render(
                "error",
                ["title": error.title, "explanation": error.explanation],
                title: error.title,
                context: context,
                status: error.status
            )
        } catch {
            context.logger.error("page failed", metadata: ["error": "\(String(describing: type(of: error)))"])
            return render(
                "error",
                [
                    "title": "Erreur du serveur",
                    "explanation":
                        "Une erreur inattendue nous empêche d'afficher cette page. Rien n'a été perdu : réessayez dans un instant ; si cela continue, prévenez l'administrateur de votre structure.",
                ],
                title: "Erreur du serveur",
                context: context,
                status: .internalServerError
            )
        }
    }

    /// The signed-in session, with at least `role`; otherwise to the login page, or refused.
    func require(_ context: SiteContext, _ role: Role = .professionnel) throws -> Session {
        guard let session = context.session else { throw Redirect.login }
        guard session.account.role >= role else { throw PageError.forbidden }
        return session
    }

    /// Every form carries the session's CSRF token.
    func checkCSRF(_ form: Form, _ session: Session) throws {
        guard Authenticator.sameToken(form["csrf"], session.csrfToken) else { throw PageError.badForm }
    }

    /// Mustache treats a present-but-nil value as true and prints "nil": unwrap optionals and
    /// drop the empty ones, at every depth, before rendering.
    static func unwrapped(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            guard let inner = mirror.children.first?.value else { return nil }
            return unwrapped(inner)
        }
        if let dictionary = value as? [String: Any] { return dictionary.compactMapValues(unwrapped) }
        if let array = value as? [Any] { return array.compactMap(unwrapped) }
        return value
    }

    func render(_ template: String, _ data: [String: Any], title: String, context: SiteContext, status: HTTPResponse.Status = .ok) -> Response {
        let content = library.render(Self.unwrapped(data) ?? [:], withTemplate: template) ?? ""
        var layout: [String: Any] = ["title": title, "content": content]
        if let session = context.session {
            layout["user"] =
                [
                    "name": session.account.name, "roleLabel": session.account.role.label, "csrf": session.csrfToken,
                    "isAdmin": session.account.role == .admin, "canPublish": session.account.role >= .referent,
                    "isHubAdmin": session.account.role == .admin && (try? node.role()) == .hub,
                ] as [String: Any]
            if let state = try? SyncState.load(node), state.hubURL != nil, state.lastError != nil {
                layout["offline"] = true
                layout["lastSync"] = state.lastSuccess.map(FrenchDate.describe) ?? "jamais synchronisé"
            }
        }
        let html = library.render(layout, withTemplate: "layout") ?? ""
        return Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: html))
        )
    }
}

struct SessionMiddleware: RouterMiddleware {
    typealias Context = SiteContext
    let auth: Authenticator

    func handle(_ request: Request, context: SiteContext, next: (Request, SiteContext) async throws -> Response) async throws -> Response {
        var context = context
        if let token = request.cookies[Authenticator.cookieName]?.value, !token.isEmpty {
            context.session = try? auth.session(token: token)
        }
        return try await next(request, context)
    }
}

/// Headers that keep the pages in their lane: no framing, no inline script, no sniffing.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = SiteContext

    func handle(_ request: Request, context: SiteContext, next: (Request, SiteContext) async throws -> Response) async throws -> Response {
        var response: Response
        do { response = try await next(request, context) } catch let error as HTTPError where error.status == .notFound {
            response = Response(
                status: .notFound,
                headers: [.contentType: "text/html; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: NotFoundPage.html))
            )
        }
        response.headers[.contentSecurityPolicy] =
            "default-src 'self'; script-src 'none'; object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.init("Referrer-Policy")!] = "same-origin"
        return response
    }
}

/// A route that does not exist: the same plain explanation as the other error pages.
enum NotFoundPage {
    static let html =
        (try? Templates.library()).flatMap { library in
            library.render(
                [
                    "title": "Page introuvable",
                    "content": library.render(
                        ["title": PageError.notFound.title, "explanation": PageError.notFound.explanation],
                        withTemplate: "error"
                    ) ?? "",
                ],
                withTemplate: "layout"
            )
        } ?? "Page introuvable"
}

/// Dates and times as staff read them, in Paris time.
public enum FrenchDate {
    public static func describe(_ t: Timestamp) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "fr_FR")
        formatter.timeZone = TimeZone(identifier: "Europe/Paris")
        formatter.dateFormat = "d MMMM yyyy 'à' HH:mm"
        return formatter.string(from: t.date)
    }
}
