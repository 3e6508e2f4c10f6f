import Foundation
import GRDB
import Records

/// How long the node keeps its local account data (RGPD article 5.1.e, storage limitation).
/// The values are stated and justified on the "Données personnelles" page.
public struct AccountRetentionPolicy: Sendable, Equatable {
    /// An account nobody has signed in to for this long is deactivated.
    public var deactivateUnusedAfter: TimeInterval
    /// Deactivated that long ago by this rule (and still unused), it is deleted: the grace
    /// period lets an administrator reactivate a person who is only away.
    public var deleteDeactivatedAfter: TimeInterval
    /// Throttling traces of failed sign-ins, and spent or expired single-use links.
    public var traceLifetime: TimeInterval
    /// Entries of the administration log (who did what, from which address).
    public var auditLifetime: TimeInterval

    public static let days: TimeInterval = 86_400
    /// 2 years unused, then 3 months of grace; traces kept 30 days; the administration log
    /// 1 year (the CNIL's guidance for access logs: long enough to look into an incident).
    public static let standard = AccountRetentionPolicy(
        deactivateUnusedAfter: 730 * days,
        deleteDeactivatedAfter: 90 * days,
        traceLifetime: 30 * days,
        auditLifetime: 365 * days
    )

    public init(deactivateUnusedAfter: TimeInterval, deleteDeactivatedAfter: TimeInterval, traceLifetime: TimeInterval, auditLifetime: TimeInterval) {
        self.deactivateUnusedAfter = deactivateUnusedAfter
        self.deleteDeactivatedAfter = deleteDeactivatedAfter
        self.traceLifetime = traceLifetime
        self.auditLifetime = auditLifetime
    }
}

/// What one pass of the retention job does (or, previewed, would do).
public struct AccountPurge: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public let id: Int64
        public let email: String
        public let name: String
        /// Last sign-in, or creation for an account never used.
        public let lastActive: Timestamp
    }

    public var deactivated: [Entry] = []
    public var deleted: [Entry] = []
    /// Unused for long enough, but the node's last active administrator: kept, and said so.
    public var keptLastAdmin: [Entry] = []
    public var expiredSessions = 0
    public var spentLinks = 0
    public var loginFailures = 0
    public var auditEntries = 0

    public init() {}

    public var isEmpty: Bool {
        deactivated.isEmpty && deleted.isEmpty && expiredSessions == 0 && spentLinks == 0 && loginFailures == 0 && auditEntries == 0
    }
}

extension AccountStore {
    /// What the retention job would do at `now`, without changing anything.
    public func purgePreview(policy: AccountRetentionPolicy = .standard, now: Date = Date()) throws -> AccountPurge {
        try pool.read { db in try Self.plan(policy: policy, now: now, db) }
    }

    /// Applies the retention policy in one transaction, then makes the deleted bytes unreadable:
    /// SQLite's secure_delete (set on every connection) zeroes freed space, and a truncating
    /// checkpoint empties the write-ahead log, which still holds the old pages.
    @discardableResult
    public func purge(policy: AccountRetentionPolicy = .standard, now: Date = Date()) throws -> AccountPurge {
        let done = try pool.write { db in
            let plan = try Self.plan(policy: policy, now: now, db)
            let stamp = Timestamp(now).description
            for entry in plan.deactivated {
                try db.execute(sql: "UPDATE accounts SET disabled = 1, retired_at = ? WHERE id = ?", arguments: [stamp, entry.id])
                try db.execute(sql: "DELETE FROM sessions WHERE account = ?", arguments: [entry.id])
                try AccountLinks.withdraw(account: entry.id, purpose: nil, now: now, db)
            }
            // Sessions and links go with the account (ON DELETE CASCADE).
            for entry in plan.deleted { try db.execute(sql: "DELETE FROM accounts WHERE id = ?", arguments: [entry.id]) }
            let cutoffs = Self.cutoffs(policy: policy, now: now)
            try db.execute(sql: "DELETE FROM sessions WHERE expires < ?", arguments: [stamp])
            try db.execute(sql: "DELETE FROM account_links WHERE expires < ? OR used < ?", arguments: [cutoffs.traces, cutoffs.traces])
            try db.execute(sql: "DELETE FROM login_failures WHERE at < ?", arguments: [cutoffs.traces])
            try db.execute(sql: "DELETE FROM audit_log WHERE at < ?", arguments: [cutoffs.audit])
            return plan
        }
        if !done.isEmpty { try database.eraseFreedBytes() }
        return done
    }

