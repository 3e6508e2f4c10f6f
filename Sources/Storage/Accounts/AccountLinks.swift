import Foundation
import GRDB
import Records

/// What a single-use link is for.
public enum AccountLinkPurpose: String, Sendable {
    /// An invited person chooses their first password.
    case activation
    /// A person who forgot their password chooses a new one.
    case reset
}

/// What a link is worth when someone opens it.
public enum AccountLinkState: Sendable, Equatable {
    /// Usable, by this account.
    case valid(Account)
    case used
    /// Past its time, replaced by a newer link, or its account deactivated.
    case expired
    case unknown
}

/// Single-use links sent to people (activation of an invited account, password reset): local
/// data of the node. Only a hash of each token is kept; a token is claimed at most once.
public struct AccountLinks: Sendable {
    let database: NodeDatabase

    public init(database: NodeDatabase) { self.database = database }

    /// How long a used or expired link is remembered, to tell "already used" from "unknown".
    public static let retention: TimeInterval = 30 * 86_400

    /// Records a new link; the account's earlier unused links for the same purpose stop working.
    /// `countingAttempts`: throttling keys counted in the same transaction (a reset request does
    /// one write whether or not an account matches).
    public func issue(
        tokenHash: String,
        account: Int64,
        purpose: AccountLinkPurpose,
        lifetime: TimeInterval,
        countingAttempts keys: [String] = [],
        now: Date = Date()
    ) throws {
        try database.pool.write { db in
            try AccountStore.count(keys, now: now, db)
            try db.execute(
                sql: "DELETE FROM account_links WHERE expires < ?",
                arguments: [Timestamp(now.addingTimeInterval(-Self.retention)).description]
            )
            try Self.withdraw(account: account, purpose: purpose, now: now, db)
            try db.execute(
                sql: "INSERT INTO account_links (token_hash, account, purpose, created, expires) VALUES (?, ?, ?, ?, ?)",
                arguments: [
                    tokenHash, account, purpose.rawValue, Timestamp(now).description, Timestamp(now.addingTimeInterval(lifetime)).description,
                ]
            )
        }
    }

    /// Makes an account's unused links (of one purpose, or all) expire now.
    static func withdraw(account: Int64, purpose: AccountLinkPurpose?, now: Date, _ db: Database) throws {
        try db.execute(
            sql: "UPDATE account_links SET expires = ? WHERE account = ? AND used IS NULL AND expires > ? AND (? IS NULL OR purpose = ?)",
            arguments: [Timestamp(now).description, account, Timestamp(now).description, purpose?.rawValue, purpose?.rawValue]
        )
    }

    public func state(tokenHash: String, purpose: AccountLinkPurpose, now: Date = Date()) throws -> AccountLinkState {
        try database.pool.read { db in try Self.state(tokenHash: tokenHash, purpose: purpose, now: now, db) }
    }

    static func state(tokenHash: String, purpose: AccountLinkPurpose, now: Date, _ db: Database) throws -> AccountLinkState {
        guard
            let row = try Row.fetchOne(
                db,
                sql: "SELECT account, expires, used FROM account_links WHERE token_hash = ? AND purpose = ?",
                arguments: [tokenHash, purpose.rawValue]
            )
        else { return .unknown }
        if (row["used"] as String?) != nil { return .used }
        guard let expires = Timestamp(row["expires"] as String), Timestamp(now) < expires,
            let account = try AccountStore.account(id: row["account"], db), !account.disabled,
            account.pending == (purpose == .activation)
        else { return .expired }
        return .valid(account)
    }

    /// Claims the link and sets the account's password in one transaction: of two submissions
    /// with one link, one succeeds. The account becomes active and every session it had ends.
    /// Returns `.valid` with the updated account, or why the link cannot be used.
    public func redeem(tokenHash: String, purpose: AccountLinkPurpose, passwordHash: String, now: Date = Date()) throws -> AccountLinkState {
        try database.pool.write { db in
            guard case .valid(let account) = try Self.state(tokenHash: tokenHash, purpose: purpose, now: now, db) else {
                return try Self.state(tokenHash: tokenHash, purpose: purpose, now: now, db)
            }
            try db.execute(
                sql: "UPDATE account_links SET used = ? WHERE token_hash = ? AND used IS NULL",
                arguments: [Timestamp(now).description, tokenHash]
            )
            guard db.changesCount == 1 else { return .used }
            try db.execute(sql: "UPDATE accounts SET password_hash = ?, pending = 0 WHERE id = ?", arguments: [passwordHash, account.id])
            try db.execute(sql: "DELETE FROM sessions WHERE account = ?", arguments: [account.id])
            try Self.withdraw(account: account.id, purpose: nil, now: now, db)
            return .valid(try AccountStore.account(id: account.id, db) ?? account)
        }
    }
}
