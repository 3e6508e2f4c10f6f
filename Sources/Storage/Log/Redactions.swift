import Foundation
import GRDB
import Records

/// Erasing record bodies at their origin's request (protocol/federation.md, "Redactions"): the
/// body is replaced by its residue, the header and signature stay, so every chain still
/// verifies; the current state and the search index lose what the body gave them.
extension RecordStore {
    /// Signs redactions for envelopes of our own, split by chain (a redaction names envelopes of
    /// its own chain) and into lists the record type allows. Returns the redactions written.
    @discardableResult
    public func redact(
        _ envelopeIDs: [String],
        reason: Redaction.Reason,
        threads: [String] = [],
        as author: Author,
        now: Date = Date()
    ) throws -> [Envelope] {
        let held = try pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT id, origin, chain FROM envelopes WHERE id IN (SELECT value FROM json_each(?)) AND redacted IS NULL",
                arguments: [String(decoding: try CanonicalJSON.encode(.array(envelopeIDs.map { .string($0) })), as: UTF8.self)]
            )
        }
        if let foreign = held.first(where: { ($0["origin"] as String) != author.structureID }) {
            throw StoreError.notOwner(foreign["id"])
        }
        var written: [Envelope] = []
        for chain in [Chain.shared, Chain.local] {
            let ids = held.filter { $0["chain"] == chain.rawValue }.map { $0["id"] as String }.sorted()
            for start in stride(from: 0, to: ids.count, by: Redaction.maximumEnvelopes) {
                let part = Array(ids[start..<min(start + Redaction.maximumEnvelopes, ids.count)])
                let body = Redaction(envelopes: part, reason: reason, threads: chain == .shared ? threads : [])
                written.append(try append(body, as: author, visibility: chain == .shared ? .network : .local, now: now))
            }
        }
        if !written.isEmpty { try eraseFreedBytes() }
        return written
    }

    /// Why a received redaction must be refused: it names an envelope held here that another
    /// structure wrote, or one of another chain. A structure erases only what it wrote.
    static func redactionProblem(_ header: EnvelopeHeader, body: Redaction, db: Database) throws -> String? {
        let chain = header.visibility == .local ? Chain.local : Chain.shared
        for id in body.envelopes {
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT origin, chain FROM envelopes WHERE id = ?"), arguments: [id]) else {
                continue
            }
            if row["origin"] != header.originStructure {
                return
                    "demande d'effacement refusée : l'enregistrement \(id) a été écrit par une autre structure ; chacune n'efface que ce qu'elle a écrit."
            }
            if row["chain"] != chain.rawValue {
                return "demande d'effacement refusée : l'enregistrement \(id) n'est pas de la même chaîne (réseau ou local) que la demande."
            }
        }
        return nil
    }

    /// Applies a redaction inside the transaction that stores it: each named envelope held here,
    /// of the same origin and not yet erased, keeps its header and loses its body. One that
    /// arrived already erased naming this redaction now takes effect on the current state.
    static func applyRedaction(_ header: EnvelopeHeader, body: Redaction, db: Database) throws {
        for id in body.envelopes {
            guard
                let row = try Row.fetchOne(
                    db.cachedStatement(
                        sql: "SELECT record, visibility, header, signature, body, redacted FROM envelopes WHERE id = ? AND origin = ?"
                    ),
                    arguments: [id, header.originStructure]
                )
            else { continue }
            let visibility = Visibility(rawValue: row["visibility"]) ?? .network
            let stored = [UInt8](row["body"] as Data)
            switch row["redacted"] as String? {
            case nil:
                let residue = RedactionResidue.of(body: stored, visibility: visibility)
                try db.cachedStatement(sql: "UPDATE envelopes SET body = ?, redacted = ? WHERE id = ?").execute(arguments: [
                    Data(residue), header.id, id,
                ])
                try forgetBody(
                    record: row["record"],
                    origin: header.originStructure,
                    erased: stored,
                    residue: residue,
                    visibility: visibility,
                    db: db
                )
            case header.id?:
                let erased = try Envelope(
                    headerBytes: [UInt8](row["header"] as Data),
                    signature: [UInt8](row["signature"] as Data),
                    body: stored,
                    redactedBy: header.id
                )
                try StateProjection.applyErased(erased, db: db)
            default:
                continue
            }
        }
    }

    /// Whether the redaction an erased envelope names is held here, from the same origin, and
    /// names it. Until then the erasure changes nothing in the current state: a hub cannot hide
    /// a record by serving a later version of it as erased.
    static func redactionHeld(for envelope: Envelope, db: Database) throws -> Bool {
        guard let by = envelope.redactedBy,
            let bytes = try Data.fetchOne(
                db.cachedStatement(sql: "SELECT body FROM envelopes WHERE id = ? AND origin = ? AND type = 'redaction' AND redacted IS NULL"),
                arguments: [by, envelope.header.originStructure]
            ),
            let json = try? JSONParser.parse([UInt8](bytes)), let redaction = try? Redaction.validated(json, normalize: false)
        else { return false }
        return redaction.envelopes.contains(envelope.id)
    }

    /// An envelope that arrives whole after a redaction of its origin named it (out of the
    /// usual order) is erased at once.
    static func applyEarlierRedaction(to header: EnvelopeHeader, db: Database) throws {
        let rows = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT envelope, body FROM records WHERE type = 'redaction' AND origin = ? AND seq > ? AND instr(body, ?) > 0"),
            arguments: [header.originStructure, header.seq, header.id]
        )
        for row in rows {
            guard let json = try? JSONParser.parse([UInt8](row["body"] as Data)), let redaction = try? Redaction.validated(json, normalize: false),
                redaction.envelopes.contains(header.id),
                let redactionHeader = try Row.fetchOne(
                    db.cachedStatement(sql: "SELECT header FROM envelopes WHERE id = ?"),
                    arguments: [row["envelope"]]
                )
                .flatMap({ try? JSONParser.parse([UInt8]($0["header"] as Data)) }).flatMap({ try? EnvelopeHeader(json: $0) })
            else { continue }
            try applyRedaction(redactionHeader, body: Redaction(envelopes: [header.id], reason: redaction.reason), db: db)
            return
        }
    }

    /// The current state keeps the residue in place of an erased body; a clear record whose
    /// body is gone leaves the catalogue as if retracted.
    static func forgetBody(record: String, origin: String, erased: [UInt8], residue: [UInt8], visibility: Visibility, db: Database) throws {
        try db.cachedStatement(sql: "UPDATE records SET body = ? WHERE record = ? AND origin = ? AND body = ?").execute(arguments: [
            Data(residue), record, origin, Data(erased),
        ])
        guard db.changesCount > 0, visibility != .parties else { return }
        try db.cachedStatement(sql: "UPDATE records SET retracted = 1 WHERE record = ?").execute(arguments: [record])
        try StateProjection.unindexOffer(record, db: db)
    }

    /// After bodies were erased: merges the search index (a deleted row's terms otherwise stay
    /// in its older segments) and checkpoints the WAL, so that with `secure_delete` the erased
    /// bytes are in no file of the database.
    public func eraseFreedBytes() throws {
        try pool.write { db in try db.execute(sql: "INSERT INTO offer_search(offer_search) VALUES ('optimize')") }
        try database.eraseFreedBytes()
    }

    /// Our own shared envelopes, not yet erased, of the given immersions (by the thread their
    /// disclosed metadata names; a request names its own thread). `sharedWith`: only those
    /// addressed to that structure (the other party asking us to follow).
    public func ownEnvelopeIDs(inThreads threads: Set<String>, origin: String, sharedWith other: String? = nil) throws -> [String] {
        guard !threads.isEmpty else { return [] }
        return try pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, body, recipients FROM envelopes
                    WHERE origin = ? AND chain = 'shared' AND visibility = 'parties' AND redacted IS NULL
                    """,
                arguments: [origin]
            ).compactMap { row in
                if let other, !(row["recipients"] as String).split(separator: " ").contains(Substring(other)) { return nil }
                guard let thread = RedactionResidue.metadata(of: [UInt8](row["body"] as Data))?.disclosed?.thread, threads.contains(thread)
                else { return nil }
                return row["id"]
            }
        }
    }

    /// Every version of our records (their tombstones included), not yet erased.
    public func ownEnvelopeIDs(ofRecords records: [String], origin: String) throws -> [String] {
        try pool.read { db in
            try String.fetchAll(
                db,
                sql: "SELECT id FROM envelopes WHERE origin = ? AND record IN (SELECT value FROM json_each(?)) AND redacted IS NULL",
                arguments: [origin, String(decoding: try CanonicalJSON.encode(.array(records.map { .string($0) })), as: UTF8.self)]
            )
        }
    }

    /// The other party's side of an erasure: when a structure erased an immersion we took part
    /// in and asked us to follow, we erase our own records of it too. Only the other party of
    /// the immersion is followed (our records of it are addressed to it), so no other member
    /// can make us erase an immersion. Idempotent: once ours are erased there is nothing left
    /// to name. Returns the redactions written.
    @discardableResult
    public func followRedactions(as author: Author, now: Date = Date()) throws -> [Envelope] {
        let asked = try pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT origin, body FROM envelopes WHERE type = 'redaction' AND origin != ? AND redacted IS NULL AND withheld IS NULL",
                arguments: [author.structureID]
            ).compactMap { row -> (origin: String, redaction: Redaction)? in
                guard let json = try? JSONParser.parse([UInt8](row["body"] as Data)),
                    let redaction = try? Redaction.validated(json, normalize: false),
                    !redaction.threads.isEmpty
                else { return nil }
                return (row["origin"], redaction)
            }
        }
        var written: [Envelope] = []
        for (origin, redaction) in asked {
            let ours = try ownEnvelopeIDs(inThreads: Set(redaction.threads), origin: author.structureID, sharedWith: origin)
            if !ours.isEmpty { written += try redact(ours, reason: redaction.reason, as: author, now: now) }
        }
        return written
    }
}
