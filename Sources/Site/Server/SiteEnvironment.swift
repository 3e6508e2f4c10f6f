import Exchange
import Foundation
import Hummingbird
import Logging
import Mustache
import Records
import Storage
import Workflow

/// A page's data: a plain struct its Mustache template renders, inside the site's layout.
protocol PageModel: Sendable {
    /// The template's name (`Templates/<name>.mustache`).
    static var template: String { get }
    /// A form on the page came back with errors: the page title says so first.
    var hasFormErrors: Bool { get }
}

extension PageModel {
    var hasFormErrors: Bool { false }
}

/// What every controller of the site works with: the node, the site's settings and clock,
/// its templates and the page plumbing (sign-in checks, CSRF, redirects, error pages).
struct SiteEnvironment: Sendable {
    let node: OpenNode
    let configuration: SiteConfiguration
    let library: MustacheLibrary
    let auth: Authenticator
    let suggestionCache: SuggestionCache
    let toDoCounter: ToDoCounter

    var store: RecordStore { node.store }
    var desk: ImmersionDesk { ImmersionDesk(node: node) }
    var today: Day { Day.today(configuration.now()) }
    var now: Date { configuration.now() }

    func isHub() throws -> Bool { try node.role() == .hub }

    /// The accounts' life: invitations, roles, links to choose a password (rules in Workflow).
    var accountDesk: AccountDesk {
        AccountDesk(node: node, siteURL: configuration.siteURL, bcryptCost: configuration.bcryptCost, clock: configuration.now)
    }

    /// Who acts, for the audit log: the signed-in account and the browser's address.
    func source(_ session: Session, _ context: SiteContext) -> AuditSource {
        AuditSource(account: session.account, address: context.remoteAddress)
    }

    /// The session cookie: `HttpOnly`, `SameSite=Strict`, `Secure` unless configured otherwise.
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

    /// Signs `account` in on this browser, then leads to `location`.
    func signIn(_ account: Account, then location: String) throws -> Response {
        let (token, _) = try auth.openSession(for: account)
        var response = redirect(location)
        response.setCookie(sessionCookie(token, maxAge: Int(configuration.sessionLifetime)))
        return response
    }

    /// Structure names by id, with their articles for sentences.
    func structureNames() throws -> [String: StructureName] { try node.structureNames() }

    // MARK: Access

    /// Where an unauthenticated visitor is sent.
    struct Redirect: Error {
        let location: String
        static let login = Redirect(location: "/connexion")
    }

    /// The signed-in session, with at least `role`; otherwise to the login page, or refused.
    func require(_ context: SiteContext, _ role: Role = .professionnel) throws -> Session {
        guard let session = context.session else { throw Redirect.login }
        guard session.account.role >= role else { throw PageError.forbidden }
        return session
    }

    /// Only the MDA's administrators, on the hub.
    func requireHubAdmin(_ context: SiteContext) throws -> Session {
        let session = try require(context, .admin)
        guard try isHub() else { throw PageError.notFound }
        return session
    }

    /// Every form carries the session's CSRF token.
    func checkCSRF(_ form: Form, _ session: Session) throws {
        guard Authenticator.sameToken(form["csrf"], session.csrfToken) else { throw PageError.badForm }
    }

    /// Reads a posted form and checks its CSRF token.
    func readForm(_ request: Request, _ context: SiteContext, _ session: Session) async throws -> Form {
        let form = try await Form.read(request, context: context)
        try checkCSRF(form, session)
        return form
    }

    // MARK: One submission per form

    /// A fresh one-time token for the state-changing forms of a page.
    func formToken() -> String { Authenticator.randomToken(bytes: 18) }

    /// What a state-changing submission came to.
    enum Submission {
        /// It wrote, and leads there; a replay of the same form leads there too.
        case done(String)
        /// It wrote and shows a page once; a replay leads to `replay` instead.
        case shown(Response, replay: String)
        /// It wrote nothing (errors to correct, a refusal): the same form may be sent again.
        case notDone(Response)
    }

    /// Runs a state-changing submission once per form token: the first claims the token; a replay
    /// (Back and send again, a double click) leads where the first did and writes nothing.
    func once(_ form: Form, _ session: Session, _ body: () async throws -> Submission) async throws -> Response {
        try await once(form, account: session.account.id, body)
    }

