import Federation
import Foundation
import NetworkSupport
import TestSupport
import Testing

@testable import Records
@testable import Storage

@Suite("Visibility and sealed records", .serialized)
struct VisibilityTests {
    static let marker = "MARQUEUR-CONFIDENTIEL-7f3a"

    func addLocalNote(_ node: OpenNode) throws {
        let body = try CanonicalJSON.encode(.object(["text": .string("note locale \(Self.marker)-\(node.structureID)")]))
        try node.store.appendRaw(
            type: RecordType(rawValue: "local_note"),
            body: body,
            record: nil,
            as: node.author,
            visibility: .local,
            recipients: []
        )
    }

    @Test func noNodeEverReceivesARecordItIsNotEntitledTo() async throws {
        try await withTestNetwork { network in
            let a = try await network.addNode("CMP Béziers", sector: .sanitaire)
            let b = try await network.addNode("UEMO Montpellier", sector: .judiciaire)
            let c = try await network.addNode("Mission locale de Sète", sector: .informationOrientation)
            let nodes = [a, b, c]
            try await network.syncAll(nodes)
            for node in nodes {
                _ = try node.addOffer()
                try addLocalNote(node)
            }
            try a.appendSealed(Message(subject: "A→B \(Self.marker)", text: "secret A B"), to: [b.structureID])
            try b.appendSealed(Message(subject: "B→A,C \(Self.marker)", text: "secret B AC"), to: [a.structureID, c.structureID])
            try c.appendSealed(Message(subject: "C→A \(Self.marker)", text: "secret C A"), to: [a.structureID])
            try await network.syncAll(nodes)

            let all = try network.hub.store.envelopes()
            #expect(!all.contains { $0.header.visibility == .local }, "local records never reach the hub")
            for node in nodes {
                let held = try node.store.envelopes()
                for envelope in held {
                    let h = envelope.header
                    let entitled =
                        h.visibility == .network
                        || (h.visibility == .parties && (h.originStructure == node.structureID || h.recipients.contains(node.structureID)))
                        || (h.visibility == .local && h.originStructure == node.structureID)
                    #expect(entitled, "\(node.structureID) holds \(h.id) (\(h.visibility))")
                }
                // …and everything it is entitled to has arrived.
                let expected = all.filter {
                    $0.header.visibility == .network || $0.header.originStructure == node.structureID
                        || $0.header.recipients.contains(node.structureID)
                }
                #expect(Set(expected.map(\.id)).isSubset(of: Set(held.map(\.id))))
                var verifier = LogVerifier()
                verifier.learnKeys(from: held)
                #expect(verifier.verify(held, completeOrigins: [node.structureID]).isEmpty, "partial chains of others still verify")
            }
            let messagesAtC = try c.store.currentRecords(type: Message.recordType)
            #expect(messagesAtC.count == 2, "its own to A, and B's to A and C")
        }
    }

    @Test func sealedBodiesAreUnreadableAtTheHubAndReadableByTheParties() async throws {
        try await withTestNetwork { network in
            let a = try await network.addNode("A", sector: .social)
            let b = try await network.addNode("B", sector: .educatif)
            try await network.syncAll([a, b])
            let sent = try a.appendSealed(Message(subject: "Demande d'immersion", text: "Texte \(Self.marker)"), to: [b.structureID])
            try await network.syncAll([a, b])

            for path in [network.hub.directory.databasePath, network.hub.directory.databasePath + "-wal"] {
                if let data = FileManager.default.contents(atPath: path) {
                    #expect(data.range(of: Data(Self.marker.utf8)) == nil, "marker found in \(path)")
                }
            }
            #expect(try network.hub.store.envelopes().contains { $0.id == sent.id }, "the hub relays what it cannot read")
            for node in [a, b] {
                let record = try #require(try node.store.currentRecord(sent.header.record))
                let message = try Message.validated(JSONParser.parse(node.clearBody(of: record)))
                #expect(message.text == "Texte \(Self.marker)")
            }
            // A holder without the key says which key it would need instead of failing.
            let record = try #require(try b.store.currentRecord(sent.header.record))
            let sealed = try SealedBody(json: JSONParser.parse(record.body))
            #expect(throws: SealedBody.SealError.self) { try sealed.open(envelopeID: record.envelopeID, with: EncryptionIdentity()) }
            do { _ = try sealed.open(envelopeID: record.envelopeID, with: EncryptionIdentity()) } catch {
                #expect("\(error)".hasPrefix("contenu chiffré illisible ici") && "\(error)".contains("(x25519:"))
            }
            // The signature covers the ciphertexts: a wrapped key moved to another record does not open.
            #expect(throws: SealedBody.SealError.self) { try sealed.open(envelopeID: RecordID.make(), with: b.encryption) }
        }
    }

