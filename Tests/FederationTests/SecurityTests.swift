import Crypto
import Federation
import Foundation
import NIOSSL
import NetworkSupport
import TestSupport
import Testing
import Workflow

@testable import Records
@testable import Storage

@Suite("Refusals at the hub", .serialized)
struct SecurityTests {
    /// Pushes raw envelopes as `node` and returns the hub's answer.
    func push(_ envelopes: [JSONValue], as node: OpenNode, _ network: TestNetwork) async throws -> JSONValue {
        try await network.transport(for: node).call(
            .POST,
            "/v1/push",
            body: .object(["batch": .string(RecordID.make()), "envelopes": .array(envelopes)])
        )
    }

    func reasons(_ response: JSONValue) -> [String] {
        (response["rejected"]?.arrayValue ?? []).compactMap { $0["reason"]?.stringValue }
    }

    /// A correctly chained, signed next envelope for `node`, built by hand so it can be altered.
    func nextEnvelope(
        for node: OpenNode,
        identity: SigningIdentity? = nil,
        origin: String? = nil,
        seq: Int64? = nil,
        prev: String? = nil,
        body: JSONValue = Samples.offerJSON(),
        type: RecordType = .offer
    ) throws -> Envelope {
        let head = try node.store.head(origin: node.structureID)
        let identity = identity ?? node.author.identity
        let bytes = try CanonicalJSON.encode(body)
        let id = RecordID.make()
        let header = EnvelopeHeader(
            id: id,
            record: id,
            type: type,
            originStructure: origin ?? node.structureID,
            originKey: identity.keyID,
            seq: seq ?? (head?.seq ?? 0) + 1,
            prev: prev ?? head?.hash ?? Digest.genesis,
            created: .now(),
            visibility: .network,
            recipients: [],
            bodyHash: Digest.sha256Hex(bytes)
        )
        return try Envelope.sign(header: header, body: bytes, with: identity)
    }

