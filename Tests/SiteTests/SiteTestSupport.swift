import Foundation
import Hummingbird
import HummingbirdTesting
import Records
import Site
import Storage
import TestSupport
import Workflow

/// A movable clock for session expiry.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var offset: TimeInterval = 0
    func advance(_ seconds: TimeInterval) { lock.withLock { offset += seconds } }
    func now() -> Date { lock.withLock { Date().addingTimeInterval(offset) } }
}

/// A node with one account per role, and its site.
struct SiteFixture {
    let node: OpenNode
    let site: Site
    let clock = TestClock()
    static let password = "mot-de-passe-de-test"
    static let siteURL = "https://vmvp.college.example"

    /// `fullDisk`: the site runs on a database that cannot grow by a page, as on a full disk.
    /// `mail`: how the site sends invitations and reset links (none: it shows them).
    init(secure: Bool = true, fullDisk: Bool = false, mail: (any Notifier)? = nil, certificateExpiry: Date? = nil) throws {
        let root = TestPaths.temporaryDirectory("site")
        var node = try NodeDirectory.create(at: root.appendingPathComponent("node").path) { s, e in
            StructureProfile(
                name: "Collège Jean Moulin de Sète",
                sector: .educatif,
                establishments: [.init(name: "Collège", commune: "Sète")],
                signingKey: s,
                encryptionKey: e
            )
        }
        let hash = Authenticator.hashPassword(Self.password, cost: 4)
        for role in Role.allCases {
            _ = try node.accounts.add(email: "\(role.rawValue)@college.example", name: "Compte \(role.rawValue)", role: role, passwordHash: hash)
        }
        try node.store.appendBatch(GlossaryEntry.defaults, as: node.author)
        var configuration = SiteConfiguration()
        configuration.bcryptCost = 4
        configuration.secureCookies = secure
        configuration.siteURL = SiteFixture.siteURL
        configuration.mail = mail
        let clock = self.clock
        configuration.now = { clock.now() }
        configuration.certificateExpiry = { certificateExpiry }
        if fullDisk {
            node = OpenNode(
                directory: node.directory,
                database: try NodeDatabase(path: node.directory.databasePath, maxPages: 1),
                author: node.author,
                encryption: node.encryption
            )
        }
        self.node = node
        site = try Site(node: node, configuration: configuration)
    }

    func test(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = Application(router: site.router())
        try await app.test(.router) { client in try await body(client) }
    }

    func publishedOffer(_ changes: [String: JSONValue] = [:]) throws -> Envelope {
        try node.store.append(Offer.validated(Samples.offer(changes)), as: node.author)
    }
}

/// A signed-in browser: its cookie and the CSRF token of its session.
struct Browser {
    let cookie: String
    let csrf: String

    static func cookieValue(_ response: TestResponse, _ name: String) -> String? {
        for header in response.headers[values: .setCookie] where header.hasPrefix("\(name)=") {
            return String(header.dropFirst(name.count + 1).prefix { $0 != ";" })
        }
        return nil
    }

    static func csrfField(_ html: String) -> String? {
        guard let range = html.range(of: "name=\"csrf\" value=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    static func login(
        _ client: any TestClientProtocol,
        email: String,
        password: String = SiteFixture.password
    ) async throws -> (TestResponse, Browser?) {
        let page = try await client.execute(uri: "/connexion", method: .get)
        let loginCookie = cookieValue(page, "vmvp_login") ?? ""
        let token = csrfField(String(buffer: page.body)) ?? ""
        let response = try await client.execute(
            uri: "/connexion",
            method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "vmvp_login=\(loginCookie)"],
            body: ByteBuffer(string: form(["csrf": token, "email": email, "password": password]))
        )
        guard let session = cookieValue(response, "vmvp_session"), !session.isEmpty else { return (response, nil) }
        let home = try await client.execute(uri: "/", method: .get, headers: [.cookie: "vmvp_session=\(session)"])
        return (response, Browser(cookie: "vmvp_session=\(session)", csrf: csrfField(String(buffer: home.body)) ?? ""))
    }

    static func form(_ fields: [String: String]) -> String { form(fields.map { ($0.key, $0.value) }) }

    static func form(_ pairs: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return pairs.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
    }

    func get(_ client: any TestClientProtocol, _ uri: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie])
    }

    /// Sends a form as a person would from a freshly loaded page: with the session's CSRF token
    /// and a new one-time form token (pass `formToken` to replay an earlier submission).
    func post(
        _ client: any TestClientProtocol,
        _ uri: String,
        _ pairs: [(String, String)],
        csrf: String? = nil,
        formToken: String? = nil
    ) async throws -> TestResponse {
        try await client.execute(
            uri: uri,
            method: .post,
            headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: Browser.form([("csrf", csrf ?? self.csrf), ("formToken", formToken ?? Browser.newFormToken())] + pairs))
        )
    }

    static func newFormToken() -> String { UUID().uuidString }
}

/// The host-offer form filled in completely, as a person would.
func completeOfferForm(establishment: String = "Vie scolaire du collège", status: String = "published") -> [(String, String)] {
    [
        ("hostStructure", "Collège Jean Moulin de Sète"), ("establishment", establishment), ("commune", "Sète"),
        ("observableMissions", "Suivi de l'assiduité et prévention du décrochage, en lien avec l'ASE et la PJJ."),
        ("observableJobProfiles", "Conseiller principal d'éducation, assistants d'éducation."),
        ("observerProfile", "Éducateur ou soignant en exercice."), ("durationHalfDays", "4"), ("capacity", "2"),
        ("proposedContents", "Commission éducative, groupe de prévention du décrochage."),
        ("contact_name", "Marc Aubert"), ("contact_role", "CPE"), ("contact_email", "cpe@college.example"), ("contact_phone", "04 67 53 00 00"),
        ("supportingDocuments", "Règlement intérieur\nProtocole harcèlement"), ("specialConditions", "Discrétion."),
        ("expectedEffectsHost", "Mieux connaître les relais."), ("expectedEffectsVisitor", "Comprendre l'établissement."),
        ("writtenBy", "Marc Aubert"), ("writtenOn", "2026-11-20"),
        ("period_from", "2027-01-11"), ("period_to", "2027-02-05"), ("period_from", ""), ("period_to", ""),
        ("status", status),
    ]
}
