import Foundation
import NetworkSupport
import Records
import Storage
import SwiftASN1
import TestSupport
import Testing
import X509

@testable import Federation

/// A node renews its client certificate by itself before it expires (protocol/federation.md,
/// "Certificate renewal"), over real mutual TLS on 127.0.0.1.
@Suite("Automatic certificate renewal")
struct CertificateRenewalTests {
    /// A renewal request for a new key, signed with `signer`'s signing key (the node's own by default).
    func request(for node: OpenNode, signedBy signer: Author? = nil) throws -> RenewalRequest {
        let (csr, _) = try TLSFiles(node.directory).makeCertificateRequest(structure: node.structureID)
        var serializer = DER.Serializer()
        try serializer.serialize(csr)
        let proof = try (signer ?? node.author).identity.sign(
            RenewalRequest.proof(structure: node.structureID, csrDigest: Digest.sha256Hex(serializer.serializedBytes))
        )
        return RenewalRequest(csr: try csr.serializeAsPEM().pemString, proof: Base64.encode(proof))
    }

    @Test func aNodeRenewsItsCertificateWithinThirtyDaysOfItsEndAndKeepsSyncing() async throws {
        try await withTestNetwork { network in
            let node = try await network.addNode("CMP de Béziers", sector: .sanitaire)
            let other = try await network.addNode("Collège de Sète", sector: .educatif)
            let files = TLSFiles(node.directory)
            let sync = try network.synchronizer(for: node)
            try await sync.syncOnce()
            let oldFingerprint = try files.clientCertificateFingerprint()
            let oldTLS = try files.clientConfiguration()
            let expiry = try #require(files.certificateExpiry())

            // Not yet due: nothing is asked.
            #expect(try await sync.renewCertificateIfDue(now: expiry.addingTimeInterval(-31 * 86_400)) == false)
            #expect(try files.clientCertificateFingerprint() == oldFingerprint)

            // Within 30 days of the end: a new key and certificate, known to the hub, used at once.
            #expect(try await sync.renewCertificateIfDue(now: expiry.addingTimeInterval(-29 * 86_400)) == true)
            let newFingerprint = try files.clientCertificateFingerprint()
            #expect(newFingerprint != oldFingerprint)
            #expect(try network.hub.members.member(certificateFingerprint: newFingerprint)?.structure == node.structureID)
            #expect(try network.hub.members.member(certificateFingerprint: oldFingerprint) == nil)
            #expect(SecureFiles.mode(of: files.clientKeyPath) == 0o600)
            let offer = try node.addOffer(commune: "Béziers")
            #expect(try await sync.syncOnce().pushed == 1, "the same synchronizer goes on with the renewed certificate")

            // The old certificate no longer syncs…
            let old = HTTPSHubTransport(baseURL: network.url, tls: oldTLS)
            await #expect(throws: SyncError.self) { _ = try await old.head() }
            // …but may still ask for a renewal (a node whose answer was lost on the way).
            let again = try await old.renew(try request(for: node))
            #expect(again.member.header.type == Member.recordType)
            await old.shutdown()

            // The other members learn the new fingerprint from the hub's member record.
            try await network.sync(other)
            #expect(try other.members.entries().contains { $0.structure == node.structureID })
            #expect(try other.store.currentRecord(offer.header.record) != nil)
        }
    }

    @Test func aRenewalSignedWithAnotherKeyIsRefusedAndChangesNothing() async throws {
        try await withTestNetwork { network in
            let node = try await network.addNode("CMP de Béziers", sector: .sanitaire)
            let intruder = try await network.addNode("Collège de Sète", sector: .educatif)
            let transport = try network.transport(for: node)
            let before = try network.hub.store.envelopeCount()
            do {
                _ = try await transport.renew(try request(for: node, signedBy: intruder.author))
                Issue.record("a renewal with a proof from another key was accepted")
            } catch SyncError.refused(let error) {
                #expect(error.code == "renewal_refused")
                #expect(error.message.contains("clé de signature"))
            }
            #expect(try network.hub.store.envelopeCount() == before)
        }
    }

    @Test func aRenewalInterruptedAfterItsStagingIsCompletedAtTheNextStart() throws {
        let root = TestPaths.temporaryDirectory("renewal-staging")
        let directory = try NodeDirectory.create(at: root.appendingPathComponent("node").path) { s, e in
            StructureProfile(name: "CMP", sector: .sanitaire, signingKey: s, encryptionKey: e)
        }
        let files = TLSFiles(directory.directory)
        // The pair the node had, and a staged renewal the process did not get to copy over it.
        try FileManager.default.createDirectory(at: files.tlsDirectory, withIntermediateDirectories: true)
        try SecureFiles.writeSecret("OLD KEY\n", to: files.clientKeyPath)
        try Data("OLD CERTIFICATE\n".utf8).write(to: URL(fileURLWithPath: files.clientCertificatePath))
        try SecureFiles.writeSecret(
            "-----BEGIN PRIVATE KEY-----\nNEW\n-----END PRIVATE KEY-----\n\n-----BEGIN CERTIFICATE-----\nNEW\n-----END CERTIFICATE-----\n",
            to: files.renewalPath
        )
        try files.applyPendingRenewal()
        #expect(try String(contentsOfFile: files.clientKeyPath, encoding: .utf8).contains("BEGIN PRIVATE KEY-----\nNEW"))
        #expect(try String(contentsOfFile: files.clientCertificatePath, encoding: .utf8).hasPrefix("-----BEGIN CERTIFICATE-----\nNEW"))
        #expect(!FileManager.default.fileExists(atPath: files.renewalPath))
        #expect(SecureFiles.mode(of: files.clientKeyPath) == 0o600)
    }
}