    /// The same for `account` (`AnonymousForm.account` for the forms of people not signed in).
    func once(_ form: Form, account: Int64, _ body: () async throws -> Submission) async throws -> Response {
        let token = form["formToken"]
        guard token.count >= 16, token.count <= 64 else { throw PageError.badForm }
        let submissions = node.submissions
        switch try submissions.claim(token, account: account, now: now) {
        case .replay(let result?):
            return redirect(result)
        case .replay(nil):
            throw PageError.alreadySending
        case .first:
            do {
                switch try await body() {
                case .done(let location):
                    try submissions.complete(token, account: account, result: location)
                    return redirect(location)
                case .shown(let response, let replay):
                    try submissions.complete(token, account: account, result: replay)
                    return response
                case .notDone(let response):
                    try submissions.release(token, account: account)
                    return response
                }
            } catch {
                try? submissions.release(token, account: account)
                throw error
            }
        }
    }

    // MARK: Responses

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
            return render(ErrorPage(error), title: error.title, context: context, status: error.status)
        } catch let error as AdministrationError {
            // Refusals of an administrative act (already revoked, unknown member…): said as they are.
            let refusal = PageError(status: .conflict, title: "Action impossible", explanation: error.description)
            return render(ErrorPage(refusal), title: refusal.title, context: context, status: refusal.status)
        } catch {
            if let storage = StorageFailure(error) {
                // A full or read-only disk is something the structure's administrator can fix: say which.
                context.logger.error("page failed", metadata: ["storage": "\(storage)"])
                let failure = PageError.storageFailure(storage)
                return render(ErrorPage(failure), title: failure.title, context: context, status: failure.status)
            }
            context.logger.error("page failed", metadata: ["error": "\(String(describing: type(of: error)))"])
            let failure = PageError.serverFailure
            return render(ErrorPage(failure), title: failure.title, context: context, status: failure.status)
        }
    }

    func render<Model: PageModel>(_ model: Model, title: String, context: SiteContext, status: HTTPResponse.Status = .ok) -> Response {
        let content = library.render(model, withTemplate: Model.template) ?? ""
        let title = model.hasFormErrors ? "Erreur : \(title)" : title
        var menu: [MenuItem] = []
        if let session = context.session {
            // A failure to count must not cost the page: the menu then shows no count.
            let toDo = (try? toDoCounter.count(for: Actor(session.account), node: node, today: today)) ?? 0
            menu = Menu.items(role: session.account.role, isHub: (try? isHub()) ?? false, path: context.path, toDo: toDo)
        }
        let layout = LayoutModel(title: title, content: content, session: context.session, node: node, menu: menu, path: context.path)
        let html = library.render(layout, withTemplate: "layout") ?? ""
        return Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: html))
        )
    }

    /// A file to download (calendar, spreadsheet), never cached.
    func download(_ text: String, type: String, filename: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(filename)\"", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: text))
        )
    }
}

/// The frame of every page: title, menu for the signed-in person, offline banner.
struct LayoutModel {
    struct User {
        let name: String
        let roleLabel: String
        let csrf: String
        let menu: [MenuItem]
        /// On "Mon compte", its link in the header is the current page.
        let accountCurrent: Bool
    }

    let title: String
    let content: String
    let user: User?
    /// Set when the hub could not be reached at the last attempt: since when the data is current.
    let offline: Bool
    let lastSync: String?
    /// The RGAA status every page's footer states ("Accessibilité : non conforme").
    let accessibility: String

    init(title: String, content: String, session: Session?, node: OpenNode?, menu: [MenuItem] = [], path: String = "/") {
        self.title = title
        self.content = content
        accessibility = ((node.flatMap { try? LegalDesk(node: $0).inForce().conformity }) ?? .none).label
        guard let session else {
            user = nil
            offline = false
            lastSync = nil
            return
        }
        user = User(
            name: session.account.name,
            roleLabel: session.account.role.label,
            csrf: session.csrfToken,
            menu: menu,
            accountCurrent: Menu.isCurrent("/mon-compte", path)
        )
        if let node, let state = try? SyncState.load(node), state.hubURL != nil, state.lastError != nil {
            offline = true
            lastSync = state.lastSuccess.map(French.dateTime) ?? "jamais synchronisé"
        } else {
            offline = false
            lastSync = nil
        }
    }
}

/// The plain error page.
struct ErrorPage: PageModel {
    static let template = "error"
    let title: String
    let explanation: String
    let link: PageError.Link?

    init(_ error: PageError) {
        title = error.title
        explanation = error.explanation
        link = error.link
    }
}
