import Foundation
import GRDB
import Records

/// A directory entry as the hub's TLS layer needs it.
public struct MemberIdentity: Sendable, Equatable {
    public let structure: String
    public let name: String
    public let keyID: String
    public let revokedAt: String?
}

/// One signing key of a member, with what the hub recorded at enrollment.
public struct MemberEntry: Sendable, Equatable {
    public let structure: String
    public let name: String
    public let sector: Sector?
    public let keyID: String
    public let certificateFingerprint: String
    public let enrolledAt: Timestamp?
    public let revokedAt: Timestamp?
}

/// The network's members as this node knows them from the hub-signed member and revocation
/// records: who they are, the keys their records are checked against and sealed to.
public struct MemberDirectory: Sendable {
    let database: NodeDatabase

    public init(database: NodeDatabase) { self.database = database }

    public func member(certificateFingerprint: String) throws -> MemberIdentity? {
        try database.pool.read { db in
            // Every request to the hub asks this: a prepared statement, kept.
            try Row.fetchOne(
                db.cachedStatement(sql: "SELECT structure, name, key_id, revoked_at FROM member_keys WHERE certificate_fingerprint = ?"),
                arguments: [certificateFingerprint]
            ).map(Self.identity)
        }
    }

    public func members() throws -> [MemberIdentity] {
        try database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT structure, name, key_id, revoked_at FROM member_keys ORDER BY name").map(Self.identity)
        }
    }

    /// Every key of every member, revoked ones included.
    public func entries() throws -> [MemberEntry] {
        try database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM member_keys ORDER BY name, enrolled_at").map { row in
                MemberEntry(
                    structure: row["structure"],
                    name: row["name"],
                    sector: (row["sector"] as String?).flatMap(Sector.init),
                    keyID: row["key_id"],
                    certificateFingerprint: row["certificate_fingerprint"],
                    enrolledAt: (row["enrolled_at"] as String?).flatMap(Timestamp.init),
                    revokedAt: (row["revoked_at"] as String?).flatMap(Timestamp.init)
                )
            }
        }
    }

    static func identity(_ row: Row) -> MemberIdentity {
        MemberIdentity(structure: row["structure"], name: row["name"], keyID: row["key_id"], revokedAt: row["revoked_at"])
    }

    /// The X25519 public key a structure's sealed records are encrypted to; nil for this node
    /// itself (the caller uses its own identity) and for unknown or revoked structures.
    public func encryptionKey(of structure: String) throws -> [UInt8]? {
        try database.pool.read { db in
            if try NodeSettings.value(.structureID, db) == structure { return nil }
            return try Data.fetchOne(
                db,
                sql: """
                    SELECT encryption_key FROM member_keys WHERE structure = ? AND revoked_at IS NULL ORDER BY enrolled_at DESC LIMIT 1
                    """,
                arguments: [structure]
            ).map { [UInt8]($0) }
        }
    }

    public func certificateFingerprint(structure: String, keyID: String) throws -> String? {
        try database.pool.read { db in
            try String.fetchOne(
                db,
                sql: "SELECT certificate_fingerprint FROM member_keys WHERE structure = ? AND key_id = ?",
                arguments: [structure, keyID]
            )
        }
    }

    /// Every signing key the hub published, revoked ones included (with their revocation time):
    /// what a credential is checked against (protocol/credential.md, "Key discovery").
    public func signingKeys() throws -> [DirectoryKey] {
        try database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT structure, name, key_id, public_key, revoked_at FROM member_keys ORDER BY name, key_id").map { row in
                DirectoryKey(
                    structure: row["structure"],
                    name: row["name"],
                    keyID: row["key_id"],
                    publicKey: [UInt8](row["public_key"] as Data),
                    revokedAt: (row["revoked_at"] as String?).flatMap(Timestamp.init)
                )
            }
        }
    }
}
