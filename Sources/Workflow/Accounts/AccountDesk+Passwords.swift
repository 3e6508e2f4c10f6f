import Foundation
import Records
import Storage

/// A link that cannot be used (already used, expired or replaced, unknown); nothing was written.
public struct UnusableLink: Error, Sendable, Equatable {
    public let state: AccountLinkState
}

/// What the answer to a forgotten-password request is.
public enum ResetAnswer: Sendable {
    /// The same sentence for everyone; a link to send when an active account matched.
    case answered(IssuedLink?)
    /// Too many requests from this client address: the answer says to wait.
    case throttled
}

/// Choosing a password through a link, forgotten passwords, and one's own password and sessions.
extension AccountDesk {
    /// Reset requests allowed per email asked for, and per client address, within `resetWindow`.
    public static let maxResetsPerEmail = 3
    public static let maxResetsPerClient = 10
    public static let resetWindow: TimeInterval = 3600
    /// Wrong current passwords allowed when changing one's password, within `passwordWindow`.
    public static let maxPasswordFailures = 5
    public static let passwordWindow: TimeInterval = 15 * 60

    /// What a link opened in a browser is worth.
    public func linkState(_ token: String, _ purpose: AccountLinkPurpose) throws -> AccountLinkState {
        guard LinkToken.isWellFormed(token) else { return .unknown }
        return try node.accountLinks.state(tokenHash: LinkToken.hash(token), purpose: purpose, now: now)
    }

    /// Sets the password chosen through an activation or reset link, which is used up; the
    /// account is active and every session it had is over. Returns the account, to sign it in.
    public func choosePassword(
        token: String,
        _ purpose: AccountLinkPurpose,
        password: String,
        confirmation: String,
        address: String?
    ) throws -> Account {
        let state = try linkState(token, purpose)
        guard case .valid = state else { throw UnusableLink(state: state) }
        try checkNewPassword(password, confirmation: confirmation)
        let hash = PasswordPolicy.hash(password, cost: bcryptCost)
        // Claimed here, in one transaction with the new password: of two submissions, one wins.
        let redeemed = try node.accountLinks.redeem(tokenHash: LinkToken.hash(token), purpose: purpose, passwordHash: hash, now: now)
        guard case .valid(let account) = redeemed else { throw UnusableLink(state: redeemed) }
        try node.accounts.clearLoginFailures(key: Self.passwordKey(account.id))
        let action: AuditAction = purpose == .activation ? .accountActivated : .passwordReset
        try audit(AuditSource(account: account, address: address), action, account.email)
        return account
    }

    /// A forgotten password. The same work is done whatever the address: a token is made, the
    /// account looked up, one write made (the request counted, and the link when an active
    /// account matches), so neither the answer nor its time tells whether an account exists.
    public func requestReset(email: String, clientAddress: String) throws -> ResetAnswer {
        let email = email.trimmingCharacters(in: .whitespaces).lowercased()
        let clientKey = "reset-client:\(clientAddress)"
        // The address asked for is kept hashed: unknown addresses are not collected.
        let emailKey = "reset-email:\(Digest.sha256Hex(Array(email.utf8)))"
        let since = now.addingTimeInterval(-Self.resetWindow)
        let token = LinkToken.random()
        let account = try node.accounts.account(email: email)
        let clientOver = try node.accounts.loginFailures(key: clientKey, since: since) >= Self.maxResetsPerClient
        let emailOver = try node.accounts.loginFailures(key: emailKey, since: since) >= Self.maxResetsPerEmail
        guard let account, account.isActive, !clientOver, !emailOver else {
            try node.accounts.recordLoginFailure(keys: [clientKey, emailKey], now: now)
            return clientOver ? .throttled : .answered(nil)
        }
        return .answered(try issueReset(account, counting: [clientKey, emailKey], token: token))
    }

    /// Changes one's own password: the current one is asked for; one's other sessions end.
    public func changePassword(
        _ account: Account,
        current: String,
        new password: String,
        confirmation: String,
        keeping tokenHash: String,
        address: String?
    ) throws {
        let key = Self.passwordKey(account.id)
        guard try node.accounts.loginFailures(key: key, since: now.addingTimeInterval(-Self.passwordWindow)) < Self.maxPasswordFailures else {
            throw Refusal("Trop d'essais avec un mot de passe actuel erroné : pour protéger le compte, réessayez dans 15 minutes.")
        }
        let stored = try existing(account.id)
        guard !current.isEmpty, PasswordPolicy.verify(current, hash: stored.passwordHash) else {
            try node.accounts.recordLoginFailure(keys: [key], now: now)
            throw AccountFormError(["current": current.isEmpty ? "champ obligatoire." : "ce n'est pas votre mot de passe actuel."])
        }
        try checkNewPassword(password, confirmation: confirmation)
        if password == current { throw AccountFormError(["password": "c'est votre mot de passe actuel : choisissez-en un autre."]) }
        try node.accounts.setPassword(account: account.id, hash: PasswordPolicy.hash(password, cost: bcryptCost), keeping: tokenHash)
        try node.accounts.clearLoginFailures(key: key)
        try audit(AuditSource(account: account, address: address), .passwordChanged, account.email)
    }

    /// Signs the account out everywhere but here; returns how many sessions ended.
    @discardableResult
    public func endOtherSessions(_ account: Account, keeping tokenHash: String, address: String?) throws -> Int {
        let ended = try node.accounts.deleteSessions(account: account.id, keeping: tokenHash, now: now)
        // Logged when it did something: a person who fears for their account looks for it.
        if ended > 0 { try audit(AuditSource(account: account, address: address), .sessionsEnded, "\(account.email) (\(ended))") }
        return ended
    }

    /// The policy, and the same password typed twice.
    func checkNewPassword(_ password: String, confirmation: String) throws {
        if let problem = PasswordPolicy.problem(password) { throw AccountFormError(["password": problem]) }
        if confirmation != password {
            throw AccountFormError(["confirmation": confirmation.isEmpty ? "champ obligatoire." : "les deux mots de passe saisis sont différents."])
        }
    }

    static func passwordKey(_ account: Int64) -> String { "password-change:\(account)" }
}
