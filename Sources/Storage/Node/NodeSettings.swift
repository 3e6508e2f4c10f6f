import Foundation
import GRDB

/// The name of one of a node's settings (its identity, its hub, its sync progress).
public struct SettingKey: RawRepresentable, Sendable, Hashable {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let structureID = SettingKey(rawValue: "structure_id")
    public static let role = SettingKey(rawValue: "role")
    public static let signingKey = SettingKey(rawValue: "signing_public_key")
    /// Changes when the database is restored: nodes of a restored hub read its feed again.
    public static let epoch = SettingKey(rawValue: "epoch")
    public static let hubStructureID = SettingKey(rawValue: "hub_structure_id")
    public static let hubSigningKey = SettingKey(rawValue: "hub_signing_key")
    /// Set when the database was restored from a backup: no new record may be written
    /// until our own records have been pulled back from the hub (no fork of our own chain).
    public static let recoveryPending = SettingKey(rawValue: "recovery_pending")
    public static let hubURL = SettingKey(rawValue: "hub_url")
    public static let pullCursor = SettingKey(rawValue: "pull_cursor")
    public static let pullEpoch = SettingKey(rawValue: "pull_epoch")
    public static let hubHeadSeq = SettingKey(rawValue: "hub_head_seq")
    public static let lastSyncSuccess = SettingKey(rawValue: "sync_last_success")
    public static let lastSyncAttempt = SettingKey(rawValue: "sync_last_attempt")
    public static let lastSyncError = SettingKey(rawValue: "sync_last_error")
    public static let lastSyncRejections = SettingKey(rawValue: "sync_last_rejections")
}

/// A node's settings, kept in its database (the `meta` table) so that a backup carries them.
public struct NodeSettings: Sendable {
    let database: NodeDatabase

    public init(database: NodeDatabase) { self.database = database }

    public subscript(_ key: SettingKey) -> String? {
        get throws {
            guard key == .epoch else { return try database.pool.read { db in try Self.value(key, db) } }
            let cached = database.epoch.withLock { $0 }
            if case .some(let value) = cached.value { return value }
            let value = try database.pool.read { db in try Self.value(key, db) }
            database.epoch.withLock { if $0.generation == cached.generation { $0.value = .some(value) } }
            return value
        }
    }

    public func set(_ key: SettingKey, _ value: String) throws {
        try database.pool.write { db in try Self.write(key, value, db) }
        forgetCached(key)
    }

    /// Sets `key` to `value` only if it still holds `expected` (nil: absent), in one
    /// transaction: false when another writer moved it meanwhile, and nothing is written.
    public func set(_ key: SettingKey, _ value: String, ifStill expected: String?) throws -> Bool {
        let written = try database.pool.write { db in
            guard try Self.value(key, db) == expected else { return false }
            try Self.write(key, value, db)
            return true
        }
        if written { forgetCached(key) }
        return written
    }

    /// After the commit: a read that began before it must not cache what it replaced.
    private func forgetCached(_ key: SettingKey) {
        if key == .epoch { database.epoch.withLock { $0 = CachedSetting(generation: $0.generation + 1) } }
    }

    static func write(_ key: SettingKey, _ value: String, _ db: Database) throws {
        try db.execute(
            sql: "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            arguments: [key.rawValue, value]
        )
    }

    static func value(_ key: SettingKey, _ db: Database) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM meta WHERE key = ?"), arguments: [key.rawValue])
    }
}

/// What a node is in the network: the MDA's hub, or a partner structure's node.
public enum NodeRole: String, Sendable {
    case hub
    case node
}
