import Foundation
import Hummingbird

/// Reads the session cookie; pages then find the signed-in person in the context. Behind a
/// trusted reverse proxy, the client's address is read from `X-Forwarded-For`.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = SiteContext
    let auth: Authenticator
    let trustForwardedFor: Bool

    func handle(_ request: Request, context: SiteContext, next: (Request, SiteContext) async throws -> Response) async throws -> Response {
        var context = context
        context.path = request.uri.path
        if trustForwardedFor, let client = Self.forwardedClient(request.headers[values: .init("X-Forwarded-For")!], peer: context.remoteAddress) {
            context.remoteAddress = client
        }
        if let token = request.cookies[Authenticator.cookieName]?.value, !token.isEmpty {
            context.session = try? auth.session(token: token)
        }
        return try await next(request, context)
    }

    /// The address the proxy saw (the last one it appended), trusted only from a proxy on this
    /// machine: anything before it was written by the client and proves nothing.
    static func forwardedClient(_ values: [String], peer: String) -> String? {
        guard peer == "127.0.0.1" || peer == "::1" else { return nil }
        guard let last = values.last?.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty, last.count <= 45,
            last.allSatisfy({ $0.isHexDigit || $0 == "." || $0 == ":" })
        else { return nil }
        return last
    }
}

/// Headers that keep the pages in their lane: no framing, no inline script, no sniffing.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = SiteContext
    let notFoundPage: String

    func handle(_ request: Request, context: SiteContext, next: (Request, SiteContext) async throws -> Response) async throws -> Response {
        var response: Response
        do { response = try await next(request, context) } catch let error as HTTPError where error.status == .notFound {
            // A route that does not exist: the same plain explanation as the other error pages.
            response = Response(
                status: .notFound,
                headers: [.contentType: "text/html; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: notFoundPage))
            )
        }
        response.headers[.contentSecurityPolicy] =
            "default-src 'self'; script-src 'none'; object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.init("Referrer-Policy")!] = "same-origin"
        return response
    }
}