    @Test func tamperedWronglyKeyedAndForeignRecordsAreRejectedWithAReason() async throws {
        try await withTestNetwork { network in
            let node = try await network.addNode("CMP Béziers", sector: .sanitaire)
            let other = try await network.addNode("CER de l'Hérault", sector: .judiciaire)
            try await network.syncAll([node, other])
            let good = try nextEnvelope(for: node)

            // Tampered header: a field changed after signing.
            guard case .object(var wire) = good.wireJSON, case .object(var header) = wire["header"] else { return }
            header["created"] = .string("2020-01-01T00:00:00.000Z")
            wire["header"] = .object(header)
            var response = try await push([.object(wire)], as: node, network)
            #expect(reasons(response).first?.contains("signature invalide") == true)

            // Tampered body.
            var body = good.body
            body[20] ^= 1
            let tamperedBody = try Envelope(headerBytes: good.headerBytes, signature: good.signature, body: body)
            response = try await push([tamperedBody.wireJSON], as: node, network)
            #expect(reasons(response).first?.contains("empreinte") == true)

            // Signed by a key the directory does not bind to this structure.
            let stranger = SigningIdentity()
            response = try await push([try nextEnvelope(for: node, identity: stranger).wireJSON], as: node, network)
            #expect(reasons(response).first?.contains("inconnue") == true)

            // Another structure's record, pushed by this node.
            let foreign = try nextEnvelope(for: other)
            response = try await push([foreign.wireJSON], as: node, network)
            #expect(reasons(response).first?.contains("un nœud ne pousse que ses propres enregistrements") == true)

            // A local record must never leave its node.
            let localBody = try CanonicalJSON.encode(.object(["reason": .string("x")]))
            let head = try node.store.head(origin: node.structureID)
            let localID = RecordID.make()
            let local = try Envelope.sign(
                header: EnvelopeHeader(
                    id: localID,
                    record: localID,
                    type: .tombstone,
                    originStructure: node.structureID,
                    originKey: node.author.identity.keyID,
                    seq: (head?.seq ?? 0) + 1,
                    prev: head?.hash ?? Digest.genesis,
                    created: .now(),
                    visibility: .local,
                    recipients: [],
                    bodyHash: Digest.sha256Hex(localBody)
                ),
                body: localBody,
                with: node.author.identity
            )
            response = try await push([local.wireJSON], as: node, network)
            #expect(reasons(response).first?.contains("ne doit jamais quitter") == true)

            // Malformed JSON and wrong types get a clear error and store nothing.
            let count = try network.hub.store.envelopeCount()
            await #expect {
                try await network.transport(for: node).call(.POST, "/v1/push", body: .object(["batch": .integer(3)]))
            } throws: { error in
                guard case SyncError.refused(let refusal) = error else { return false }
                return refusal.status == 400 && refusal.message.contains("batch")
            }
            #expect(try network.hub.store.envelopeCount() == count)

            // None of the above was stored; the genuine record still goes through.
            response = try await push([good.wireJSON], as: node, network)
            #expect(response["accepted"]?.arrayValue?.count == 1)
        }
    }

    @Test func aReusedSequenceWithAnotherHashIsQuarantined() async throws {
        try await withTestNetwork { network in
            let node = try await network.addNode("Lycée Joffre", sector: .educatif)
            _ = try node.addOffer()
            try await network.sync(node)
            let head = try #require(try node.store.head(origin: node.structureID))
            let previous = try #require(try node.store.envelopeHash(origin: node.structureID, seq: head.seq - 1))
            let fork = try nextEnvelope(for: node, seq: head.seq, prev: previous, body: Samples.offer(["commune": .string("Agde")]))
            let response = try await push([fork.wireJSON], as: node, network)
            #expect(response["forks"]?.arrayValue?.first?["reason"]?.stringValue?.contains("fourche") == true)
            #expect(try network.hub.store.quarantineCount() == 1)
            #expect(try network.hub.store.envelopeHash(origin: node.structureID, seq: head.seq) == head.hash, "the original stays")
        }
    }

    @Test func invalidContentKeepsItsPlaceButIsNeverRelayed() async throws {
        try await withTestNetwork { network in
            let node = try await network.addNode("Centre social", sector: .socioEducatif)
            let reader = try await network.addNode("Lecteur", sector: .social)
            try await network.sync(node)
            let invalid = try nextEnvelope(for: node, body: Samples.offer(["durationHalfDays": .integer(40)]))
            let response = try await push([invalid.wireJSON], as: node, network)
            #expect(response["withheld"]?.arrayValue?.first?["reason"]?.stringValue?.contains("durationHalfDays") == true)
            #expect(response["head"]?["seq"] == .integer(invalid.header.seq), "the chain goes on")
            try await network.sync(reader)
            #expect(try reader.store.envelopes().contains { $0.id == invalid.id } == false)
        }
    }

    @Test func connectionsWithoutAValidMemberCertificateAreRefused() async throws {
        try await withTestNetwork { network in
            let node = try await network.addNode("PJJ", sector: .judiciaire)
            let caPath = TLSFiles(network.hub.directory).trustedCAPath

            // No client certificate: TLS succeeds (enrollment needs it) but every sync route refuses.
            var anonymous = TLSConfiguration.makeClientConfiguration()
            anonymous.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caPath))
            let noCert = HTTPSHubTransport(baseURL: network.url, tls: anonymous)
            await #expect {
                try await noCert.call(.GET, "/v1/head", body: nil)
            } throws: { error in
                guard case SyncError.refused(let refusal) = error else { return false }
                return refusal.code == "certificate_required"
            }
            await noCert.shutdown()

            // A certificate from another network's CA: the TLS handshake fails.
            try await withTestNetwork(label: "elsewhere") { elsewhere in
                let stranger = try await elsewhere.addNode("Autre réseau", sector: .social)
                var foreign = try TLSFiles(stranger.directory).clientConfiguration()
                foreign.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caPath))
                let otherCA = HTTPSHubTransport(baseURL: network.url, tls: foreign, connectTimeout: .seconds(2))
                await #expect {
                    try await otherCA.call(.GET, "/v1/head", body: nil)
                } throws: { error in
                    guard case SyncError.unreachable = error else { return false }
                    return true
                }
                await otherCA.shutdown()

                // The hub's own server certificate is not a client certificate.
                let hubFiles = TLSFiles(network.hub.directory)
                var serverAsClient = TLSConfiguration.makeClientConfiguration()
                serverAsClient.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caPath))
                serverAsClient.certificateChain = try NIOSSLCertificate.fromPEMFile(hubFiles.serverCertificatePath).map { .certificate($0) }
                serverAsClient.privateKey = .privateKey(try NIOSSLPrivateKey(file: hubFiles.serverKeyPath, format: .pem))
                let misuse = HTTPSHubTransport(baseURL: network.url, tls: serverAsClient, connectTimeout: .seconds(2))
                await #expect(throws: SyncError.self) { try await misuse.call(.GET, "/v1/head", body: nil) }
                await misuse.shutdown()

                // The genuine member is served.
                try await network.sync(node)
            }
        }
    }

    @Test func aRevokedStructureIsRefusedAtOnceAndItsLaterRecordsRejectedEverywhere() async throws {
        try await withTestNetwork { network in
            let revoked = try await network.addNode("Structure révoquée", sector: .social)
            let witness = try await network.addNode("Témoin", sector: .culturel)
            let before = try revoked.addOffer(commune: "Montpellier")
            try await network.syncAll([revoked, witness])
            _ = try network.administration.revoke(structure: revoked.structureID, reason: "Clé perdue", by: .commandLine)

            await #expect {
                try await network.synchronizer(for: revoked).syncOnce()
            } throws: { error in
                guard case SyncError.refused(let refusal) = error else { return false }
                return refusal.code == "revoked_certificate" && refusal.message.contains("révoqué")
            }

            try await network.sync(witness)
            // Records signed before the revocation remain valid; one signed after is rejected,
            // even if it reached the witness by another path.
            #expect(try witness.store.currentRecord(before.header.record) != nil)
            let after = try revoked.addOffer(commune: "Lunel")
            let outcome = try await witness.store.ingest([after], mode: .pull)
            #expect(outcome.rejected.first?.reason.contains("révoquée") == true)
            #expect(try witness.store.currentRecord(after.header.record) == nil)
        }
    }

    @Test func oversizedBodiesAreRefused() async throws {
        try await withTestNetwork { network in
            let node = try await network.addNode("Gros envoi", sector: .social)
            let many = Array(repeating: JSONValue.object([:]), count: 1001)
            await #expect {
                try await network.transport(for: node).call(
                    .POST,
                    "/v1/push",
                    body: .object(["batch": .string(RecordID.make()), "envelopes": .array(many)])
                )
            } throws: { error in
                guard case SyncError.refused(let refusal) = error else { return false }
                return refusal.code == "batch_too_large"
            }
        }
    }

    /// A signed, chained envelope whose body is a valid JSON object of about `size` bytes.
    func bulkyEnvelope(for node: OpenNode, type: RecordType, size: Int) throws -> Envelope {
        let head = try node.store.head(origin: node.structureID)
        let bytes = try CanonicalJSON.encode(.object(["x": .string(String(repeating: "x", count: size - 8))]))
        let id = RecordID.make()
        let header = EnvelopeHeader(
            id: id,
            record: id,
            type: type,
            originStructure: node.structureID,
            originKey: node.author.identity.keyID,
            seq: (head?.seq ?? 0) + 1,
            prev: head?.hash ?? Digest.genesis,
            created: .now(),
            visibility: .network,
            recipients: [],
            bodyHash: Digest.sha256Hex(bytes)
        )
        return try Envelope.sign(header: header, body: bytes, with: node.author.identity)
    }

    @Test func recordsOfUnknownTypesOrOversizedAreRefusedAndStallNobody() async throws {
        try await withTestNetwork { network in
            let node = try await network.addNode("Nœud bavard", sector: .social)
            let other = try await network.addNode("Autre nœud", sector: .educatif)
            try await network.syncAll([node, other])
            let before = try network.hub.store.envelopeCount()
            // What stalled two nodes before: a valid 10 MB record of an unknown type.
            var response = try await push(
                [try bulkyEnvelope(for: node, type: RecordType(rawValue: "future_type"), size: 10_000_000).wireJSON],
                as: node,
                network
            )
            #expect(reasons(response).first?.contains("type d'enregistrement inconnu « future_type »") == true, "\(reasons(response))")
            response = try await push([try bulkyEnvelope(for: node, type: .offer, size: 300 * 1024).wireJSON], as: node, network)
            #expect(reasons(response).first?.contains("trop volumineux : 300 Kio pour 256 Kio au plus") == true, "\(reasons(response))")
            #expect(try network.hub.store.envelopeCount() == before, "the hub stored neither")
            // Nor does a node write one itself.
            #expect(throws: StoreError.self) {
                try node.store.appendRaw(
                    type: .offer,
                    body: Array(repeating: 32, count: 300 * 1024),
                    record: nil,
                    as: node.author,
                    visibility: .network,
                    recipients: []
                )
            }
            try node.addOffer()
            try await network.syncAll([node, other])
            #expect(try other.store.currentRecords(type: .offer).count == 1, "the others keep syncing")
        }
    }

    @Test func pagesAreBoundedByBytesAsWellAsByCount() async throws {
        try await withTestNetwork { network in
            // A hub whose pages hold about three offers' worth of bytes.
            await network.stopHub()
            try await network.startHub(service: try HubService(node: network.hub, pageBytes: 10_000))
            let writer = try await network.addNode("Écrivain", sector: .social)
            let reader = try await network.addNode("Lecteur", sector: .educatif)
            for _ in 0..<12 { try writer.addOffer() }
            try await network.sync(writer)
            let page = try await network.transport(for: reader).call(.GET, "/v1/changes?since=0&limit=1000", body: nil)
            let envelopes = try #require(page["envelopes"]?.arrayValue)
            let bytes = try envelopes.map { try Envelope(wire: $0) }.map { $0.headerBytes.count + $0.signature.count + $0.body.count }
            #expect(envelopes.count >= 1 && envelopes.count < 14 && page["more"] == .bool(true))
            #expect(bytes.dropLast().reduce(0, +) <= 10_000, "the page stops once its bytes pass the bound")
            let report = try await network.sync(reader)
            let offers = try reader.store.currentRecords(type: .offer).count
            #expect(report.pulled >= 12 && offers == 12, "the reader still gets everything, page by page")
        }
    }
}
