import Foundation
import GRDB
import Records

/// A page of the hub's changes feed, as stored bytes (served without re-parsing).
public struct ChangesPage: Sendable {
    public let raw: [RawEnvelope]
    public var envelopes: [Envelope] { get throws { try raw.map { try $0.envelope() } } }
    /// Position of the last envelope scanned: the cursor for the next call.
    public let next: Int64
    public let more: Bool
}

/// A directory entry as the hub's TLS layer needs it.
public struct MemberIdentity: Sendable, Equatable {
    public let structure: String
    public let name: String
    public let keyID: String
    public let revokedAt: String?
}

/// Why an invitation code cannot be used.
public enum InvitationError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknown, expired, alreadyUsed, structureTaken, wrongStructure

    public var description: String {
        switch self {
        case .unknown: "code d'invitation inconnu : vérifier qu'il a été recopié en entier."
        case .expired: "code d'invitation expiré : demander un nouveau code au hub de la MDA."
        case .alreadyUsed: "code d'invitation déjà utilisé : un code ne sert qu'une fois."
        case .structureTaken:
            "cet identifiant de structure est déjà inscrit : un renouvellement demande un code émis pour cette structure (vmvp hub invite --renew)."
        case .wrongStructure: "ce code de renouvellement a été émis pour une autre structure."
        }
    }
}

public struct Invitation: Sendable, Equatable {
    public let structureName: String
    public let sector: Sector?
}

extension RecordStore {
    // MARK: Changes feed

    /// Envelopes `structure` is entitled to, after `since`, in hub order. Its own records are
    /// left out (it has them); see `ownEnvelopes` for recovery after a restore.
    public func changes(for structure: String, since: Int64, limit: Int) throws -> ChangesPage {
        try pool.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT position, id, header, signature, body FROM envelopes
                    WHERE position > ? AND withheld IS NULL AND visibility != 'local' AND origin != ?
                      AND (visibility = 'network' OR position IN (SELECT position FROM envelope_recipients WHERE structure = ?))
                    ORDER BY position LIMIT ?
                    """,
                arguments: [since, structure, structure, limit + 1]
            )
            let page = rows.prefix(limit)
            let raw = page.map {
                RawEnvelope(
                    id: $0["id"],
                    headerBytes: [UInt8]($0["header"] as Data),
                    signature: [UInt8]($0["signature"] as Data),
                    body: [UInt8]($0["body"] as Data)
                )
            }
            let next: Int64 = page.last?["position"] ?? since
            return ChangesPage(raw: raw, next: next, more: rows.count > limit)
        }
    }

    /// An origin's shared-chain envelopes after `afterSeq`, in chain order: what a node still
    /// has to push, or what a restored node recovers from the hub.
    public func ownEnvelopes(origin: String, afterSeq: Int64, limit: Int) throws -> [Envelope] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT header, signature, body FROM envelopes WHERE origin = ? AND chain = 'shared' AND seq > ? ORDER BY seq LIMIT ?
                    """,
                arguments: [origin, afterSeq, limit]
            ).map {
                try Envelope(
                    headerBytes: [UInt8]($0["header"] as Data),
                    signature: [UInt8]($0["signature"] as Data),
                    body: [UInt8]($0["body"] as Data)
                )
            }
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

    // MARK: Member directory

    public func member(certificateFingerprint: String) throws -> MemberIdentity? {
        try pool.read { db in
            try Row.fetchOne(
                db,
                sql: "SELECT structure, name, key_id, revoked_at FROM member_keys WHERE certificate_fingerprint = ?",
                arguments: [certificateFingerprint]
            ).map {
                MemberIdentity(structure: $0["structure"], name: $0["name"], keyID: $0["key_id"], revokedAt: $0["revoked_at"])
            }
        }
    }

