import Foundation
import GRDB
import Records

/// Why an invitation code cannot be used.
public enum InvitationError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknown, expired, alreadyUsed, structureTaken, wrongStructure, withdrawn

    public var description: String {
        switch self {
        case .unknown: "code d'invitation inconnu : vérifier qu'il a été recopié en entier."
        case .expired: "code d'invitation expiré : demander un nouveau code au hub de la MDA."
        case .alreadyUsed: "code d'invitation déjà utilisé : un code ne sert qu'une fois."
        case .structureTaken:
            "cet identifiant de structure est déjà inscrit : un renouvellement demande un code émis pour cette structure (vmvp hub invite --renew)."
        case .wrongStructure: "ce code de renouvellement a été émis pour une autre structure."
        case .withdrawn: "code d'invitation retiré par la MDA : demander un nouveau code au hub de la MDA."
        }
    }
}

public struct Invitation: Sendable, Equatable {
    public let structureName: String
    public let sector: Sector?
}

/// An invitation not yet used, withdrawn or expired, as the MDA's staff see it.
public struct PendingInvitation: Sendable, Equatable {
    /// The hash of the code's secret: names the invitation without revealing the code.
    public let id: String
    public let structureName: String
    public let sector: Sector?
    public let email: String?
    public let created: Timestamp
    public let expires: Timestamp
    /// The structure a renewal code is bound to.
    public let renewing: String?
}

/// What the hub last heard from a member.
public struct MemberContact: Sendable, Equatable {
    public let lastSeen: Timestamp
    /// The software the node announced (`vmvp/<version>`), if it did.
    public let software: String?
}

/// The hub's own tables: invitations, the answers to push batches (for idempotent retries)
/// and when each member last synced.
public struct HubStore: Sendable {
    let database: NodeDatabase

    public init(database: NodeDatabase) { self.database = database }

    var pool: DatabasePool { database.pool }

    // MARK: Invitations and enrollment

