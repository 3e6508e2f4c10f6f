import Crypto
import Foundation

/// A key id names a public key without carrying it: the first 16 bytes of
/// SHA-256 over the raw key, in hex. Any holder of the key can check the match.
public enum KeyID {
    public static func of(ed25519 publicKey: [UInt8]) -> String {
        "ed25519:" + String(Digest.sha256Hex(publicKey).prefix(32))
    }

    public static func of(x25519 publicKey: [UInt8]) -> String {
        "x25519:" + String(Digest.sha256Hex(publicKey).prefix(32))
    }

    /// `prefix` followed by 32 lowercase hexadecimal digits.
    public static func isWellFormed(_ id: String, prefix: String) -> Bool {
        guard id.hasPrefix(prefix) else { return false }
        let hex = id.utf8.dropFirst(prefix.utf8.count)
        return hex.count == 32 && hex.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}

/// A structure's Ed25519 signing key.
public struct SigningIdentity: Sendable {
    public let privateKey: Curve25519.Signing.PrivateKey

    public init() { privateKey = Curve25519.Signing.PrivateKey() }

    public init(seed: [UInt8]) throws {
        privateKey = try Curve25519.Signing.PrivateKey(rawRepresentation: seed)
    }

    public var seed: [UInt8] { Array(privateKey.rawRepresentation) }
    public var publicKey: [UInt8] { Array(privateKey.publicKey.rawRepresentation) }
    public var keyID: String { KeyID.of(ed25519: publicKey) }

    public func sign(_ message: [UInt8]) throws -> [UInt8] {
        Array(try privateKey.signature(for: message))
    }
}

public enum SignatureCheck {
    public static func isValid(signature: [UInt8], message: [UInt8], publicKey: [UInt8]) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else { return false }
        return key.isValidSignature(signature, for: message)
    }
}
