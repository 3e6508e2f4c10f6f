import Foundation
import Records

/// `POST /v1/renew`: an enrolled node asks, over its still valid client certificate, for a new
/// one before it expires (protocol/federation.md, "Certificate renewal").
public struct RenewalRequest: WireMessage, Equatable {
    /// The certificate request for the node's new TLS key, PEM.
    public var csr: String
    /// Base64 signature, by the node's signing key, of `RenewalRequest.proof(structure:csrDigest:)`.
    public var proof: String

    public init(csr: String, proof: String) {
        self.csr = csr
        self.proof = proof
    }

    public init(wire: JSONValue) throws(WireError) {
        let r = WireReader(wire)
        csr = try r.string("csr")
        proof = try r.string("proof")
    }

    public var wire: JSONValue { .object(["csr": .string(csr), "proof": .string(proof)]) }

    /// What the signing key signs: the structure and the SHA-256 (hex) of the DER request, under
    /// a label no other signature of the protocol uses.
    public static func proof(structure: String, csrDigest: String) -> [UInt8] {
        Array("vmvp/renew/v1\u{0}\(structure)\u{0}\(csrDigest)".utf8)
    }
}

/// The hub's answer to a renewal: the new certificate and the hub-signed member record that
/// names its fingerprint (the old certificate is unknown to the hub from then on).
public struct RenewalResponse: WireMessage {
    /// PEM.
    public var certificate: String
    public var member: Envelope

    public init(certificate: String, member: Envelope) {
        self.certificate = certificate
        self.member = member
    }

    public init(wire: JSONValue) throws(WireError) {
        let r = WireReader(wire)
        certificate = try r.string("certificate")
        guard let memberWire = wire["member"], let member = try? Envelope(wire: memberWire) else {
            throw WireError(field: "member", expected: "une enveloppe")
        }
        self.member = member
    }

    public var wire: JSONValue { .object(["certificate": .string(certificate), "member": member.wireJSON]) }
}
