import Foundation
import TestSupport
import Testing

@testable import Records
@testable import Storage

@Suite("Record store")
struct RecordStoreTests {
    let directory = TestPaths.temporaryDirectory("store")

    func makeNode(name: String = "CMP Béziers", sector: Sector = .sanitaire) throws -> OpenNode {
        try NodeDirectory.create(at: directory.appendingPathComponent(UUID().uuidString).path) { signing, encryption in
            StructureProfile(name: name, sector: sector, signingKey: signing, encryptionKey: encryption)
        }
    }

    @Test func initCreatesKeysWithPrivateModesAndASignedProfile() throws {
        let node = try makeNode()
        #expect(SecureFiles.mode(of: node.directory.signingKeyPath) == 0o600)
        #expect(SecureFiles.mode(of: node.directory.encryptionKeyPath) == 0o600)
        #expect(SecureFiles.mode(of: node.directory.keysDirectory.path) == 0o700)
        #expect(SecureFiles.mode(of: node.directory.databasePath) == 0o600)
        let profile = try #require(try node.profile())
        #expect(profile.name == "CMP Béziers")
        #expect(profile.signingKey == Base64.encode(node.author.identity.publicKey))
        let reopened = try node.directory.open()
        #expect(reopened.structureID == node.structureID)
        #expect(reopened.author.identity.keyID == node.author.identity.keyID)
    }

