import Foundation
import GRDB
import Records

public struct Session: Sendable, Equatable {
    public let account: Account
    public let csrfToken: String
    public let expires: Timestamp
    /// The hash of the session's cookie, so that "end my other sessions" can keep this one.
    public let tokenHash: String

    public init(account: Account, csrfToken: String, expires: Timestamp, tokenHash: String = "") {
        self.account = account
        self.csrfToken = csrfToken
        self.expires = expires
        self.tokenHash = tokenHash
    }
}

/// Sessions and throttling counters of the site's accounts.
extension AccountStore {
    public func createSession(account: Int64, tokenHash: String, csrf: String, lifetime: TimeInterval, now: Date = Date()) throws {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM sessions WHERE expires < ?", arguments: [Timestamp(now).description])
            try db.execute(
                sql: "INSERT INTO sessions (token_hash, account, csrf, created, expires) VALUES (?, ?, ?, ?, ?)",
                arguments: [tokenHash, account, csrf, Timestamp(now).description, Timestamp(now.addingTimeInterval(lifetime)).description]
            )
            try noteActive(account: account, now: now, db)
        }
    }

    /// The live session for a token hash; expired sessions and accounts that are not active give nil.
    public func session(tokenHash: String, now: Date = Date()) throws -> Session? {
        try pool.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT a.*, s.csrf, s.expires FROM sessions s JOIN accounts a ON a.id = s.account
                        WHERE s.token_hash = ? AND s.expires > ? AND a.disabled = 0 AND a.pending = 0
                        """,
                    arguments: [tokenHash, Timestamp(now).description]
                )
            else { return nil }
            return Session(
                account: Self.account(row),
                csrfToken: row["csrf"],
                expires: Timestamp(row["expires"]) ?? Timestamp(now),
                tokenHash: tokenHash
            )
        }
    }

    public func deleteSession(tokenHash: String) throws {
        try pool.write { db in try db.execute(sql: "DELETE FROM sessions WHERE token_hash = ?", arguments: [tokenHash]) }
    }

    /// How many live sessions an account has (signed in on how many browsers).
    public func sessionCount(account: Int64, now: Date = Date()) throws -> Int {
        try pool.read { db in
            try Int.fetchOne(
                db,
                sql: "SELECT COUNT(*) FROM sessions WHERE account = ? AND expires > ?",
                arguments: [account, Timestamp(now).description]
            ) ?? 0
        }
    }

    /// Ends an account's sessions, except `keeping`; returns how many ended.
    @discardableResult
    public func deleteSessions(account: Int64, keeping tokenHash: String?, now: Date = Date()) throws -> Int {
        try pool.write { db in
            try db.execute(
                sql: "DELETE FROM sessions WHERE account = ? AND token_hash IS NOT ? AND expires > ?",
                arguments: [account, tokenHash, Timestamp(now).description]
            )
            let ended = db.changesCount
            try db.execute(sql: "DELETE FROM sessions WHERE account = ? AND expires <= ?", arguments: [account, Timestamp(now).description])
            return ended
        }
    }

    // MARK: Throttling

    /// Counts an attempt under each key (failed logins, reset requests: the site names its keys).
    public func recordLoginFailure(keys: [String], now: Date = Date()) throws {
        try pool.write { db in try Self.count(keys, now: now, db) }
    }

    static func count(_ keys: [String], now: Date, _ db: Database) throws {
        guard !keys.isEmpty else { return }
        // Counters matter for an hour or so: older ones only take room.
        try db.execute(sql: "DELETE FROM login_failures WHERE at < ?", arguments: [Timestamp(now.addingTimeInterval(-86_400)).description])
        for key in keys {
            try db.execute(sql: "INSERT INTO login_failures (key, at) VALUES (?, ?)", arguments: [key, Timestamp(now).description])
        }
    }

    public func loginFailures(key: String, since: Date) throws -> Int {
        try pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM login_failures WHERE key = ? AND at > ?", arguments: [key, Timestamp(since).description])
                ?? 0
        }
    }

    public func clearLoginFailures(key: String) throws {
        try pool.write { db in try db.execute(sql: "DELETE FROM login_failures WHERE key = ?", arguments: [key]) }
    }
}
