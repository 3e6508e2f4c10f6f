import Foundation
import Hummingbird
import Logging
import Mustache
import Observability
import Records
import Storage
import Workflow

/// A node's restricted-access web site, served to its own staff (the hub serves it to the MDA).
/// Pages read the local store only, so they load even when the hub is unreachable.
///
/// Each area of the site is a controller that registers its routes and builds typed page
/// models (`Catalogue/`, `Offers/`, `Network/`, `Immersions/`, `Steering/`, `Accounts/`);
/// the rules of the domain are asked of Exchange and Workflow, never re-derived here.
public struct Site: Sendable {
    public let node: OpenNode
    public let configuration: SiteConfiguration
    let environment: SiteEnvironment
    /// Kept with the site, so that every router built from it counts the same attempts.
    let verificationThrottle = VerificationThrottle()

    public init(node: OpenNode, configuration: SiteConfiguration = SiteConfiguration()) throws {
        self.node = node
        self.configuration = configuration
        environment = SiteEnvironment(
            node: node,
            configuration: configuration,
            library: try TemplateLibrary.load(),
            auth: Authenticator(accounts: node.accounts, configuration: configuration),
            suggestionCache: SuggestionCache(),
            toDoCounter: ToDoCounter()
        )
    }

    public func router() -> Router<SiteContext> {
        let router = Router(context: SiteContext.self)
        let notFound = environment.library.render(
            LayoutModel(
                title: PageError.notFound.title,
                content: environment.library.render(ErrorPage(.notFound), withTemplate: "error") ?? "",
                session: nil,
                node: nil
            ),
            withTemplate: "layout"
        )
        router.add(middleware: RequestMetrics(server: "site"))
        router.add(middleware: SecurityHeadersMiddleware(notFoundPage: notFound ?? PageError.notFound.title))
        router.add(middleware: SessionMiddleware(auth: environment.auth, trustForwardedFor: configuration.trustForwardedFor))
        router.get("/style.css") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(string: TemplateLibrary.stylesheet))
            )
        }
        AccountController(site: environment).addRoutes(to: router)
        AccountAdminController(site: environment).addRoutes(to: router)
        PasswordController(site: environment).addRoutes(to: router)
        MyAccountController(site: environment).addRoutes(to: router)
        CatalogueController(site: environment).addRoutes(to: router)
        OfferFormController(site: environment).addRoutes(to: router)
        DirectoryController(site: environment).addRoutes(to: router)
        DemandController(site: environment).addRoutes(to: router)
        ImmersionRequestController(site: environment).addRoutes(to: router)
        ImmersionController(site: environment).addRoutes(to: router)
        DashboardController(site: environment).addRoutes(to: router)
        SuggestionController(site: environment).addRoutes(to: router)
        VerifierController(site: environment, throttle: verificationThrottle).addRoutes(to: router)
        NetworkAdminController(site: environment).addRoutes(to: router)
        NetworkRulesController(site: environment).addRoutes(to: router)
        FrameworkController(site: environment).addRoutes(to: router)
        ProfileController(site: environment).addRoutes(to: router)
        LegalController(site: environment).addRoutes(to: router)
        PersonalDataController(site: environment).addRoutes(to: router)
        RetentionController(site: environment).addRoutes(to: router)
        HealthController(site: environment).addRoutes(to: router)
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
            // Browsers keep connections open between clicks; a minute without a request closes them.
            server: .http1(configuration: .init(idleTimeout: .seconds(60))),
            configuration: .init(address: .hostname(host, port: port), serverName: "vmvp-site"),
            onServerRunning: { await onListening($0.localAddress?.port ?? port) },
            logger: logger
        )
    }
}
