import Crypto
import Foundation
import Records
import Storage
import Workflow

/// Settings of the site that tests and operators may change.
public struct SiteConfiguration: Sendable {
    /// How long a session lasts without signing in again.
    public var sessionLifetime: TimeInterval = 8 * 3600
    /// bcrypt cost for new passwords (12 ≈ 0.2 s on this hardware).
    public var bcryptCost: UInt8 = 12
    /// `Secure` cookies: on by default; browsers accept them on http://localhost too.
    public var secureCookies = true
    /// Failed logins allowed per account, and per address, within `failureWindow`.
    public var maxFailuresPerAccount = 5
    public var maxFailuresPerAddress = 20
    public var failureWindow: TimeInterval = 15 * 60
    /// Where the hub's "Vérifier une attestation" page is, printed on attestations (nil: named without its address).
    public var verifierURL: String?
    /// Verifications allowed per address within `verificationWindow` on the hub's public `/verifier`.
    public var maxVerificationsPerAddress = 30
    public var verificationWindow: TimeInterval = 10 * 60
    /// Hub only: the fingerprint of the network's certificate authority, which invitation codes
    /// carry (nil elsewhere, and the hub's administration pages then say they are unavailable).
    public var caFingerprint: String?
    /// Hub only: the address nodes reach the hub at, printed in installation instructions.
    public var hubURL: String?
    /// The clock (a test moves it to expire sessions).
    public var now: @Sendable () -> Date = { Date() }
    /// When the node's TLS certificate (the hub's server certificate on the hub) expires, if
    /// known: `/health` and the status page warn 30 days ahead.
    public var certificateExpiry: @Sendable () -> Date? = { nil }
    /// The site's public address, for the links of invitations and password resets (never taken
    /// from the request's Host header, which the sender of a request chooses).
    public var siteURL = "http://127.0.0.1:8080"
    /// How the site sends mail (invitations, password resets); nil when the node sends none,
    /// and the links are then shown to the administrator to hand over.
    public var mail: (any Notifier)?
    /// Behind a reverse proxy on this machine: the client's address is the last one of
    /// `X-Forwarded-For` when the connection comes from the loopback address.
    public var trustForwardedFor = false

    public init() {}
}

public enum LoginResult: Sendable {
    case success(token: String, session: Session)
    case refused
    case throttled
}

/// Passwords (bcrypt), sessions (random tokens, only their hash stored) and throttling.
public struct Authenticator: Sendable {
    let accounts: AccountStore
    let configuration: SiteConfiguration

    public init(accounts: AccountStore, configuration: SiteConfiguration) {
        self.accounts = accounts
        self.configuration = configuration
    }

    public static let cookieName = "vmvp_session"

    public static func hashPassword(_ password: String, cost: UInt8) -> String { PasswordPolicy.hash(password, cost: cost) }

    /// A random secret, URL-safe.
    public static func randomToken(bytes: Int = 32) -> String {
        let key = SymmetricKey(size: .init(bitCount: bytes * 8))
        return key.withUnsafeBytes { Base64.encode($0) }
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func tokenHash(_ token: String) -> String { Digest.sha256Hex(Array(token.utf8)) }

    /// A password new staff can type: 4 groups of 4 letters and digits.
    public static func temporaryPassword() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String((0..<4).map { _ in alphabet.randomElement(using: &generator)! }) }.joined(separator: "-")
    }

    public func login(email: String, password: String, address: String) throws -> LoginResult {
        let now = configuration.now()
        let since = now.addingTimeInterval(-configuration.failureWindow)
        let accountKey = "account:" + email.lowercased()
        let addressKey = "address:" + address
        if try accounts.loginFailures(key: accountKey, since: since) >= configuration.maxFailuresPerAccount
            || accounts.loginFailures(key: addressKey, since: since) >= configuration.maxFailuresPerAddress
        {
            return .throttled
        }
        // Unknown, invited and deactivated accounts cost a bcrypt check too and get the same
        // answer as a wrong password, so neither reveals which emails exist.
        let account = try accounts.account(email: email)
        let hash = account.flatMap { $0.isActive ? $0.passwordHash : nil } ?? Self.decoyHash
        guard PasswordPolicy.verify(password, hash: hash), let account, account.isActive else {
            try accounts.recordLoginFailure(keys: [accountKey, addressKey], now: now)
            return .refused
        }
        try accounts.clearLoginFailures(key: accountKey)
        let (token, session) = try openSession(for: account)
        return .success(token: token, session: session)
    }

    /// A new session for an account that proved who it is (a password, or a link just used).
    public func openSession(for account: Account) throws -> (token: String, session: Session) {
        let now = configuration.now()
        let token = Self.randomToken()
        let csrf = Self.randomToken()
        let tokenHash = Self.tokenHash(token)
        try accounts.createSession(account: account.id, tokenHash: tokenHash, csrf: csrf, lifetime: configuration.sessionLifetime, now: now)
        let expires = Timestamp(now.addingTimeInterval(configuration.sessionLifetime))
        return (token, Session(account: account, csrfToken: csrf, expires: expires, tokenHash: tokenHash))
    }

    static let decoyHash = PasswordPolicy.hash("decoy-password-never-used", cost: 12)

    public func session(token: String) throws -> Session? {
        try accounts.session(tokenHash: Self.tokenHash(token), now: configuration.now())
    }

    public func logout(token: String) throws {
        try accounts.deleteSession(tokenHash: Self.tokenHash(token))
    }

    /// Constant-time comparison for CSRF tokens.
    public static func sameToken(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count, !x.isEmpty else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
