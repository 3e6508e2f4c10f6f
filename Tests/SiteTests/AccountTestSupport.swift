import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import NetworkSupport
import Testing

@testable import Records
@testable import Site
@testable import Storage
@testable import Workflow

/// A page of a form for people not signed in: its CSRF cookie, its token and its form token.
struct AnonymousPage {
    let response: TestResponse
    let cookie: String
    let csrf: String
    let formToken: String

    static func open(_ client: any TestClientProtocol, _ uri: String, cookie: String? = nil) async throws -> AnonymousPage {
        let response = try await client.execute(uri: uri, method: .get, headers: cookie.map { [.cookie: $0] } ?? [:])
        let value = Browser.cookieValue(response, "vmvp_login") ?? ""
        return AnonymousPage(
            response: response,
            cookie: "vmvp_login=\(value)",
            csrf: Browser.csrfField(response.html) ?? "",
            formToken: Browser.field("formToken", response.html) ?? ""
        )
    }

    /// Sends the page's form (the same form token each time: a second call is a replay).
    func send(
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
            body: ByteBuffer(string: Browser.form([("csrf", csrf ?? self.csrf), ("formToken", formToken ?? self.formToken)] + pairs))
        )
    }
}

extension Browser {
    /// The value of the first hidden field `name` of a page.
    static func field(_ name: String, _ html: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    /// A browser signed in by the session cookie a response set.
    static func signedIn(by response: TestResponse, _ client: any TestClientProtocol) async throws -> Browser? {
        guard let session = cookieValue(response, "vmvp_session"), !session.isEmpty else { return nil }
        let home = try await client.execute(uri: "/mon-compte", method: .get, headers: [.cookie: "vmvp_session=\(session)"])
        return Browser(cookie: "vmvp_session=\(session)", csrf: csrfField(home.html) ?? "")
    }
}

extension SiteFixture {
    /// What account acts write: accounts, audit entries, links, sessions, and each account's state.
    func accountFootprint() throws -> [String] {
        try node.database.pool.read { db in
            let counts = try ["accounts", "audit_log", "account_links", "sessions"].map { table in
                "\(table)=\(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0)"
            }
            let states = try Row.fetchAll(db, sql: "SELECT email, role, disabled, pending, password_hash FROM accounts ORDER BY id").map { row in
                "\(row["email"] as String):\(row["role"] as String):\(row["disabled"] as Bool):\(row["pending"] as Bool):\(row["password_hash"] as String)"
            }
            return counts + states
        }
    }

    func account(_ email: String) throws -> Account { try #require(try node.accounts.account(email: email)) }

    /// The path of the first link to this site in `text` (an email, a page).
    static func linkPath(in text: String, _ kind: String) throws -> String {
        let start = try #require(text.range(of: "\(siteURL)/\(kind)/"))
        let token = text[start.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        return "/\(kind)/\(token)"
    }
}

extension StandInSendmail {
    /// The messages once `count` have arrived (reset mails leave apart from the answer).
    func waitFor(_ count: Int) async throws -> [String] {
        for _ in 0..<100 where messages.count < count { try await Task.sleep(for: .milliseconds(20)) }
        return messages
    }

    var notifier: SendmailNotifier { SendmailNotifier(command: "\(script.path) -t -i", from: "vmvp@college.example") }
}
