import Foundation

/// A JSON Web Signature in compact serialization (RFC 7515 §7.1), signed with Ed25519 (`alg`
/// `EdDSA`, RFC 8037): `BASE64URL(header).BASE64URL(payload).BASE64URL(signature)`, the signature
/// over the ASCII bytes of the first two parts. Standard JOSE libraries read and verify it with
/// the signer's raw public key (protocol/credential.md).
public struct CompactJWS: Sendable, Equatable {
    public static let algorithm = "EdDSA"

    public let header: [String: JSONValue]
    public let payload: JSONValue
    public let signature: [UInt8]
    /// The serialization itself, as signed and as sent.
    public let text: String

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case malformed(String)
        case unsupportedAlgorithm(String)

        public var description: String {
            switch self {
            case .malformed(let why): "signature JOSE mal formée : \(why)"
            case .unsupportedAlgorithm(let alg): "algorithme de signature « \(alg) » non accepté (EdDSA attendu)"
            }
        }
    }

    /// Signs `payload` (canonical JSON) with `identity`; `header` gets `alg: EdDSA`.
    public static func sign(header: [String: JSONValue], payload: JSONValue, with identity: SigningIdentity) throws -> CompactJWS {
        var header = header
        header["alg"] = .string(algorithm)
        let headerPart = Base64URL.encode(try CanonicalJSON.encode(JSONValue.object(header).normalizedToNFC()))
        let payloadPart = Base64URL.encode(try CanonicalJSON.encode(payload.normalizedToNFC()))
        let input = headerPart + "." + payloadPart
        let signature = try identity.sign(Array(input.utf8))
        return try CompactJWS(parsing: input + "." + Base64URL.encode(signature))
    }

    /// Reads the three parts; the header must be a JSON object naming `EdDSA`, the payload JSON.
    public init(parsing text: String) throws(Problem) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3 else { throw .malformed("trois parties séparées par des points attendues") }
        guard let headerBytes = Base64URL.decode(parts[0]), let payloadBytes = Base64URL.decode(parts[1]),
            let signature = Base64URL.decode(parts[2])
        else { throw .malformed("base64url attendu dans chaque partie") }
        guard case .object(let header)? = try? JSONParser.parse(headerBytes) else { throw .malformed("en-tête JSON illisible") }
        guard let alg = header["alg"]?.stringValue else { throw .malformed("en-tête sans « alg »") }
        guard alg == Self.algorithm else { throw .unsupportedAlgorithm(alg) }
        guard let payload = try? JSONParser.parse(payloadBytes) else { throw .malformed("contenu JSON illisible") }
        guard signature.count == 64 else { throw .malformed("signature Ed25519 de 64 octets attendue") }
        self.header = header
        self.payload = payload
        self.signature = signature
        self.text = text
    }

    /// The bytes the signature covers: the first two parts and the dot between them.
    public var signingInput: [UInt8] {
        guard let lastDot = text.utf8.lastIndex(of: UInt8(ascii: ".")) else { return [] }
        return Array(text.utf8[..<lastDot])
    }

    /// Whether the signature is by the holder of this raw Ed25519 public key.
    public func isSigned(by publicKey: [UInt8]) -> Bool {
        SignatureCheck.isValid(signature: signature, message: signingInput, publicKey: publicKey)
    }

    /// SHA-256 of the serialization, in hex: what the printed attestation shows in short.
    public var fingerprint: String { Digest.sha256Hex(Array(text.utf8)) }
}
