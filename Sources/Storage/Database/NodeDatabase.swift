import Foundation
import GRDB

/// A node's SQLite file, opened once and shared by the stores that each own a part of it
/// (the record log, accounts, the member directory, the hub's tables, notifications, settings).
/// Nothing outside Storage sees SQLite: the stores' public API speaks in records and values.
public final class NodeDatabase: Sendable {
    public let path: String
    let pool: DatabasePool

    public init(path: String) throws {
        self.path = path
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            // WAL (set by DatabasePool) + FULL: a commit survives power loss before we acknowledge it.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        pool = try DatabasePool(path: path, configuration: config)
        try Schema.migrator.migrate(pool)
    }

    /// A consistent copy of the database, taken with SQLite's online backup.
    public func backup(to path: String) throws {
        try SecureFiles.createPrivateFile(path)
        let destination = try DatabaseQueue(path: path)
        try pool.backup(to: destination)
    }

    /// Replaces a database with a backup (the node must be stopped).
    public static func restore(from backupPath: String, to path: String) throws {
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        try? FileManager.default.removeItem(atPath: path)
        try SecureFiles.createPrivateFile(path)
        let source = try DatabaseQueue(path: backupPath)
        let destination = try DatabaseQueue(path: path)
        try source.backup(to: destination)
    }
}