    /// Records a sign-in, which is what "used" means for the retention policy.
    func noteActive(account: Int64, now: Date, _ db: Database) throws {
        try db.execute(sql: "UPDATE accounts SET last_active = ?, retired_at = NULL WHERE id = ?", arguments: [Timestamp(now).description, account])
    }

    static func cutoffs(policy: AccountRetentionPolicy, now: Date) -> (unused: String, retired: String, traces: String, audit: String) {
        (
            Timestamp(now.addingTimeInterval(-policy.deactivateUnusedAfter)).description,
            Timestamp(now.addingTimeInterval(-policy.deleteDeactivatedAfter)).description,
            Timestamp(now.addingTimeInterval(-policy.traceLifetime)).description,
            Timestamp(now.addingTimeInterval(-policy.auditLifetime)).description
        )
    }

    static func plan(policy: AccountRetentionPolicy, now: Date, _ db: Database) throws -> AccountPurge {
        let cutoffs = cutoffs(policy: policy, now: now)
        let stamp = Timestamp(now).description
        var purge = AccountPurge()
        func entry(_ row: Row) -> AccountPurge.Entry {
            let lastActive: String = row["last_active"] ?? row["created"]
            return AccountPurge.Entry(id: row["id"], email: row["email"], name: row["name"], lastActive: Timestamp(lastActive) ?? Timestamp(now))
        }
        // Deleted: retired by this rule long enough ago, and not signed in since.
        purge.deleted = try Row.fetchAll(
            db,
            sql:
                "SELECT * FROM accounts WHERE disabled = 1 AND retired_at IS NOT NULL AND retired_at < ? AND coalesce(last_active, created) < ? ORDER BY id",
            arguments: [cutoffs.retired, cutoffs.unused]
        ).map(entry)
        var activeAdmins = try activeAdmins(db)
        for row in try Row.fetchAll(
            db,
            sql: "SELECT * FROM accounts WHERE disabled = 0 AND coalesce(last_active, created) < ? ORDER BY id",
            arguments: [cutoffs.unused]
        ) {
            let account = account(row)
            // A node with no administrator left could not be administered from its site.
            if account.role == .admin && account.isActive {
                if activeAdmins <= 1 {
                    purge.keptLastAdmin.append(entry(row))
                    continue
                }
                activeAdmins -= 1
            }
            purge.deactivated.append(entry(row))
        }
        let deletedIDs = purge.deleted.map(\.id)
        let notDeleted = deletedIDs.isEmpty ? "" : " AND account NOT IN (\(deletedIDs.map(String.init).joined(separator: ",")))"
        purge.expiredSessions = try Int.fetchOne(db, sql: "SELECT count(*) FROM sessions WHERE expires < ?" + notDeleted, arguments: [stamp]) ?? 0
        purge.spentLinks =
            try Int.fetchOne(
                db,
                sql: "SELECT count(*) FROM account_links WHERE (expires < ? OR used < ?)" + notDeleted,
                arguments: [cutoffs.traces, cutoffs.traces]
            ) ?? 0
        purge.loginFailures = try Int.fetchOne(db, sql: "SELECT count(*) FROM login_failures WHERE at < ?", arguments: [cutoffs.traces]) ?? 0
        purge.auditEntries = try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_log WHERE at < ?", arguments: [cutoffs.audit]) ?? 0
        return purge
    }
}

extension NodeDatabase {
    /// After a deletion of personal data: the write-ahead log still holds the pages as they
    /// were; a truncating checkpoint copies the current pages back and empties it.
    public func eraseFreedBytes() throws {
        try pool.writeWithoutTransaction { db in _ = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    }
}
