import Foundation
import NetworkSupport
import Records
import Storage
import TestSupport
import Testing

/// A node pulling checks one signature per contiguous run of a chain and the others in a
/// background pass (protocol/federation.md, "Chain-tail verification").
@Suite("Chain-tail verification")
struct ChainTailVerificationTests {
    /// `count` offers signed by a new node, none of them synced, and a witness that knows its key.
    static func chain(_ count: Int, in network: TestNetwork) async throws -> (writer: OpenNode, witness: OpenNode, envelopes: [Envelope]) {
        let writer = try await network.addNode("Mission locale de Lodève", sector: .informationOrientation)
        let witness = try await network.addNode("Témoin", sector: .culturel)
        try await network.syncAll([writer, witness])
        // What the witness pulled so far (the directory, the profiles) was checked the same way.
        let setup = try await witness.store.checkDeferredSignatures(limit: 10_000)
        #expect(setup.checked > 0 && setup.failed.isEmpty && setup.remaining == 0)
        let envelopes = try (0..<count).map { n in
            try writer.store.append(Offer.validated(Samples.offer(["commune": .string(n.isMultiple(of: 2) ? "Lodève" : "Sète")])), as: writer.author)
        }
        return (writer, witness, envelopes)
    }

    /// The same header and body with another envelope's signature: the header is intact, its
    /// signature does not hold.
    static func badlySigned(_ envelope: Envelope, like other: Envelope) throws -> Envelope {
        try Envelope(headerBytes: envelope.headerBytes, signature: other.signature, body: envelope.body)
    }

    @Test func aPulledRunIsAcceptedOnItsLastSignatureAndTheOthersAreCheckedInTheBackground() async throws {
        try await withTestNetwork { network in
            let (_, witness, envelopes) = try await Self.chain(6, in: network)
            let outcome = try await witness.store.ingest(envelopes, mode: .pull)
            #expect(outcome.accepted == envelopes.map(\.id))
            #expect(try witness.store.pendingSignatureCount() == 5, "all but the last")
            #expect(try witness.store.searchOffers(OfferQuery(text: "Lodève", limit: 10)).total == 3)

            let pass = try await witness.store.checkDeferredSignatures(limit: 4)
            #expect(pass.checked == 4 && pass.failed.isEmpty && pass.remaining == 1)
            let last = try await witness.store.checkDeferredSignatures()
            #expect(last.checked == 1 && last.remaining == 0)
            #expect(try witness.store.quarantineCount() == 0)
        }
    }

    @Test func aLargePageIsStoredInPartsEachOnItsOwnLastSignature() async throws {
        try await withTestNetwork { network in
            let (_, witness, envelopes) = try await Self.chain(1_200, in: network)
            // Two parts (1,000 then 200): the second is verified while the first is written.
            let outcome = try await witness.store.ingest(envelopes, mode: .pull)
            #expect(outcome.accepted.count == 1_200 && outcome.rejected.isEmpty)
            #expect(try witness.store.pendingSignatureCount() == 1_198)
            #expect(try witness.store.currentRecord(envelopes[1_199].header.record) != nil)
        }
    }

    @Test func aPushIsVerifiedSignatureBySignature() async throws {
        try await withTestNetwork { network in
            let (writer, _, envelopes) = try await Self.chain(4, in: network)
            try await network.sync(writer)
            #expect(try network.hub.store.pendingSignatureCount() == 0)
            #expect(try network.hub.store.currentRecord(envelopes[0].header.record) != nil)
        }
    }

    @Test func aSignatureThatDoesNotHoldInsideAnAuthenticatedRunIsQuarantinedByTheBackgroundPass() async throws {
        try await withTestNetwork { network in
            let (_, witness, envelopes) = try await Self.chain(4, in: network)
            var received = envelopes
            received[1] = try Self.badlySigned(envelopes[1], like: envelopes[2])
            let outcome = try await witness.store.ingest(received, mode: .pull)
            // Its header is bound to the last one's signature by the `prev` hashes: authentic.
            #expect(outcome.accepted == envelopes.map(\.id))
            let pass = try await witness.store.checkDeferredSignatures()
            #expect(pass.checked == 3 && pass.failed == [envelopes[1].id] && pass.remaining == 0)
            #expect(try witness.store.quarantineCount() == 1)
            #expect(try witness.store.currentRecord(envelopes[1].header.record) != nil, "it keeps its place")
        }
    }

    @Test func whenTheLastSignatureFailsEveryEnvelopeOfTheRunIsCheckedOnItsOwn() async throws {
        try await withTestNetwork { network in
            let (_, witness, envelopes) = try await Self.chain(4, in: network)
            var received = envelopes
            received[3] = try Self.badlySigned(envelopes[3], like: envelopes[0])
            received[1] = try Self.badlySigned(envelopes[1], like: envelopes[0])
            let outcome = try await witness.store.ingest(received, mode: .pull)
            #expect(Set(outcome.rejected.map(\.envelopeID)) == [envelopes[1].id, envelopes[3].id])
            #expect(outcome.rejected.allSatisfy { $0.reason.contains("signature invalide") })
            #expect(outcome.accepted == [envelopes[0].id, envelopes[2].id])
            #expect(try witness.store.pendingSignatureCount() == 0, "nothing was left unchecked")
        }
    }

    @Test func aChangedHeaderBreaksTheRunAndIsRefused() async throws {
        try await withTestNetwork { network in
            let (_, witness, envelopes) = try await Self.chain(3, in: network)
            // Another body under a header rewritten to match it: the next envelope's `prev` no
            // longer names it, so it must stand on its own signature, and cannot.
            let original = envelopes[1]
            let body = Array(try CanonicalJSON.encode(Samples.offer(["commune": .string("Agde")])))
            guard case .object(var fields) = try JSONParser.parse(original.headerBytes) else { throw TestFailure("header") }
            fields["bodyHash"] = .string(Digest.sha256Hex(body))
            let forged = try Envelope(headerBytes: CanonicalJSON.encode(.object(fields)), signature: original.signature, body: body)
            let outcome = try await witness.store.ingest([envelopes[0], forged, envelopes[2]], mode: .pull)
            #expect(outcome.rejected.map(\.envelopeID) == [original.id])
            #expect(outcome.accepted == [envelopes[0].id, envelopes[2].id])
            #expect(try witness.store.pendingSignatureCount() == 0)
        }
    }

    @Test func aRevocationStillDecidesEachHeaderOnItsOwn() async throws {
        try await withTestNetwork { network in
            let (writer, witness, envelopes) = try await Self.chain(2, in: network)
            try await network.sync(writer)
            _ = try network.administration.revoke(structure: writer.structureID, reason: "Clé perdue", by: .commandLine)
            try await network.sync(witness)
            _ = try await witness.store.checkDeferredSignatures()
            // Signed after the revocation, chained to what came before: refused, and what it
            // would have authenticated stands on its own signature.
            let after = try (0..<2).map { _ in try writer.store.append(Offer.validated(Samples.offer()), as: writer.author) }
            let outcome = try await witness.store.ingest(envelopes + after, mode: .pull)
            #expect(outcome.duplicates == 2)
            #expect(outcome.rejected.map(\.envelopeID) == after.map(\.id))
            #expect(outcome.rejected.allSatisfy { $0.reason.contains("révoquée") })
            #expect(try witness.store.pendingSignatureCount() == 0)
        }
    }
}

struct TestFailure: Error {
    let what: String
    init(_ what: String) { self.what = what }
}