    @Test func sealedRecordsNeedKnownRecipients() async throws {
        try await withTestNetwork { network in
            let a = try await network.addNode("A", sector: .social)
            #expect(throws: StoreError.self) { try a.appendSealed(Message(subject: "x", text: "y"), to: [RecordID.make()]) }
            #expect(try a.store.envelopeCount() == 1)
        }
    }
}

@Suite("Restores", .serialized)
struct RestoreTests {
    @Test func aHubRestoredFromAnOldBackupGetsRePushedWhatItLost() async throws {
        try await withTestNetwork { network in
            let a = try await network.addNode("A", sector: .social)
            let b = try await network.addNode("B", sector: .sanitaire)
            _ = try a.addOffer(commune: "Montpellier")
            try await network.syncAll([a, b])
            let backup = network.root.appendingPathComponent("hub-backup.sqlite").path
            try network.hub.database.backup(to: backup)
            #expect(SecureFiles.mode(of: backup) == 0o600)

            _ = try a.addOffer(commune: "Béziers")
            _ = try b.addOffer(commune: "Sète")
            try await network.syncAll([a, b])
            let complete = try network.hub.shareableEnvelopeIDs()

            await network.stopHub()
            let restoredHub = try network.hub.directory.restoreDatabase(from: backup)
            #expect(try restoredHub.shareableEnvelopeIDs().count < complete.count)
            try await network.startHub(service: HubService(node: restoredHub))
            try await network.syncAll([a, b])
            #expect(try restoredHub.shareableEnvelopeIDs() == complete)
            #expect(try restoredHub.store.quarantineCount() == 0)
            for node in [a, b] { #expect(try node.store.searchOffers(OfferQuery()).total == 3) }
        }
    }

    @Test func aNodeRestoredFromAnOldBackupRecoversItsRecordsAndDoesNotFork() async throws {
        try await withTestNetwork { network in
            let node = try await network.addNode("Collège Les Garrigues", sector: .educatif)
            _ = try node.addOffer(commune: "Lunel")
            try await network.sync(node)
            let backup = network.root.appendingPathComponent("node-backup.sqlite").path
            try node.database.backup(to: backup)
            _ = try node.addOffer(commune: "Lodève")
            _ = try node.addOffer(commune: "Agde")
            try await network.sync(node)

            let restored = try node.directory.restoreDatabase(from: backup)
            #expect(try restored.store.searchOffers(OfferQuery()).total == 1)
            #expect(throws: StoreError.recoveryPending) { try restored.addOffer(commune: "Pézenas") }
            let report = try await network.sync(restored)
            #expect(report.recovered == 2)
            #expect(try restored.store.searchOffers(OfferQuery()).total == 3)
            _ = try restored.addOffer(commune: "Pézenas")
            try await network.sync(restored)
            #expect(try network.hub.store.quarantineCount() == 0)
            #expect(try network.hub.store.searchOffers(OfferQuery()).total == 4)
            #expect(try SyncState.load(restored).waiting == 0)
        }
    }
}

@Suite("Retracting private records")
struct PrivateRetractionTests {
    @Test func aPrivateRecordIsNotRetractedByATombstone() async throws {
        try await withTestNetwork { network in
            let a = try await network.addNode("A", sector: .social)
            let b = try await network.addNode("B", sector: .social)
            try await network.syncAll([a, b])
            let sent = try a.appendSealed(Message(subject: "x", text: "y"), to: [b.structureID])
            let before = try a.store.envelopeCount()
            #expect(throws: StoreError.privateRecordNotRetractable(sent.header.record)) {
                try a.store.retract(sent.header.record, reason: "", as: a.author)
            }
            #expect(try a.store.envelopeCount() == before)
        }
    }
}
