import Foundation
import Hummingbird
import Workflow

/// Forms filled in before a session exists (sign-in, forgotten password, the links to choose a
/// password): their CSRF token is a cookie that the form echoes (double submit), kept to the
/// page's own path.
struct AnonymousForm {
    static let cookieName = "vmvp_login"
    /// How long a form stays good between showing and sending.
    static let lifetime = 3600

    let path: String
    let secure: Bool

    /// Their one-time form tokens are kept under this account id, which no account has (ids start at 1).
    static let account: Int64 = 0

    /// The form's token and the cookie that carries it. The browser's token is kept when it has
    /// one, so that a form sent again (Back, then send) still passes and is found to be a replay.
    func issue(_ request: Request) -> (csrf: String, cookie: Cookie) {
        let existing = request.cookies[Self.cookieName]?.value ?? ""
        let csrf = LinkToken.isWellFormed(existing) ? existing : Authenticator.randomToken()
        return (csrf, cookie(csrf, maxAge: Self.lifetime))
    }

    /// The cookie is dropped once the form has done its work.
    func clear() -> Cookie { cookie("", maxAge: 0) }

    func cookie(_ value: String, maxAge: Int) -> Cookie {
        Cookie(name: Self.cookieName, value: value, maxAge: maxAge, path: path, secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// Reads the posted form; its token must match the cookie.
    static func read(_ request: Request, _ context: SiteContext) async throws -> Form {
        let form = try await Form.read(request, context: context)
        guard let expected = request.cookies[cookieName]?.value, Authenticator.sameToken(form["csrf"], expected) else {
            throw PageError.badForm
        }
        return form
    }
}
