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
    /// of the same origin and not yet erased, keeps its header and loses its body.
    static func applyRedaction(_ header: EnvelopeHeader, body: Redaction, db: Database) throws {
        for id in body.envelopes {
            guard
                let row = try Row.fetchOne(
                    db.cachedStatement(sql: "SELECT record, visibility, body FROM envelopes WHERE id = ? AND origin = ? AND redacted IS NULL"),
                    arguments: [id, header.originStructure]
                )
            else { continue }
            let visibility = Visibility(rawValue: row["visibility"]) ?? .network
            let erased = [UInt8](row["body"] as Data)
            let residue = RedactionResidue.of(body: erased, visibility: visibility)
            try db.cachedStatement(sql: "UPDATE envelopes SET body = ?, redacted = ? WHERE id = ?").execute(arguments: [
                Data(residue), header.id, id,
            ])
            try forgetBody(record: row["record"], origin: header.originStructure, erased: erased, residue: residue, visibility: visibility, db: db)
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
    /// disclosed metadata names; a request names its own thread).
    public func ownEnvelopeIDs(inThreads threads: Set<String>, origin: String) throws -> [String] {
        guard !threads.isEmpty else { return [] }
        return try pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT id, body FROM envelopes WHERE origin = ? AND chain = 'shared' AND visibility = 'parties' AND redacted IS NULL",
                arguments: [origin]
            ).compactMap { row in
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
    /// in and asked us to follow, we erase our own records of it too. Idempotent: once ours are
    /// erased there is nothing left to name. Returns the redactions written.
    @discardableResult
    public func followRedactions(as author: Author, now: Date = Date()) throws -> [Envelope] {
        let asked = try pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT body FROM envelopes WHERE type = 'redaction' AND origin != ? AND redacted IS NULL AND withheld IS NULL",
                arguments: [author.structureID]
            ).compactMap { row -> Redaction? in
                guard let json = try? JSONParser.parse([UInt8](row["body"] as Data)) else { return nil }
                return try? Redaction.validated(json, normalize: false)
            }
        }
        var written: [Envelope] = []
        for reason in Redaction.Reason.allCases {
            let threads = Set(asked.filter { $0.reason == reason }.flatMap(\.threads))
            let ours = try ownEnvelopeIDs(inThreads: threads, origin: author.structureID)
            if !ours.isEmpty { written += try redact(ours, reason: reason, as: author, now: now) }
        }
        return written
    }

    /// Erased envelopes held here, with the redaction that erased each (for `vmvp verify`).
    public func erasures() throws -> [(envelope: String, origin: String, type: String, redaction: String, at: String?)] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT e.id, e.origin, e.type, e.redacted, r.created FROM envelopes e
                    LEFT JOIN envelopes r ON r.id = e.redacted WHERE e.redacted IS NOT NULL ORDER BY e.position
                    """
            ).map { ($0["id"], $0["origin"], $0["type"], $0["redacted"], $0["created"]) }
        }
    }
}
