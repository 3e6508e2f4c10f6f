import Foundation
import GRDB
import Records

/// The record log of a node: the append-only envelope log and the current state derived
/// from it. Every write is one transaction: a crash leaves the whole record (log + state)
/// or nothing.
public struct RecordStore: Sendable {
    let database: NodeDatabase

    public init(database: NodeDatabase) { self.database = database }

    var pool: DatabasePool { database.pool }

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
        if let problem = RecordLimits.problem(type: type, size: body.count, unknownAllowed: true) {
            throw StoreError.invalidRecord(ValidationError([ValidationIssue(field: "(enregistrement)", message: problem)]))
        }
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
    /// Returns the envelope's position in the log.
    @discardableResult
    static func insert(_ envelope: Envelope, withheld: String? = nil, db: Database) throws -> Int64 {
        let h = envelope.header
        try db.cachedStatement(
            sql: """
                INSERT INTO envelopes (withheld, redacted, id, origin, chain, seq, hash, type, record, visibility, recipients, created, header,
                                       signature, body)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            withheld, envelope.redactedBy, h.id, h.originStructure, h.chain.rawValue, h.seq, envelope.hash, h.type.rawValue, h.record,
            h.visibility.rawValue,
            h.recipients.joined(separator: " "), h.created.description,
            Data(envelope.headerBytes), Data(envelope.signature), Data(envelope.body),
        ])
        let position = db.lastInsertedRowID
        if h.visibility == .parties {
            for structure in Set(h.recipients + [h.originStructure]) {
                try db.cachedStatement(sql: "INSERT INTO envelope_recipients (structure, position) VALUES (?, ?)").execute(arguments: [
                    structure, position,
                ])
            }
        }
        return position
    }

    /// Refuses writes while a restored node has not yet recovered its own chain from the hub.
    func checkWritable() throws {
        if try NodeSettings(database: database)[.recoveryPending] == "1" { throw StoreError.recoveryPending }
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
