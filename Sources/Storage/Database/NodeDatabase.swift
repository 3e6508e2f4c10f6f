import Foundation
import GRDB
import Synchronization

/// A node's SQLite file, opened once and shared by the stores that each own a part of it
/// (the record log, accounts, the member directory, the hub's tables, notifications, settings).
/// Nothing outside Storage sees SQLite: the stores' public API speaks in records and values.
public final class NodeDatabase: Sendable {
    public let path: String
    let pool: DatabasePool
    /// The keys every push is verified with, kept while the member directory does not change
    /// (`RecordStore.trustedKeys`): loading them for each push cost the hub of 1,000 members
    /// an eighth of its CPU.
    let trustedKeys = Mutex<(fingerprint: TrustedKeys.Fingerprint, keys: TrustedKeys)?>(nil)
    /// The epoch, read once: the hub sends it with every answer, and it changes only through
    /// `NodeSettings.set` on this database (a restore, node stopped, opens a new one).
    let epoch = Mutex(CachedSetting())

    /// `maxPages` caps the file's size (SQLite's `max_page_count`): tests use it to meet a full disk.
    /// `pageSize`: SQLite's page size for a new file (an existing one keeps its own).
    /// A partner node's database takes `nodePageSize`, the hub's SQLite's default.
    public init(path: String, maxPages: Int? = nil, pageSize: Int = 4_096) throws {
        self.path = path
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            // WAL (set by DatabasePool) + FULL: a commit survives power loss before we acknowledge it.
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA page_size = \(pageSize)")
            // Deleted personal data is overwritten with zeros, not left in free pages.
            try db.execute(sql: "PRAGMA secure_delete = ON")
            if let maxPages { try db.execute(sql: "PRAGMA max_page_count = \(maxPages)") }
        }
        do {
            pool = try DatabasePool(path: path, configuration: config)
            // A database from a newer version is left as it is: its tables may mean what this
            // version does not know.
            let known = Set(Schema.migrator.migrations)
            let applied = try pool.read { db in try Schema.migrator.appliedIdentifiers(db) }
            let unknown = applied.subtracting(known).sorted()
            if !unknown.isEmpty { throw StoreError.newerDatabase(unknown) }
            try Schema.migrator.migrate(pool)
        } catch let error as StoreError {
            throw error
        } catch {
            guard let failure = StorageFailure(error) else { throw error }
            throw failure.refined(at: (path as NSString).deletingLastPathComponent)
        }
    }

    /// 16 KiB, not SQLite's 4: SQLite writes the WAL a page at a time, and a node's initial pull
    /// writes each record's log entry, current state and search index; fewer, larger pages cut
    /// those writes by four (the pull went from about 3,800 to 5,800 records/s; 32 KiB did worse).
    /// Not for the hub: its many small commits and page reads for a thousand long-polls did
    /// worse with them (docs/benchmark.md).
    public static let nodePageSize = 16_384

    /// SQLite's page size for this file, in bytes.
    func pageSize() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0 }
    }

    /// Proves the database takes writes, by writing. SQLite opens a file it cannot write
    /// read-only without a word, and a connection opened so stays read-only after the disk
    /// is writable again: `serve` checks this before it starts rather than fail for good.
    public func checkWritable(now: Date = Date()) throws(StorageFailure) {
        do {
            try pool.write { db in
                try db.execute(
                    sql: "INSERT OR REPLACE INTO meta(key, value) VALUES ('write_check', ?)",
                    arguments: [now.timeIntervalSince1970.description]
                )
            }
        } catch {
            throw (StorageFailure(error) ?? .inputOutput).refined(at: (path as NSString).deletingLastPathComponent)
        }
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

/// One setting kept in memory. A write moves `generation`, so a read that started before it
/// never caches the value it replaced.
struct CachedSetting: Sendable {
    var generation: UInt64 = 0
    var value: String?? = .none
}
