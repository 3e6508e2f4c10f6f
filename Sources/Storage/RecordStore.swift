import Foundation
import GRDB
import Records

/// A node's SQLite database: the append-only envelope log and the current state
/// derived from it. Every write is one transaction: a crash leaves the whole
/// record (log + state) or nothing.
public final class RecordStore: Sendable {
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

    // MARK: - Meta

    public func meta(_ key: String) throws -> String? {
        try pool.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]) }
    }

    public func setMeta(_ key: String, _ value: String) throws {
        try pool.write { db in
            try db.execute(
                sql: "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                arguments: [key, value]
            )
        }
    }

    // MARK: - Writing our own records

    /// Validated body, signed and appended at the head of our own chain, in one transaction.
    /// `record` is nil for a new record, or the id of our own record this version replaces.
    @discardableResult
    public func append<Body: RecordBody>(
        _ body: Body,
        record: String? = nil,
        as author: Author,
        visibility: Visibility? = nil,
        recipients: [String] = [],
        now: Date = Date()
    ) throws -> Envelope {
        try appendRaw(
            type: Body.recordType,
            body: body.canonicalBytes(),
            record: record,
            as: author,
            visibility: visibility ?? Body.visibility,
            recipients: recipients,
            decoded: body,
            now: now
        )
    }

    /// Signs and stores many new records in one transaction (bulk import, benchmarks).
    @discardableResult
    public func appendBatch<Body: RecordBody>(_ bodies: [Body], as author: Author, now: Date = Date()) throws -> [Envelope] {
        try checkWritable()
        return try pool.write { db in
            try bodies.map { body in
                try Self.signAndStore(
                    type: Body.recordType,
                    body: body.canonicalBytes(),
                    record: nil,
                    as: author,
                    visibility: Body.visibility,
                    recipients: [],
                    id: RecordID.make(at: now),
                    decoded: body,
                    now: now,
                    db: db
                )
            }
        }
    }

    /// Retracts one of our own records.
    @discardableResult
    public func retract(_ record: String, reason: String, as author: Author, now: Date = Date()) throws -> Envelope {
        let target = try pool.read { db in try Row.fetchOne(db, sql: "SELECT origin, visibility FROM records WHERE record = ?", arguments: [record]) }
        guard let target else { throw StoreError.notFound(record) }
        let visibility = Visibility(rawValue: target["visibility"]) ?? .network
        // A private record is withdrawn by a record of its own kind (e.g. a cancellation), sealed to the same parties.
        guard visibility != .parties else { throw StoreError.privateRecordNotRetractable(record) }
        return try appendRaw(
            type: .tombstone,
            body: Tombstone(reason: reason).canonicalBytes(),
            record: record,
            as: author,
            visibility: visibility,
            recipients: [],
            now: now
        )
    }

    /// Appends already-encoded body bytes (used for sealed bodies, which are not validated in clear here).
    @discardableResult
    public func appendRaw(
        type: RecordType,
        body: [UInt8],
        record: String?,
        as author: Author,
        visibility: Visibility,
        recipients: [String],
        id: String? = nil,
        decoded: (any RecordBody)? = nil,
        now: Date = Date()
    ) throws -> Envelope {
        try checkWritable()
        return try pool.write { db in
            if let record {
                guard let existing = try Row.fetchOne(db, sql: "SELECT origin, type, visibility FROM records WHERE record = ?", arguments: [record])
                else {
                    throw StoreError.notFound(record)
                }
                guard existing["origin"] == author.structureID else { throw StoreError.notOwner(record) }
                // A new version keeps its record's kind and audience; a tombstone may retract any kind.
                guard type == .tombstone || existing["type"] == type.rawValue else { throw StoreError.notFound(record) }
                guard existing["visibility"] == visibility.rawValue else { throw StoreError.notFound(record) }
            }
            return try Self.signAndStore(
                type: type,
                body: body,
                record: record,
                as: author,
                visibility: visibility,
                recipients: recipients,
                id: id ?? RecordID.make(at: now),
                decoded: decoded,
                now: now,
                db: db
            )
        }
    }

    /// Signs at the head of the author's chain and stores, inside the caller's transaction.
    static func signAndStore(
        type: RecordType,
        body: [UInt8],
        record: String?,
        as author: Author,
        visibility: Visibility,
        recipients: [String],
        id: String,
        decoded: (any RecordBody)? = nil,
        now: Date,
        db: Database
    ) throws -> Envelope {
        let chain = visibility == .local ? Chain.local : Chain.shared
        let head = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT seq, hash FROM envelopes WHERE origin = ? AND chain = ? ORDER BY seq DESC LIMIT 1"),
            arguments: [author.structureID, chain.rawValue]
        )
        let header = EnvelopeHeader(
            id: id,
            record: record ?? id,
            type: type,
            originStructure: author.structureID,
            originKey: author.identity.keyID,
            seq: (head?["seq"] as Int64? ?? 0) + 1,
            prev: head?["hash"] ?? Digest.genesis,
            created: Timestamp(now),
            visibility: visibility,
            recipients: Array(Set(recipients)).sorted(),
            bodyHash: Digest.sha256Hex(body)
        )
        let envelope = try Envelope.sign(header: header, body: body, with: author.identity)
        try insert(envelope, db: db)
        try StateProjection.apply(envelope, decoded: decoded, db: db)
        return envelope
    }

    /// `withheld`: why the hub keeps this envelope in its chain without ever relaying it.
    static func insert(_ envelope: Envelope, withheld: String? = nil, db: Database) throws {
        let h = envelope.header
        try db.cachedStatement(
            sql: """
                INSERT INTO envelopes (withheld, id, origin, chain, seq, hash, type, record, visibility, recipients, created, header, signature, body)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            withheld, h.id, h.originStructure, h.chain.rawValue, h.seq, envelope.hash, h.type.rawValue, h.record, h.visibility.rawValue,
            h.recipients.joined(separator: " "), h.created.description,
            Data(envelope.headerBytes), Data(envelope.signature), Data(envelope.body),
        ])
        if h.visibility == .parties {
            let position = db.lastInsertedRowID
            for structure in Set(h.recipients + [h.originStructure]) {
                try db.cachedStatement(sql: "INSERT INTO envelope_recipients (structure, position) VALUES (?, ?)").execute(arguments: [
                    structure, position,
                ])
            }
        }
    }

    /// Refuses writes while a restored node has not yet recovered its own chain from the hub.
    func checkWritable() throws {
        if try meta(NodeDirectory.metaRecoveryPending) == "1" { throw StoreError.recoveryPending }
    }

    // MARK: - Reading the log

    /// Every stored envelope, in arrival order, as raw parts with the id the row was
    /// filed under: the verifier must report a record even when its header no longer parses.
    public func rawEnvelopes() throws -> [RawEnvelope] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, header, signature, body FROM envelopes ORDER BY position").map {
                RawEnvelope(
                    id: $0["id"],
                    headerBytes: [UInt8]($0["header"] as Data),
                    signature: [UInt8]($0["signature"] as Data),
                    body: [UInt8]($0["body"] as Data)
                )
            }
        }
    }

    public func envelopes() throws -> [Envelope] {
        try rawEnvelopes().map { try $0.envelope() }
    }

    /// The position of the last envelope written: it moves with every record added, so what is
    /// computed from the records can be kept until it does.
    public func logPosition() throws -> Int64 {
        try pool.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(position) FROM envelopes") ?? 0 }
    }

    public func envelopeCount() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM envelopes") ?? 0 }
    }

    /// Highest sequence number and hash held for an origin's shared chain, or nil if none.
    public func head(origin: String) throws -> (seq: Int64, hash: String)? {
        try pool.read { db in
            try Row.fetchOne(
                db,
                sql: "SELECT seq, hash FROM envelopes WHERE origin = ? AND chain = 'shared' ORDER BY seq DESC LIMIT 1",
                arguments: [origin]
            )
            .map { ($0["seq"], $0["hash"]) }
        }
    }

    /// Hash of an origin's shared-chain envelope at `seq`, if held.
    public func envelopeHash(origin: String, seq: Int64) throws -> String? {
        try pool.read { db in
            try String.fetchOne(db, sql: "SELECT hash FROM envelopes WHERE origin = ? AND chain = 'shared' AND seq = ?", arguments: [origin, seq])
        }
    }

    // MARK: - Current state

    public func currentRecords(type: RecordType, origin: String? = nil, includeRetracted: Bool = false) throws -> [StoredRecord] {
        try pool.read { db in
            var sql = "SELECT * FROM records WHERE type = ?"
            var arguments: StatementArguments = [type.rawValue]
            if let origin {
                sql += " AND origin = ?"
                arguments += [origin]
            }
            if !includeRetracted { sql += " AND retracted = 0" }
            sql += " ORDER BY first_created, record"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(StoredRecord.init(row:))
        }
    }

    public func currentRecord(_ record: String) throws -> StoredRecord? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM records WHERE record = ?", arguments: [record]).map(StoredRecord.init(row:))
        }
    }

    public func structures() throws -> [StructureSummary] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT structure, record, name, sector FROM structures ORDER BY name").map {
                StructureSummary(
                    structureID: $0["structure"],
                    record: $0["record"],
                    name: $0["name"],
                    sector: Sector(rawValue: $0["sector"]) ?? .social
                )
            }
        }
    }
}

/// Who signs a new record: the node's structure and its signing key.
public struct Author: Sendable {
    public let structureID: String
    public let identity: SigningIdentity

    public init(structureID: String, identity: SigningIdentity) {
        self.structureID = structureID
        self.identity = identity
    }
}

/// Stored parts of an envelope, not yet parsed.
public struct RawEnvelope: Sendable {
    public let id: String
    public let headerBytes: [UInt8]
    public let signature: [UInt8]
    public let body: [UInt8]

    public func envelope() throws(EnvelopeError) -> Envelope {
        try Envelope(headerBytes: headerBytes, signature: signature, body: body)
    }

    public var wireLine: [UInt8] { Envelope.wireLine(headerBytes: headerBytes, signature: signature, body: body) }
}

/// The latest version of a logical record.
public struct StoredRecord: Sendable, Equatable {
    public let record: String
    public let type: RecordType
    public let origin: String
    public let envelopeID: String
    public let seq: Int64
    public let created: String
    public let firstCreated: String
    public let retracted: Bool
    public let visibility: Visibility
    public let body: [UInt8]

    init(row: Row) {
        record = row["record"]
        type = RecordType(rawValue: row["type"])
        origin = row["origin"]
        envelopeID = row["envelope"]
        seq = row["seq"]
        created = row["created"]
        firstCreated = row["first_created"]
        retracted = row["retracted"] as Bool
        visibility = Visibility(rawValue: row["visibility"]) ?? .local
        body = [UInt8](row["body"] as Data)
    }

    public func decode<Body: RecordBody>(_ type: Body.Type) throws -> Body {
        try Body.validated(JSONParser.parse(body))
    }
}

public struct StructureSummary: Sendable, Equatable {
    public let structureID: String
    public let record: String
    public let name: String
    public let sector: Sector
}

extension RecordStore {
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
