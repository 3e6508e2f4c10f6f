import Crypto
import Foundation
import NIOSSL
import Records
import Storage
import SwiftASN1
import X509

/// The node's side of enrollment (protocol/federation.md, "Enrollment").
public enum Enrollment {
    public struct Result: Sendable {
        public let hubStructure: String
        public let hubName: String
        public let memberName: String
    }

    /// 1. fetch the hub's CA and check it against the fingerprint carried by the code (before
    /// sending anything); 2. send a certificate request and a proof that we hold our signing
    /// key; 3. check what comes back (certificate, hub key, hub-signed member record) and save it.
    public static func enroll(node: OpenNode, hubURL: String, code codeText: String, now: Date = Date()) async throws -> Result {
        let code: InvitationCode
        do { code = try InvitationCode(parsing: codeText) } catch { throw TrustError.malformedInvitation }
        let files = TLSFiles(node.directory)
        let caPEM = try await fetchCA(hubURL: hubURL)
        let caCertificate = try Certificate(pemEncoded: caPEM)
        let found = CertificateAuthority.fingerprint(of: caCertificate)
        guard found == code.caFingerprint else { throw TrustError.fingerprintMismatch(expected: code.caFingerprint, found: found) }

        let (csr, keyPEM) = try files.makeCertificateRequest(structure: node.structureID)
        var serializer = DER.Serializer()
        try serializer.serialize(csr)
        let proofMessage = InvitationCode.possessionProof(
            secretHash: code.secretHash,
            structure: node.structureID,
            csrDigest: Digest.sha256Hex(serializer.serializedBytes)
        )
        let profile = try node.profile()
        let request = EnrollmentRequest(
            code: code.secret,
            structure: node.structureID,
            sector: profile?.sector.rawValue ?? Sector.social.rawValue,
            signingKey: Base64.encode(node.author.identity.publicKey),
            encryptionKey: Base64.encode(node.encryption.publicKey),
            csr: try csr.serializeAsPEM().pemString,
            proof: Base64.encode(try node.author.identity.sign(proofMessage))
        )
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates([try NIOSSLCertificate(bytes: Array(caPEM.utf8), format: .pem)])
        let response = try await HTTPSHubTransport.using(HTTPSHubTransport(baseURL: hubURL, tls: TLSPolicy.applied(to: tls))) {
            try await $0.enroll(request)
        }

        // Check everything before saving anything.
        let certificatePEM = response.certificate
        guard let certificate = try? Certificate(pemEncoded: certificatePEM),
            certificate.publicKey == csr.publicKey, caCertificate.publicKey.isValidSignature(certificate.signature, for: certificate)
        else {
            throw SyncError.malformedResponse("certificat reçu invalide")
        }
        let (hubStructure, hubKeyText, memberEnvelope) = (response.hub.structure, response.hub.signingKey, response.member)
        guard RecordID.isWellFormed(hubStructure), let hubKey = Base64.decode(hubKeyText), hubKey.count == 32 else {
            throw SyncError.malformedResponse("identité du hub ou fiche de membre absente")
        }
        do { try memberEnvelope.verify(publicKey: hubKey) } catch { throw SyncError.malformedResponse("fiche de membre mal signée : \(error)") }
        guard memberEnvelope.header.originStructure == hubStructure, memberEnvelope.header.type == Member.recordType,
            let member = try? Member.validated(memberEnvelope.bodyJSON()), member.structure == node.structureID,
            member.signingKey == Base64.encode(node.author.identity.publicKey),
            member.encryptionKey == Base64.encode(node.encryption.publicKey),
            member.certificateFingerprint == CertificateAuthority.fingerprint(of: certificate)
        else {
            throw SyncError.malformedResponse("la fiche de membre ne correspond pas à ce nœud")
        }
        try files.saveEnrollment(caPEM: caPEM, clientCertificatePEM: certificatePEM, clientKeyPEM: keyPEM)
        try node.settings.set(.hubStructureID, hubStructure)
        try node.settings.set(.hubSigningKey, hubKeyText)
        try node.settings.set(.hubURL, hubURL)
        return Result(hubStructure: hubStructure, hubName: response.hub.name, memberName: member.name)
    }

    /// The CA is fetched without verification on purpose: it is trusted only if its
    /// fingerprint equals the one the invitation code carries.
    static func fetchCA(hubURL: String) async throws -> String {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .none
        let (status, bytes) = try await HTTPSHubTransport.using(HTTPSHubTransport(baseURL: hubURL, tls: TLSPolicy.applied(to: tls))) {
            try await $0.raw(.GET, "/v1/ca", body: nil)
        }
        guard status == 200 else {
            throw SyncError.refused(
                ProtocolError(
                    status: status,
                    code: "ca_unavailable",
                    message: "Le hub n'a pas fourni son autorité de certification (HTTP \(status))."
                )
            )
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
