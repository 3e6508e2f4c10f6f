import Crypto
import Foundation

/// A one-time enrollment code: `vmvp1.<secret>.<CA fingerprint>`. The secret authorises
/// one enrollment; the fingerprint lets the node check it talks to the real hub before it
/// sends anything (no trust on first use). The hub stores only the secret's hash.
public struct InvitationCode: Sendable, Equatable, CustomStringConvertible {
    /// A code that does not have the `vmvp1.<secret>.<fingerprint>` shape.
    public struct Malformed: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String { "code d'invitation mal formé : il commence par « vmvp1. » et se recopie en entier." }
    }

    public let secret: String
    public let caFingerprint: String

    public static func make(caFingerprint: String) -> InvitationCode {
        let bytes = SymmetricKey(size: .bits128).withUnsafeBytes { Array($0) }
        let secret = Base64.encode(bytes).replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return InvitationCode(secret: secret, caFingerprint: caFingerprint)
    }

    public init(secret: String, caFingerprint: String) {
        self.secret = secret
        self.caFingerprint = caFingerprint
    }

    public init(parsing text: String) throws(Malformed) {
        let parts = text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "vmvp1", parts[1].count >= 16,
            parts[2].count == 64, Hex.decode(String(parts[2])) != nil
        else { throw Malformed() }
        secret = String(parts[1])
        caFingerprint = String(parts[2])
    }

    public var description: String { "vmvp1.\(secret).\(caFingerprint)" }

    public var secretHash: String { Digest.sha256Hex(Array(secret.utf8)) }

    /// What the node signs with its Ed25519 key to prove it holds it, bound to this
    /// invitation and to the certificate request it sends.
    public static func possessionProof(secretHash: String, structure: String, csrDigest: String) -> [UInt8] {
        Array("vmvp/enroll/v1\u{0}\(secretHash)\u{0}\(structure)\u{0}\(csrDigest)".utf8)
    }
}
