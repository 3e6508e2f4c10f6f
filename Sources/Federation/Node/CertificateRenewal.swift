import Foundation
import Records
import Storage
import SwiftASN1
import X509

extension Synchronizer {
    /// A node renews its client certificate by itself once it expires within this time (30 days),
    /// so that no structure falls off the network because someone forgot a date.
    public static let renewalWindow: Duration = .seconds(30 * 86_400)

    /// Renews the node's client certificate when it expires within `renewalWindow` of `now`
    /// (protocol/federation.md, "Certificate renewal"): a new TLS key, a request for it signed
    /// with the structure's signing key, sent over the current certificate; the answer is checked
    /// (issued by our CA for that key, with the hub's member record naming it) before the new pair
    /// replaces the old one, and the transport uses it from the next request. True when renewed.
    @discardableResult
    public func renewCertificateIfDue(now: Date = Date()) async throws -> Bool {
        let files = TLSFiles(node.directory)
        guard let https = transport as? HTTPSHubTransport, let expiry = files.certificateExpiry(),
            expiry.timeIntervalSince(now) < Double(Self.renewalWindow.components.seconds)
        else { return false }

        let (csr, keyPEM) = try files.makeCertificateRequest(structure: node.structureID)
        var serializer = DER.Serializer()
        try serializer.serialize(csr)
        let proof = try node.author.identity.sign(
            RenewalRequest.proof(structure: node.structureID, csrDigest: Digest.sha256Hex(serializer.serializedBytes))
        )
        let response = try await transport.renew(RenewalRequest(csr: try csr.serializeAsPEM().pemString, proof: Base64.encode(proof)))

        // Check everything before replacing anything.
        let ca = try Certificate(pemEncoded: try String(contentsOfFile: files.trustedCAPath, encoding: .utf8))
        guard let certificate = try? Certificate(pemEncoded: response.certificate), certificate.publicKey == csr.publicKey,
            ca.publicKey.isValidSignature(certificate.signature, for: certificate)
        else { throw SyncError.malformedResponse("certificat renouvelé invalide") }
        guard let hubKey = (try node.settings[.hubSigningKey]).flatMap(Base64.decode), (try? response.member.verify(publicKey: hubKey)) != nil,
            response.member.header.type == Member.recordType,
            let member = try? Member.validated(response.member.bodyJSON()), member.structure == node.structureID,
            member.certificateFingerprint == CertificateAuthority.fingerprint(of: certificate)
        else { throw SyncError.malformedResponse("la fiche de membre ne nomme pas le certificat renouvelé") }

        try files.saveRenewal(clientCertificatePEM: response.certificate, clientKeyPEM: keyPEM)
        await https.reload(tls: try files.clientConfiguration())
        return true
    }
}