    @Test func initTwiceChangesNothing() throws {
        let node = try makeNode()
        #expect(throws: StoreError.alreadyInitialized(node.directory.path)) {
            try NodeDirectory.create(at: node.directory.path) { s, e in
                StructureProfile(name: "Autre", sector: .social, signingKey: s, encryptionKey: e)
            }
        }
        #expect(try node.directory.open().profile()?.name == "CMP Béziers")
    }

    @Test func invalidProfileCreatesNothing() throws {
        let path = directory.appendingPathComponent("bad").path
        #expect(throws: StoreError.self) {
            try NodeDirectory.create(at: path) { s, e in StructureProfile(name: " ", sector: .social, signingKey: s, encryptionKey: e) }
        }
        #expect(!FileManager.default.fileExists(atPath: NodeDirectory(path: path).signingKeyPath))
        #expect(!NodeDirectory(path: path).exists)
    }

    @Test func appendsFormAGaplessVerifiableChain() throws {
        let node = try makeNode()
        for n in 0..<5 {
            try node.store.append(Offer.validated(Samples.offer(["commune": .string("Commune \(n)")])), as: node.author)
        }
        let envelopes = try node.store.envelopes()
        #expect(envelopes.map(\.header.seq) == [1, 2, 3, 4, 5, 6])
        var verifier = LogVerifier()
        verifier.learnKeys(from: envelopes)
        #expect(verifier.verify(envelopes).isEmpty)
        #expect(try node.store.head(origin: node.structureID)?.seq == 6)
    }

    @Test func searchIgnoresAccentsAndCase() throws {
        let node = try makeNode()
        try node.store.append(Offer.validated(Samples.offer(["observableMissions": .string("Scolarité et Éducation spécialisée")])), as: node.author)
        for text in ["education", "Éducation", "EDUCATION", "educ", "scolarite specialisee"] {
            #expect(try node.store.searchOffers(OfferQuery(text: text)).total == 1, "\(text)")
        }
        #expect(try node.store.searchOffers(OfferQuery(text: "gendarmerie")).total == 0)
        // FTS syntax typed by a user is treated as words, never as a query error.
        #expect(try node.store.searchOffers(OfferQuery(text: "\"educ* OR (NEAR")).total == 0)
        #expect(try node.store.searchOffers(OfferQuery(text: "éducation \"")).total == 1)
    }

    @Test func searchFiltersBySectorCommuneMonthAndDuration() throws {
        let node = try makeNode(sector: .sanitaire)
        try node.store.append(
            Offer.validated(
                Samples.offer([
                    "commune": .string("Sète"),
                    "possiblePeriods": .array([.object(["from": .string("2027-03-20"), "to": .string("2027-04-10")])]),
                ])
            ),
            as: node.author
        )
        try node.store.append(Offer.validated(Samples.offer(["commune": .string("Lunel"), "durationHalfDays": .integer(2)])), as: node.author)
        #expect(try node.store.searchOffers(OfferQuery()).total == 2)
        #expect(try node.store.searchOffers(OfferQuery(sector: .sanitaire)).total == 2)
        #expect(try node.store.searchOffers(OfferQuery(sector: .judiciaire)).total == 0)
        #expect(try node.store.searchOffers(OfferQuery(commune: "sète")).hits.map(\.offer.commune) == ["Sète"])
        #expect(try node.store.searchOffers(OfferQuery(month: Period.month("2027-04"))).hits.map(\.offer.commune) == ["Sète"])
        #expect(try node.store.searchOffers(OfferQuery(month: Period.month("2027-03"))).total == 2)
        #expect(try node.store.searchOffers(OfferQuery(month: Period.month("2027-05"))).total == 0)
        #expect(try node.store.searchOffers(OfferQuery(maxDurationHalfDays: 3)).hits.map(\.offer.commune) == ["Lunel"])
        let page = try node.store.searchOffers(OfferQuery(limit: 1, offset: 1))
        #expect(page.total == 2 && page.hits.count == 1)
        #expect(page.hits.first?.structureName == "CMP Béziers")
    }

    @Test func onlyPublishedOffersAreFound() throws {
        let node = try makeNode()
        let draft = try node.store.append(Offer.validated(Samples.offer(["status": .string("draft")])), as: node.author)
        #expect(try node.store.searchOffers(OfferQuery(text: "education")).total == 0)
        try node.store.append(Offer.validated(Samples.offer(["status": .string("published")])), record: draft.header.record, as: node.author)
        #expect(try node.store.searchOffers(OfferQuery(text: "education")).total == 1)
        try node.store.append(Offer.validated(Samples.offer(["status": .string("paused")])), record: draft.header.record, as: node.author)
        #expect(try node.store.searchOffers(OfferQuery(text: "education")).total == 0)
        #expect(try node.store.currentRecords(type: .offer).count == 1, "versions replace, they do not add")
    }

    @Test func retractedOfferDisappears() throws {
        let node = try makeNode()
        let offer = try node.store.append(Offer.validated(Samples.offerJSON()), as: node.author)
        try node.store.retract(offer.header.record, reason: "Période passée", as: node.author)
        #expect(try node.store.searchOffers(OfferQuery()).total == 0)
        #expect(try node.store.currentRecords(type: .offer).isEmpty)
        #expect(try node.store.currentRecord(offer.header.record)?.retracted == true)
        let tombstone = try #require(try node.store.envelopes().last)
        #expect(tombstone.header.type == .tombstone && tombstone.header.record == offer.header.record)
    }

    @Test func updatingAMissingRecordStoresNothing() throws {
        let node = try makeNode()
        let before = try node.store.envelopeCount()
        #expect(throws: StoreError.notFound("0190b7d0-0000-7000-8000-000000000000")) {
            try node.store.append(Offer.validated(Samples.offerJSON()), record: "0190b7d0-0000-7000-8000-000000000000", as: node.author)
        }
        #expect(try node.store.envelopeCount() == before)
    }

    @Test func anotherStructureCannotUpdateOurRecord() throws {
        let node = try makeNode()
        let offer = try node.store.append(Offer.validated(Samples.offerJSON()), as: node.author)
        let intruder = Author(structureID: RecordID.make(), identity: SigningIdentity())
        #expect(throws: StoreError.notOwner(offer.header.record)) {
            try node.store.append(Offer.validated(Samples.offerJSON()), record: offer.header.record, as: intruder)
        }
        #expect(throws: StoreError.notOwner(offer.header.record)) {
            try node.store.retract(offer.header.record, reason: "", as: intruder)
        }
    }

    @Test func theLogIsAppendOnly() throws {
        let node = try makeNode()
        #expect(throws: (any Error).self) {
            try node.store.pool.write { db in try db.execute(sql: "UPDATE envelopes SET body = x'00'") }
        }
    }

    @Test func aFailedTransactionLeavesNothing() throws {
        let node = try makeNode()
        let before = try node.store.envelopeCount()
        // Simulate a crash between writing the log and the state: the whole record must vanish.
        struct Crash: Error {}
        #expect(throws: Crash.self) {
            try node.store.pool.write { db in
                let offer = try Offer.validated(Samples.offerJSON())
                let id = RecordID.make()
                let head = try node.store.head(origin: node.structureID)
                let body = offer.canonicalBytes()
                let header = EnvelopeHeader(
                    id: id,
                    record: id,
                    type: .offer,
                    originStructure: node.structureID,
                    originKey: node.author.identity.keyID,
                    seq: (head?.seq ?? 0) + 1,
                    prev: head?.hash ?? Digest.genesis,
                    created: .now(),
                    visibility: .network,
                    recipients: [],
                    bodyHash: Digest.sha256Hex(body)
                )
                let envelope = try Envelope.sign(header: header, body: body, with: node.author.identity)
                try RecordStore.insert(envelope, db: db)
                try StateProjection.apply(envelope, db: db)
                throw Crash()
            }
        }
        #expect(try node.store.envelopeCount() == before)
        #expect(try node.store.currentRecords(type: .offer).isEmpty)
        #expect(try node.store.searchOffers(OfferQuery()).total == 0)
    }

    @Test func migrationsAreIdempotentOnReopen() throws {
        let node = try makeNode()
        try node.store.append(Offer.validated(Samples.offerJSON()), as: node.author)
        let reopened = try node.directory.open()
        #expect(try reopened.store.envelopeCount() == 2)
        #expect(try reopened.settings[.structureID] == node.structureID)
    }
}
