import Foundation
import GRDB
import Records

/// Keys this node trusts, read once per batch: its own, the hub's, and the member directory.
struct TrustedKeys: Sendable {
    struct MemberKey: Sendable {
        let publicKey: [UInt8]
        let revokedAt: Timestamp?
        let lastValidSeq: Int64?
    }

    let selfStructure: String
    let selfKey: [UInt8]
    let hubStructure: String?
    let hubKey: [UInt8]?
    let members: [String: [String: MemberKey]]

    /// What the keys are computed from, read cheaply: every change of the member directory
    /// (a member added or renewed, a key revoked, written by this process or another) or of
    /// this node's own identity changes it. Keys are only added or revoked, never un-revoked.
    struct Fingerprint: Sendable, Equatable {
        let rows: [Int64]
        let settings: [String?]

        static func read(_ db: Database) throws -> Fingerprint {
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: "SELECT count(*), coalesce(max(rowid), 0), count(revoked_at), coalesce(sum(last_valid_seq), 0) FROM member_keys"
                )
            )
            let settings = try [SettingKey.structureID, .signingKey, .hubStructureID, .hubSigningKey].map { try NodeSettings.value($0, db) }
            return Fingerprint(rows: (0..<4).map { row?[$0] ?? 0 }, settings: settings)
        }
    }

    static func load(_ db: Database) throws -> TrustedKeys {
        func meta(_ key: SettingKey) throws -> String? { try NodeSettings.value(key, db) }
        var members: [String: [String: MemberKey]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT structure, key_id, public_key, revoked_at, last_valid_seq FROM member_keys") {
            members[row["structure"], default: [:]][row["key_id"]] = MemberKey(
                publicKey: [UInt8](row["public_key"] as Data),
                revokedAt: (row["revoked_at"] as String?).flatMap(Timestamp.init),
                lastValidSeq: row["last_valid_seq"]
            )
        }
        return TrustedKeys(
            selfStructure: try meta(.structureID) ?? "",
            selfKey: Base64.decode(try meta(.signingKey) ?? "") ?? [],
            hubStructure: try meta(.hubStructureID),
            hubKey: (try meta(.hubSigningKey)).flatMap(Base64.decode),
            members: members
        )
    }

    /// The key `keyID` of `structure`, revoked or not.
    func publicKey(structure: String, keyID: String) -> [UInt8]? {
        if structure == selfStructure, KeyID.of(ed25519: selfKey) == keyID { return selfKey }
        if structure == hubStructure, let hubKey, KeyID.of(ed25519: hubKey) == keyID { return hubKey }
        return members[structure]?[keyID]?.publicKey
    }

    /// The key that must have signed this header, or why none may.
    func key(for header: EnvelopeHeader) -> Result<[UInt8], Rejection> {
        let origin = header.originStructure
        func reject(_ reason: String) -> Result<[UInt8], Rejection> {
            .failure(Rejection(envelopeID: header.id, reason: reason, permanent: true))
        }
        if origin == selfStructure, KeyID.of(ed25519: selfKey) == header.originKey { return .success(selfKey) }
        if origin == hubStructure, let hubKey, KeyID.of(ed25519: hubKey) == header.originKey { return .success(hubKey) }
        guard let keys = members[origin] else { return reject("structure d'origine inconnue de l'annuaire des membres (\(origin)).") }
        guard let key = keys[header.originKey] else {
            return reject("clé \(header.originKey) inconnue pour cette structure : l'enveloppe ne nomme pas une clé de l'annuaire.")
        }
        if let revokedAt = key.revokedAt {
            let lastValid = key.lastValidSeq ?? 0
            if header.seq > lastValid || header.created >= revokedAt {
                return reject("signé avec la clé \(header.originKey), révoquée le \(revokedAt).")
            }
        }
        return .success(key.publicKey)
    }
}
