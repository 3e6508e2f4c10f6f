import Foundation
import GRDB
import Records

/// What a person may do on a node's site.
public enum Role: String, Sendable, CaseIterable, Comparable {
    /// MDA staff on the hub; the node's administrator on a node.
    case admin
    /// The structure's resource person: publishes offers, answers requests, signs for the structure.
    case referent
    /// Browses, writes discovery requests, asks for immersions.
    case professionnel

    public var label: String {
        switch self {
        case .admin: "administrateur"
        case .referent: "référent de la structure"
        case .professionnel: "professionnel"
        }
    }

    var rank: Int { self == .admin ? 2 : self == .referent ? 1 : 0 }
    public static func < (a: Role, b: Role) -> Bool { a.rank < b.rank }
}

public struct Account: Sendable, Equatable {
    public let id: Int64
    public let email: String
    public let name: String
    public let role: Role
    public let passwordHash: String
    public let disabled: Bool
}

public struct Session: Sendable, Equatable {
    public let account: Account
    public let csrfToken: String
    public let expires: Timestamp

    public init(account: Account, csrfToken: String, expires: Timestamp) {
        self.account = account
        self.csrfToken = csrfToken
        self.expires = expires
    }
}

/// Accounts, sessions and login throttling: local data of the node (never synced).
public struct AccountStore: Sendable {
    let database: NodeDatabase

    public init(database: NodeDatabase) { self.database = database }

    var pool: DatabasePool { database.pool }

    public func add(email: String, name: String, role: Role, passwordHash: String, now: Date = Date()) throws -> Account {
        try pool.write { db in
            try db.execute(
                sql: "INSERT INTO accounts (email, name, role, password_hash, created) VALUES (?, ?, ?, ?, ?)",
                arguments: [email, name, role.rawValue, passwordHash, Timestamp(now).description]
            )
            return Account(id: db.lastInsertedRowID, email: email, name: name, role: role, passwordHash: passwordHash, disabled: false)
        }
    }

    public func account(email: String) throws -> Account? {
        try pool.read { db in try Row.fetchOne(db, sql: "SELECT * FROM accounts WHERE email = ?", arguments: [email]).map(Self.account) }
    }

    public func all() throws -> [Account] {
        try pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM accounts ORDER BY name").map(Self.account) }
    }

    static func account(_ row: Row) -> Account {
        Account(
            id: row["id"],
            email: row["email"],
            name: row["name"],
            role: Role(rawValue: row["role"]) ?? .professionnel,
            passwordHash: row["password_hash"],
            disabled: row["disabled"] as Bool
        )
    }

    public func createSession(account: Int64, tokenHash: String, csrf: String, lifetime: TimeInterval, now: Date = Date()) throws {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM sessions WHERE expires < ?", arguments: [Timestamp(now).description])
            try db.execute(
                sql: "INSERT INTO sessions (token_hash, account, csrf, created, expires) VALUES (?, ?, ?, ?, ?)",
                arguments: [tokenHash, account, csrf, Timestamp(now).description, Timestamp(now.addingTimeInterval(lifetime)).description]
            )
        }
    }

    /// The live session for a token hash; expired sessions and disabled accounts give nil.
    public func session(tokenHash: String, now: Date = Date()) throws -> Session? {
        try pool.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT a.*, s.csrf, s.expires FROM sessions s JOIN accounts a ON a.id = s.account
                        WHERE s.token_hash = ? AND s.expires > ? AND a.disabled = 0
                        """,
                    arguments: [tokenHash, Timestamp(now).description]
                )
            else { return nil }
            return Session(account: Self.account(row), csrfToken: row["csrf"], expires: Timestamp(row["expires"]) ?? Timestamp(now))
        }
    }

    public func deleteSession(tokenHash: String) throws {
        try pool.write { db in try db.execute(sql: "DELETE FROM sessions WHERE token_hash = ?", arguments: [tokenHash]) }
    }

    public func recordLoginFailure(keys: [String], now: Date = Date()) throws {
        try pool.write { db in
            for key in keys {
                try db.execute(sql: "INSERT INTO login_failures (key, at) VALUES (?, ?)", arguments: [key, Timestamp(now).description])
            }
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