    /// `renewing`: the existing member this code may re-enroll (new keys, new certificate); nil for a new structure.
    public func addInvitation(
        codeHash: String,
        structureName: String,
        sector: Sector?,
        renewing: String? = nil,
        email: String? = nil,
        expires: Date,
        now: Date = Date()
    ) throws {
        try pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO invitations (code_hash, structure_name, sector, structure_id, email, created, expires)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    codeHash, structureName, sector?.rawValue, renewing, email, Timestamp(now).description, Timestamp(expires).description,
                ]
            )
        }
    }

    /// Invitations that can still be used, newest first.
    public func pendingInvitations(now: Date = Date()) throws -> [PendingInvitation] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM invitations WHERE used_at IS NULL AND withdrawn_at IS NULL AND expires > ? ORDER BY created DESC",
                arguments: [Timestamp(now).description]
            ).map { row in
                PendingInvitation(
                    id: row["code_hash"],
                    structureName: row["structure_name"],
                    sector: (row["sector"] as String?).flatMap(Sector.init),
                    email: row["email"],
                    created: Timestamp(row["created"] as String) ?? Timestamp(milliseconds: 0),
                    expires: Timestamp(row["expires"] as String) ?? Timestamp(milliseconds: 0),
                    renewing: row["structure_id"]
                )
            }
        }
    }

    /// Withdraws an unused invitation; false if there is none by that id still pending.
    public func withdrawInvitation(id: String, now: Date = Date()) throws -> PendingInvitation? {
        try pool.write { db in
            let pending = try Row.fetchOne(
                db,
                sql: "SELECT structure_name FROM invitations WHERE code_hash = ? AND used_at IS NULL AND withdrawn_at IS NULL",
                arguments: [id]
            )
            guard pending != nil else { return nil }
            try db.execute(sql: "UPDATE invitations SET withdrawn_at = ? WHERE code_hash = ?", arguments: [Timestamp(now).description, id])
            return try self.invitation(id: id, db: db)
        }
    }

    func invitation(id: String, db: Database) throws -> PendingInvitation? {
        try Row.fetchOne(db, sql: "SELECT * FROM invitations WHERE code_hash = ?", arguments: [id]).map { row in
            PendingInvitation(
                id: row["code_hash"],
                structureName: row["structure_name"],
                sector: (row["sector"] as String?).flatMap(Sector.init),
                email: row["email"],
                created: Timestamp(row["created"] as String) ?? Timestamp(milliseconds: 0),
                expires: Timestamp(row["expires"] as String) ?? Timestamp(milliseconds: 0),
                renewing: row["structure_id"]
            )
        }
    }

    /// Enrolls a structure with an invitation code, in one transaction: the code is consumed
    /// only if the member record `admit` builds (with whatever proof it issues, e.g. a
    /// certificate) is signed by `author` and stored too.
    public func enroll<Proof>(
        codeHash: String,
        structure: String,
        as author: Author,
        now: Date = Date(),
        admit: (Invitation) throws -> (proof: Proof, member: Member)
    ) throws -> (proof: Proof, envelope: Envelope) {
        try pool.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM invitations WHERE code_hash = ?", arguments: [codeHash]) else {
                throw InvitationError.unknown
            }
            if row["used_at"] as String? != nil { throw InvitationError.alreadyUsed }
            if row["withdrawn_at"] as String? != nil { throw InvitationError.withdrawn }
            guard let expires = Timestamp(row["expires"]), Timestamp(now) < expires else { throw InvitationError.expired }
            // A structure id is claimed once: only a renewal code issued for it may enroll it again,
            // and nobody may enroll as the hub.
            let taken = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM member_keys WHERE structure = ?)", arguments: [structure]) ?? false
            let isHub = try NodeSettings.value(.structureID, db) == structure
            if let bound = row["structure_id"] as String? {
                guard bound == structure else { throw InvitationError.wrongStructure }
            } else if taken || isHub {
                throw InvitationError.structureTaken
            }
            try db.execute(
                sql: "UPDATE invitations SET used_at = ?, used_by = ? WHERE code_hash = ?",
                arguments: [Timestamp(now).description, structure, codeHash]
            )
            let invitation = Invitation(structureName: row["structure_name"], sector: (row["sector"] as String?).flatMap(Sector.init))
            let (proof, member) = try admit(invitation)
            return (proof, try Self.appendMember(member, as: author, now: now, db: db))
        }
    }

    /// The hub-signed member record that puts a structure (or its new certificate) in the directory.
    static func appendMember(_ member: Member, as author: Author, now: Date, db: Database) throws -> Envelope {
        try RecordStore.signAndStore(
            type: Member.recordType,
            body: member.canonicalBytes(),
            record: nil,
            as: author,
            visibility: Member.visibility,
            recipients: [],
            id: RecordID.make(at: now),
            decoded: member,
            now: now,
            db: db
        )
    }

    // MARK: Push batches

    /// The stored answer to a batch this origin already pushed (never another origin's), with
    /// the digest of the content it carried ('' for batches stored before digests were kept).
    public func batchResponse(_ batch: String, origin: String) throws -> (response: [UInt8], contentDigest: String)? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT response, content_digest FROM push_batches WHERE origin = ? AND batch = ?", arguments: [origin, batch])
                .map {
                    ([UInt8]($0["response"] as Data), $0["content_digest"])
                }
        }
    }

    public func saveBatch(_ batch: String, origin: String, contentDigest: String, response: [UInt8], now: Date = Date()) throws {
        // Synchronous: a short insert; awaiting GRDB's writer queue instead would resume the push
        // behind every long-poll answer queued meanwhile on a busy hub.
        try pool.write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO push_batches (batch, origin, received_at, response, content_digest) VALUES (?, ?, ?, ?, ?)",
                arguments: [batch, origin, Timestamp(now).description, Data(response), contentDigest]
            )
        }
    }

    // MARK: Contacts

    /// A member just synced.
    public func noteContact(structure: String, software: String? = nil, now: Date = Date()) async throws {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO member_contacts (structure, last_seen, software) VALUES (?, ?, ?)
                    ON CONFLICT(structure) DO UPDATE SET last_seen = excluded.last_seen, software = coalesce(excluded.software, software)
                    """,
                arguments: [structure, Timestamp(now).description, software]
            )
        }
    }

    /// What the hub last heard from each member, by structure.
    public func contacts() throws -> [String: MemberContact] {
        try pool.read { db in
            var contacts: [String: MemberContact] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT structure, last_seen, software FROM member_contacts") {
                if let t = Timestamp(row["last_seen"] as String) {
                    contacts[row["structure"]] = MemberContact(lastSeen: t, software: row["software"])
                }
            }
            return contacts
        }
    }

    // MARK: Certificates

    /// Notes when a client certificate the hub issued expires.
    public func recordCertificate(fingerprint: String, structure: String, notAfter: Date) throws {
        try pool.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO member_certificates (fingerprint, structure, not_after) VALUES (?, ?, ?)",
                arguments: [fingerprint, structure, Timestamp(notAfter).description]
            )
        }
    }

    /// Expiry of the certificates the hub issued, by fingerprint.
    public func certificateExpiries() throws -> [String: Timestamp] {
        try pool.read { db in
            var expiries: [String: Timestamp] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT fingerprint, not_after FROM member_certificates") {
                if let t = Timestamp(row["not_after"] as String) { expiries[row["fingerprint"]] = t }
            }
            return expiries
        }
    }

    /// When each member last synced.
    public func lastContacts() throws -> [String: Timestamp] {
        try pool.read { db in
            var contacts: [String: Timestamp] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT structure, last_seen FROM member_contacts") {
                if let t = Timestamp(row["last_seen"] as String) { contacts[row["structure"]] = t }
            }
            return contacts
        }
    }
}