    public func members() throws -> [MemberIdentity] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT structure, name, key_id, revoked_at FROM member_keys ORDER BY name").map {
                MemberIdentity(structure: $0["structure"], name: $0["name"], keyID: $0["key_id"], revokedAt: $0["revoked_at"])
            }
        }
    }

    /// The X25519 public key a structure's sealed records are encrypted to.
    public func encryptionKey(of structure: String) throws -> [UInt8]? {
        try pool.read { db in
            if let own = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [NodeDirectory.metaStructureID]),
                own == structure
            {
                return nil  // the caller uses its own identity
            }
            return try Data.fetchOne(
                db,
                sql: """
                    SELECT encryption_key FROM member_keys WHERE structure = ? AND revoked_at IS NULL ORDER BY enrolled_at DESC LIMIT 1
                    """,
                arguments: [structure]
            ).map { [UInt8]($0) }
        }
    }

    // MARK: Invitations

    /// `renewing`: the existing member this code may re-enroll (new keys, new certificate); nil for a new structure.
    public func addInvitation(
        codeHash: String,
        structureName: String,
        sector: Sector?,
        renewing: String? = nil,
        expires: Date,
        now: Date = Date()
    ) throws {
        try pool.write { db in
            try db.execute(
                sql: "INSERT INTO invitations (code_hash, structure_name, sector, structure_id, created, expires) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [codeHash, structureName, sector?.rawValue, renewing, Timestamp(now).description, Timestamp(expires).description]
            )
        }
    }

    /// Marks an invitation used, inside the transaction that also runs `body`, so that a code
    /// is consumed only if the enrollment it authorises is stored too.
    public func consumeInvitation<T>(
        codeHash: String,
        by structure: String,
        now: Date = Date(),
        _ body: (Invitation, Database) throws -> T
    ) throws -> T {
        try pool.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM invitations WHERE code_hash = ?", arguments: [codeHash]) else {
                throw InvitationError.unknown
            }
            if row["used_at"] as String? != nil { throw InvitationError.alreadyUsed }
            guard let expires = Timestamp(row["expires"]), Timestamp(now) < expires else { throw InvitationError.expired }
            // A structure id is claimed once: only a renewal code issued for it may enroll it again,
            // and nobody may enroll as the hub.
            let taken = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM member_keys WHERE structure = ?)", arguments: [structure]) ?? false
            let isHub = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [NodeDirectory.metaStructureID]) == structure
            if let bound = row["structure_id"] as String? {
                guard bound == structure else { throw InvitationError.wrongStructure }
            } else if taken || isHub {
                throw InvitationError.structureTaken
            }
            try db.execute(
                sql: "UPDATE invitations SET used_at = ?, used_by = ? WHERE code_hash = ?",
                arguments: [Timestamp(now).description, structure, codeHash]
            )
            return try body(Invitation(structureName: row["structure_name"], sector: (row["sector"] as String?).flatMap(Sector.init)), db)
        }
    }

    // MARK: Push batches

    /// The stored answer to a batch this origin already pushed (never another origin's).
    public func batchResponse(_ batch: String, origin: String) throws -> [UInt8]? {
        try pool.read { db in
            try Data.fetchOne(db, sql: "SELECT response FROM push_batches WHERE origin = ? AND batch = ?", arguments: [origin, batch]).map {
                [UInt8]($0)
            }
        }
    }

    public func saveBatch(_ batch: String, origin: String, response: [UInt8], now: Date = Date()) throws {
        try pool.write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO push_batches (batch, origin, received_at, response) VALUES (?, ?, ?, ?)",
                arguments: [batch, origin, Timestamp(now).description, Data(response)]
            )
        }
    }

    public func quarantineCount() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM quarantine") ?? 0 }
    }

    /// Appends a record signed by this node inside an existing transaction (used with `consumeInvitation`).
    public static func appendInTransaction<Body: RecordBody>(_ body: Body, as author: Author, db: Database, now: Date = Date()) throws -> Envelope {
        try signAndStore(
            type: Body.recordType,
            body: body.canonicalBytes(),
            record: nil,
            as: author,
            visibility: Body.visibility,
            recipients: [],
            id: RecordID.make(at: now),
            now: now,
            db: db
        )
    }
}

extension RecordStore {
    public func certificateFingerprint(structure: String, keyID: String) throws -> String? {
        try pool.read { db in
            try String.fetchOne(
                db,
                sql: "SELECT certificate_fingerprint FROM member_keys WHERE structure = ? AND key_id = ?",
                arguments: [structure, keyID]
            )
        }
    }
}
