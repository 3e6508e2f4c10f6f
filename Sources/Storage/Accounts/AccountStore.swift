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

/// Where an account stands in its life: invited (no password yet), active, or deactivated.
public enum AccountStatus: Sendable, Equatable {
    case invited
    case active
    case deactivated
}

public struct Account: Sendable, Equatable {
    public let id: Int64
    public let email: String
    public let name: String
    public let role: Role
    /// bcrypt; empty while the account waits for its owner to choose a password.
    public let passwordHash: String
    public let disabled: Bool
    /// Invited, and the activation link not used yet.
    public let pending: Bool

    public var status: AccountStatus { disabled ? .deactivated : pending ? .invited : .active }
    /// Only active accounts sign in, receive notifications and count as administrators.
    public var isActive: Bool { status == .active }
}

/// A change an administrator makes to an account.
public enum AccountChange: Sendable, Equatable {
    case role(Role)
    /// Ends its sessions and withdraws its unused links at once.
    case deactivate
    case reactivate
}

public enum AccountStoreError: Error, Sendable, Equatable {
    case notFound
    /// An account already has this email.
    case emailTaken
    /// The change would leave the node without an active administrator.
    case lastAdmin
}

/// Accounts, sessions and login throttling: local data of the node (never synced).
public struct AccountStore: Sendable {
    let database: NodeDatabase

    public init(database: NodeDatabase) { self.database = database }

    var pool: DatabasePool { database.pool }

    /// An account that signs in at once (the command line's `vmvp user add`, the demo).
    public func add(email: String, name: String, role: Role, passwordHash: String, now: Date = Date()) throws -> Account {
        try insert(email: email, name: name, role: role, passwordHash: passwordHash, pending: false, now: now)
    }

    /// An invited account: no password until its owner opens the activation link.
    public func invite(email: String, name: String, role: Role, now: Date = Date()) throws -> Account {
        try insert(email: email, name: name, role: role, passwordHash: "", pending: true, now: now)
    }

    func insert(email: String, name: String, role: Role, passwordHash: String, pending: Bool, now: Date) throws -> Account {
        try pool.write { db in
            // Two administrators inviting one address at once: the second learns it is taken.
            guard try Self.account(email: email, db) == nil else { throw AccountStoreError.emailTaken }
            try db.execute(
                sql: "INSERT INTO accounts (email, name, role, password_hash, created, pending) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [email, name, role.rawValue, passwordHash, Timestamp(now).description, pending]
            )
            return Account(
                id: db.lastInsertedRowID,
                email: email,
                name: name,
                role: role,
                passwordHash: passwordHash,
                disabled: false,
                pending: pending
            )
        }
    }

    public func account(email: String) throws -> Account? {
        try pool.read { db in try Self.account(email: email, db) }
    }

    static func account(email: String, _ db: Database) throws -> Account? {
        try Row.fetchOne(db, sql: "SELECT * FROM accounts WHERE email = ?", arguments: [email]).map(Self.account)
    }

    public func account(id: Int64) throws -> Account? {
        try pool.read { db in try Self.account(id: id, db) }
    }

    static func account(id: Int64, _ db: Database) throws -> Account? {
        try Row.fetchOne(db, sql: "SELECT * FROM accounts WHERE id = ?", arguments: [id]).map(Self.account)
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
            disabled: row["disabled"] as Bool,
            pending: row["pending"] as Bool
        )
    }

    static func activeAdmins(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM accounts WHERE role = 'admin' AND disabled = 0 AND pending = 0") ?? 0
    }

    /// Applies `change` in one transaction, refused if it would leave the node without an active
    /// administrator (two administrators demoting each other at once cannot both succeed).
    public func apply(_ change: AccountChange, to id: Int64, now: Date = Date()) throws -> (before: Account, after: Account) {
        try pool.write { db in
            guard let before = try Self.account(id: id, db) else { throw AccountStoreError.notFound }
            let adminsBefore = try Self.activeAdmins(db)
            switch change {
            case .role(let role):
                try db.execute(sql: "UPDATE accounts SET role = ? WHERE id = ?", arguments: [role.rawValue, id])
            case .deactivate:
                try db.execute(sql: "UPDATE accounts SET disabled = 1 WHERE id = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM sessions WHERE account = ?", arguments: [id])
                try AccountLinks.withdraw(account: id, purpose: nil, now: now, db)
            case .reactivate:
                try db.execute(sql: "UPDATE accounts SET disabled = 0 WHERE id = ?", arguments: [id])
                // Reactivated by a person: the retention clock starts again.
                try noteActive(account: id, now: now, db)
            }
            // Thrown inside the transaction, so nothing of the change is kept.
            if adminsBefore > 0, try Self.activeAdmins(db) == 0 { throw AccountStoreError.lastAdmin }
            guard let after = try Self.account(id: id, db) else { throw AccountStoreError.notFound }
            return (before, after)
        }
    }

    /// A new password chosen by the account's owner; their sessions end, except `keeping`.
    public func setPassword(account: Int64, hash: String, keeping tokenHash: String?) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE accounts SET password_hash = ? WHERE id = ?", arguments: [hash, account])
            try db.execute(sql: "DELETE FROM sessions WHERE account = ? AND token_hash IS NOT ?", arguments: [account, tokenHash])
        }
    }
}
