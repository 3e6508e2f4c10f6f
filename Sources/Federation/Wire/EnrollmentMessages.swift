import Foundation
import Records

/// `POST /v1/enroll`: a node asks to join with an invitation code (protocol/federation.md, "Enrollment").
public struct EnrollmentRequest: WireMessage, Equatable {
    /// The invitation's secret (the code without its CA fingerprint).
    public var code: String
    public var structure: String
    public var sector: String
    /// Base64 of the Ed25519 and X25519 public keys (32 bytes each).
    public var signingKey: String
    public var encryptionKey: String
    /// The certificate request, PEM.
    public var csr: String
    /// Base64 signature, by the signing key, of the possession proof (`InvitationCode.possessionProof`).
    public var proof: String

    public init(code: String, structure: String, sector: String, signingKey: String, encryptionKey: String, csr: String, proof: String) {
        self.code = code
        self.structure = structure
        self.sector = sector
        self.signingKey = signingKey
        self.encryptionKey = encryptionKey
        self.csr = csr
        self.proof = proof
    }

    public init(wire: JSONValue) throws(WireError) {
        let r = WireReader(wire)
        code = try r.string("code")
        structure = try r.string("structure")
        signingKey = try r.string("signingKey")
        encryptionKey = try r.string("encryptionKey")
        sector = try r.string("sector")
        csr = try r.string("csr")
        proof = try r.string("proof")
    }

    public var wire: JSONValue {
        .object([
            "code": .string(code), "structure": .string(structure), "sector": .string(sector), "signingKey": .string(signingKey),
            "encryptionKey": .string(encryptionKey), "csr": .string(csr), "proof": .string(proof),
        ])
    }
}

/// The hub's answer to an enrollment: the node's certificate, the CA, who the hub is, and the
/// hub-signed member record that puts the node in the directory.
public struct EnrollmentResponse: WireMessage {
    public struct Hub: Sendable, Equatable {
        public var structure: String
        public var name: String
        /// Base64 of the hub's Ed25519 public key.
        public var signingKey: String
    }

    public var structure: String
    /// PEM.
    public var certificate: String
    public var ca: String
    public var hub: Hub
    public var member: Envelope

    public init(structure: String, certificate: String, ca: String, hub: Hub, member: Envelope) {
        self.structure = structure
        self.certificate = certificate
        self.ca = ca
        self.hub = hub
        self.member = member
    }

    public init(wire: JSONValue) throws(WireError) {
        let r = WireReader(wire)
        structure = try r.string("structure")
        certificate = try r.string("certificate")
        ca = try r.string("ca")
        let hub = try r.object("hub")
        self.hub = Hub(structure: try hub.string("structure"), name: try hub.string("name"), signingKey: try hub.string("signingKey"))
        guard let memberWire = wire["member"], let member = try? Envelope(wire: memberWire) else {
            throw WireError(field: "member", expected: "une enveloppe")
        }
        self.member = member
    }

    public var wire: JSONValue {
        .object([
            "structure": .string(structure), "certificate": .string(certificate), "ca": .string(ca),
            "hub": .object(["structure": .string(hub.structure), "name": .string(hub.name), "signingKey": .string(hub.signingKey)]),
            "member": member.wireJSON,
        ])
    }
}
