import Foundation
import NetworkSupport
import Records
import Storage
import TestSupport
import Testing

/// How holders treat erased envelopes and redactions that come in an unusual order or from the
/// wrong structure (protocol/federation.md, "Redactions").
@Suite("Redactions between nodes")
struct RedactionFederationTests {
    static func offer(_ node: OpenNode, commune: String) throws -> Envelope {
        try node.store.append(Offer.validated(Samples.offer(["commune": .string(commune)])), as: node.author)
    }

    @Test func anErasedVersionServedWithoutItsRedactionDoesNotHideTheRecord() async throws {
        try await withTestNetwork { network in
            let writer = try await network.addNode("Mission locale de Lodève", sector: .informationOrientation)
            let witness = try await network.addNode("Témoin", sector: .culturel)
            let first = try Self.offer(writer, commune: "Lodève")
            try await network.syncAll([writer, witness])
            let changed = try Offer.validated(Samples.offer(["commune": .string("Clermont-l'Hérault")]))
            let second = try writer.store.append(changed, record: first.header.record, as: writer.author)
            // A hub that wants the record gone serves its next version "erased", naming a redaction that does not exist.
            let forged = try Envelope(
                headerBytes: second.headerBytes,
                signature: second.signature,
                body: Array("{}".utf8),
                redactedBy: RecordID.make()
            )
            let outcome = try await witness.store.ingest([forged], mode: .pull)
            #expect(outcome.accepted == [second.id])
            let current = try #require(try witness.store.currentRecord(first.header.record))
            #expect(!current.retracted && current.envelopeID == first.id, "the record stays as it was")
            #expect(LogVerifier.erasures(in: try witness.store.envelopes()).faults.map(\.envelopeID) == [second.id])
        }
    }

    @Test func anEnvelopeArrivingWholeAfterItsRedactionIsErasedAtOnce() async throws {
        try await withTestNetwork { network in
            let writer = try await network.addNode("Mission locale de Lodève", sector: .informationOrientation)
            let witness = try await network.addNode("Témoin", sector: .culturel)
            try await network.syncAll([writer, witness])
            let offer = try Self.offer(writer, commune: "Lodève")
            let redaction = try #require(try writer.store.redact([offer.id], reason: .erasure, as: writer.author).first)
            // Out of the usual order: the redaction first, then the whole envelope it names.
            #expect(try await witness.store.ingest([redaction], mode: .pull).accepted == [redaction.id])
            #expect(try await witness.store.ingest([offer], mode: .pull).accepted == [offer.id])
            let held = try #require(try witness.store.versions(of: offer.header.record).first)
            #expect(held.redactedBy == redaction.id && held.body == Array("{}".utf8))
            #expect(try witness.store.currentRecord(offer.header.record)?.retracted == true)
            #expect(try witness.store.searchOffers(OfferQuery(limit: 10)).total == 0)
        }
    }

    @Test func onlyTheOtherPartyOfAnImmersionIsFollowed() async throws {
        try await withPair { pair in
            let id = try pair.request()
            try await pair.sync()
            let intruder = try await pair.network.addNode("Structure tierce", sector: .culturel)
            // A valid redaction of the intruder's own offer, naming the immersion's thread as if it were a party.
            let own = try Self.offer(intruder, commune: "Agde")
            try intruder.store.redact([own.id], reason: .erasure, threads: [id], as: intruder.author)
            try await pair.network.sync(intruder)
            try await pair.sync()
            for node in [pair.a, pair.b] {
                #expect(try node.store.currentRecords(type: Redaction.recordType, origin: node.structureID).isEmpty)
                #expect(try pair.state(id, on: node, today: "2027-01-16") != nil, "each party keeps its copy of the immersion")
            }
        }
    }
}
