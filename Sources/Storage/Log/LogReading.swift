import Foundation
import GRDB
import Records

extension RecordStore {
    // MARK: - Reading the log

    /// Every stored envelope, in arrival order, as raw parts with the id the row was
    /// filed under: the verifier must report a record even when its header no longer parses.
    public func rawEnvelopes() throws -> [RawEnvelope] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, header, signature, body, redacted FROM envelopes ORDER BY position").map {
                RawEnvelope(
                    id: $0["id"],
                    headerBytes: [UInt8]($0["header"] as Data),
                    signature: [UInt8]($0["signature"] as Data),
                    body: [UInt8]($0["body"] as Data),
                    redactedBy: $0["redacted"]
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
        try pool.read { db in try Int64.fetchOne(db.cachedStatement(sql: "SELECT MAX(position) FROM envelopes")) ?? 0 }
    }

    /// Current records held, by type (retracted ones included): for the operator's metrics.
    public func recordCounts() throws -> [(type: String, count: Int)] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT type, COUNT(*) AS n FROM records GROUP BY type ORDER BY type").map { ($0["type"], $0["n"]) }
        }
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

    /// Returns when `origin`'s shared chain goes past `seq` by a commit of this process
    /// (observed by GRDB as it commits), or after `timeout`: what another process writes is not
    /// observed, so callers also look at the head themselves.
    public func waitForOwnChain(origin: String, past seq: Int64, upTo timeout: Duration) async throws {
        let observation = ValueObservation.tracking { db in
            try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM envelopes WHERE origin = ? AND chain = 'shared'", arguments: [origin]) ?? 0
        }.removeDuplicates()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for try await head in observation.values(in: pool) where head > seq { return }
            }
            group.addTask { try await Task.sleep(for: timeout) }
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    /// Every version of a logical record held here, oldest first.
    public func versions(of record: String) throws -> [Envelope] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT header, signature, body, redacted FROM envelopes WHERE record = ? ORDER BY position",
                arguments: [record]
            )
            .compactMap { row in
                try? Envelope(
                    headerBytes: [UInt8](row["header"] as Data),
                    signature: [UInt8](row["signature"] as Data),
                    body: [UInt8](row["body"] as Data),
                    redactedBy: row["redacted"]
                )
            }
        }
    }

    /// The head (highest sequence number and its hash) of every chain held, by origin and chain.
    public func chainHeads() throws -> [ExportManifest.Head] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT e.origin, e.chain, e.seq, e.hash FROM envelopes e
                    JOIN (SELECT origin, chain, MAX(seq) AS top FROM envelopes GROUP BY origin, chain) t
                      ON t.origin = e.origin AND t.chain = e.chain AND t.top = e.seq
                    """
            ).compactMap { row in
                (row["chain"] as String?).flatMap(Chain.init(rawValue:)).map {
                    ExportManifest.Head(origin: row["origin"], chain: $0, seq: row["seq"], hash: row["hash"])
                }
            }
        }
    }

    /// Hash of an origin's shared-chain envelope at `seq`, if held.
    public func envelopeHash(origin: String, seq: Int64) throws -> String? {
        try pool.read { db in
            try String.fetchOne(db, sql: "SELECT hash FROM envelopes WHERE origin = ? AND chain = 'shared' AND seq = ?", arguments: [origin, seq])
        }
    }

    // MARK: Changes feed

    /// Envelopes `structure` is entitled to, after `since`, in hub order. Its own records are
    /// left out (it has them); see `ownEnvelopes` for recovery after a restore.
    public func changes(for structure: String, since: Int64, limit: Int, maxBytes: Int = .max) throws -> ChangesPage {
        try pool.read { db in
            // The hub answers this for every member's long-poll: a prepared statement, kept.
            let rows = try Row.fetchCursor(
                db.cachedStatement(
                    sql: """
                        SELECT position, id, header, signature, body, redacted FROM envelopes
                        WHERE position > ? AND withheld IS NULL AND visibility != 'local' AND origin != ?
                          AND (visibility = 'network' OR position IN (SELECT position FROM envelope_recipients WHERE structure = ?))
                        ORDER BY position LIMIT ?
                        """
                ),
                arguments: [since, structure, structure, limit + 1]
            )
            var raw: [RawEnvelope] = []
            var bytes = 0
            var next = since
            var more = false
            while let row = try rows.next() {
                let envelope = RawEnvelope(
                    id: row["id"],
                    headerBytes: [UInt8](row["header"] as Data),
                    signature: [UInt8](row["signature"] as Data),
                    body: [UInt8](row["body"] as Data),
                    redactedBy: row["redacted"]
                )
                let size = envelope.headerBytes.count + envelope.signature.count + envelope.body.count
                // Bounded by count and by bytes; a page always holds at least one envelope.
                if raw.count == limit || (!raw.isEmpty && bytes + size > maxBytes) {
                    more = true
                    break
                }
                raw.append(envelope)
                bytes += size
                next = row["position"]
            }
            return ChangesPage(raw: raw, next: next, more: more)
        }
    }

    /// An origin's shared-chain envelopes after `afterSeq`, in chain order: what a node still
    /// has to push, or what a restored node recovers from the hub.
    public func ownEnvelopes(origin: String, afterSeq: Int64, limit: Int, maxBytes: Int = .max) throws -> [Envelope] {
        try pool.read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT header, signature, body, redacted FROM envelopes WHERE origin = ? AND chain = 'shared' AND seq > ? ORDER BY seq LIMIT ?
                    """,
                arguments: [origin, afterSeq, limit]
            )
            var envelopes: [Envelope] = []
            var bytes = 0
            while let row = try rows.next() {
                let envelope = try Envelope(
                    headerBytes: [UInt8](row["header"] as Data),
                    signature: [UInt8](row["signature"] as Data),
                    body: [UInt8](row["body"] as Data),
                    redactedBy: row["redacted"]
                )
                let size = envelope.headerBytes.count + envelope.signature.count + envelope.body.count
                if !envelopes.isEmpty && bytes + size > maxBytes { break }
                envelopes.append(envelope)
                bytes += size
            }
            return envelopes
        }
    }

    /// Number of our own shareable envelopes above `afterSeq`.
    public func pendingCount(origin: String, afterSeq: Int64) throws -> Int {
        try pool.read { db in
            try Int.fetchOne(
                db,
                sql: "SELECT COUNT(*) FROM envelopes WHERE origin = ? AND chain = 'shared' AND seq > ?",
                arguments: [origin, afterSeq]
            ) ?? 0
        }
    }

    /// Envelopes kept aside because they fork a chain (a person must look at them).
    public func quarantineCount() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM quarantine") ?? 0 }
    }
}

/// A page of the hub's changes feed, as stored bytes (served without re-parsing).
public struct ChangesPage: Sendable {
    public let raw: [RawEnvelope]
    public var envelopes: [Envelope] { get throws { try raw.map { try $0.envelope() } } }
    /// Position of the last envelope scanned: the cursor for the next call.
    public let next: Int64
    public let more: Bool

    public init(raw: [RawEnvelope], next: Int64, more: Bool) {
        self.raw = raw
        self.next = next
        self.more = more
    }
}
