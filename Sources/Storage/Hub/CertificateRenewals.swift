import Foundation
import GRDB
import Records

/// Why the hub refuses to renew a member's certificate.
public enum RenewalError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownKey
    case badProof

    public var description: String {
        switch self {
        case .unknownKey: "la clé de signature de ce membre est inconnue ou révoquée."
        case .badProof: "la preuve n'est pas signée par la clé de signature de ce membre."
        }
    }
}

extension HubStore {
    /// Renews a member's certificate (protocol/federation.md, "Certificate renewal"): in one
    /// transaction, checks that `proof` verifies with the member's current signing key, then
    /// appends a new `member` record, the same but for the new certificate's fingerprint (the
    /// directory then knows the new certificate only). `issue` makes the certificate once the
    /// proof holds, and returns it with its fingerprint.
    public func renewMember<Certificate>(
        structure: String,
        keyID: String,
        as author: Author,
        now: Date = Date(),
        proofHolds: ([UInt8]) -> Bool,
        issue: () throws -> (certificate: Certificate, fingerprint: String)
    ) throws -> (certificate: Certificate, envelope: Envelope) {
        try pool.write { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: "SELECT * FROM member_keys WHERE structure = ? AND key_id = ? AND revoked_at IS NULL",
                    arguments: [structure, keyID]
                )
            else { throw RenewalError.unknownKey }
            let signingKey = [UInt8](row["public_key"] as Data)
            guard proofHolds(signingKey) else { throw RenewalError.badProof }
            let (certificate, fingerprint) = try issue()
            let member = Member(
                structure: structure,
                name: row["name"],
                sector: Sector(rawValue: row["sector"]) ?? .social,
                signingKey: Base64.encode(signingKey),
                encryptionKey: Base64.encode([UInt8](row["encryption_key"] as Data)),
                certificateFingerprint: fingerprint,
                enrolledAt: Timestamp(row["enrolled_at"]) ?? Timestamp(now)
            )
            return (certificate, try Self.appendMember(member, as: author, now: now, db: db))
        }
    }
}

extension HubStore {
    /// The member an earlier certificate of the hub belongs to, while that certificate is
    /// unexpired and the member's key unrevoked: a node whose renewal answer was lost on the way
    /// asks again with it. Only the renewal accepts it; every other call needs the current one.
    public func memberOfEarlierCertificate(_ fingerprint: String, now: Date = Date()) throws -> MemberIdentity? {
        try pool.read { db in
            guard
                let issued = try Row.fetchOne(
                    db,
                    sql: "SELECT structure, not_after FROM member_certificates WHERE fingerprint = ?",
                    arguments: [fingerprint]
                ),
                let notAfter = Timestamp(issued["not_after"] as String), Timestamp(now) < notAfter
            else { return nil }
            return try Row.fetchOne(
                db,
                sql:
                    "SELECT structure, name, key_id, revoked_at FROM member_keys WHERE structure = ? AND revoked_at IS NULL ORDER BY enrolled_at DESC LIMIT 1",
                arguments: [issued["structure"] as String]
            ).map(MemberDirectory.identity)
        }
    }
}
