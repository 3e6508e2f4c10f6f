import Crypto

/// A structure's X25519 key, to which sealed (`parties`) bodies are encrypted.
public struct EncryptionIdentity: Sendable {
    public let privateKey: Curve25519.KeyAgreement.PrivateKey

    public init() { privateKey = Curve25519.KeyAgreement.PrivateKey() }

    public init(rawRepresentation: [UInt8]) throws {
        privateKey = try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: rawRepresentation)
    }

    public var rawRepresentation: [UInt8] { Array(privateKey.rawRepresentation) }
    public var publicKey: [UInt8] { Array(privateKey.publicKey.rawRepresentation) }
    public var keyID: String { KeyID.of(x25519: publicKey) }
}
