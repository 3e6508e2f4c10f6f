import Federation
import Foundation
import NetworkSupport
import TestSupport
import Testing

@testable import Records
@testable import Storage

@Suite("Synchronisation", .serialized)
struct SyncTests {
    @Test func hubAndThreeNodesConvergeAfterRandomWrites() async throws {
        try await withTestNetwork { network in
            let nodes = [
                try await network.addNode("CMP Béziers", sector: .sanitaire),
                try await network.addNode("Collège Jean Moulin, Sète", sector: .educatif),
                try await network.addNode("UEMO Montpellier", sector: .judiciaire),
            ]
            var generator = SystemRandomNumberGenerator()
            let communes = ["Montpellier", "Béziers", "Sète", "Lunel", "Lodève"]
            for round in 0..<3 {
                for node in nodes {
                    for _ in 0..<Int.random(in: 1...4, using: &generator) {
                        _ = try node.addOffer(commune: communes.randomElement(using: &generator)!)
                    }
                    if Bool.random(using: &generator) { try await network.sync(node) }
                }
                if round == 1 { try await network.sync(nodes[0]) }
            }
            try await network.syncAll(nodes)
            let hubIDs = try network.hub.shareableEnvelopeIDs()
            for node in nodes {
                #expect(try node.shareableEnvelopeIDs() == hubIDs)
                let envelopes = try node.store.envelopes()
                var verifier = LogVerifier()
                verifier.learnKeys(from: envelopes)
                #expect(verifier.verify(envelopes).isEmpty)
                #expect(
                    try node.store.searchOffers(OfferQuery(limit: 500)).total == (try network.hub.store.searchOffers(OfferQuery(limit: 500)).total)
                )
            }
            #expect(try network.hub.store.quarantineCount() == 0)
        }
    }

    /// Every k-th call fails; a round needs a few calls in a row, so progress is one batch or page per round.
    @Test(arguments: [FlakyTransport.Mode.beforeSending, .afterProcessing], [3, 5])
    func aFailingTransportResumesWithoutLossOrDuplicate(mode: FlakyTransport.Mode, every: Int) async throws {
        try await withTestNetwork { network in
            let writer = try await network.addNode("Mission locale de Lodève", sector: .informationOrientation)
            let reader = try await network.addNode("Centre social de Lunel", sector: .socioEducatif)
            for n in 0..<25 { _ = try writer.addOffer(commune: "Commune \(n)") }
            let flakyWriter = try network.synchronizer(for: writer, wrap: { FlakyTransport($0, every: every, mode: mode) }, batchSize: 4, pageSize: 5)
            let flakyReader = try network.synchronizer(for: reader, wrap: { FlakyTransport($0, every: every, mode: mode) }, batchSize: 4, pageSize: 5)
            var attempts = 0
            for synchronizer in [flakyWriter, flakyReader, flakyWriter, flakyReader] {
                while true {
                    attempts += 1
                    guard attempts < 300 else {
                        Issue.record("no convergence")
                        return
                    }
                    do {
                        try await synchronizer.syncOnce()
                        break
                    } catch let error as SyncError {
                        #expect(error.isTransient)
                        let state = try SyncState.load(synchronizer.node)
                        #expect(state.lastError?.contains("injoignable") == true)
                    }
                }
            }
            let hubOffers = try network.hub.store.envelopes().filter { $0.header.originStructure == writer.structureID }
            #expect(hubOffers.count == 26)
            #expect(Set(hubOffers.map(\.header.seq)).count == 26, "no duplicate")
            #expect(try reader.store.searchOffers(OfferQuery(limit: 100)).total == 25)
            #expect(try reader.store.envelopes().filter { $0.header.originStructure == writer.structureID }.count == 26)
            #expect(try SyncState.load(writer).waiting == 0)
        }
    }

    @Test func duplicateReplayedAndReorderedBatchesChangeNothing() async throws {
        try await withTestNetwork { network in
            let node = try await network.addNode("IME Les Oliviers", sector: .medicoSocial)
            for _ in 0..<4 { _ = try node.addOffer() }
            let envelopes = try node.store.envelopes()
            let transport = try network.transport(for: node)
            let batch = RecordID.make()
            let request: JSONValue = .object(["batch": .string(batch), "envelopes": .array(envelopes.map(\.wireJSON))])
            let first = try await transport.call(.POST, "/v1/push", body: request)
            #expect(first["accepted"]?.arrayValue?.count == 5)
            let count = try network.hub.store.envelopeCount()

            let replay = try await transport.call(.POST, "/v1/push", body: request)
            #expect(replay["replayed"] == .bool(true))
            #expect(replay["message"]?.stringValue?.contains("déjà traité") == true)

            let again = try await transport.call(
                .POST,
                "/v1/push",
                body: .object(["batch": .string(RecordID.make()), "envelopes": .array(envelopes.map(\.wireJSON))])
            )
            #expect(again["duplicates"] == .integer(5) && again["accepted"]?.arrayValue?.isEmpty == true)

            _ = try node.addOffer()
            _ = try node.addOffer()
            let newer = Array(try node.store.envelopes().suffix(2).reversed())
            let reordered = try await transport.call(
                .POST,
                "/v1/push",
                body: .object(["batch": .string(RecordID.make()), "envelopes": .array(newer.map(\.wireJSON))])
            )
            #expect(reordered["gap"]?["from"] == .integer(6), "the hub names what it needs")
            #expect(try network.hub.store.envelopeCount() == count)
            try await network.sync(node)
            #expect(try network.hub.store.envelopeCount() == count + 2)
            #expect(try network.hub.store.quarantineCount() == 0)
        }
    }

    @Test func clockSkewOfThreeDaysChangesNoOrdering() async throws {
        try await withTestNetwork { network in
            let ahead = try await network.addNode("En avance", sector: .social)
            let behind = try await network.addNode("En retard", sector: .culturel)
            let threeDays: TimeInterval = 3 * 86_400
            // The fast clock writes first, the slow clock second: arrival order wins, not timestamps.
            let first = try ahead.addOffer(commune: "Montpellier", now: Date().addingTimeInterval(threeDays))
            try await network.sync(ahead)
            _ = try behind.addOffer(commune: "Béziers", now: Date().addingTimeInterval(-threeDays))
            try await network.sync(behind)
            // A later version whose clock went back still replaces the earlier one (sequence order).
            try ahead.store.append(
                Offer.validated(Samples.offer(["commune": .string("Sète")])),
                record: first.header.record,
                as: ahead.author,
                now: Date().addingTimeInterval(-threeDays)
            )
            try await network.syncAll([ahead, behind])
            let feed = try network.hub.store.changes(for: RecordID.make(), since: 0, limit: 100).envelopes.map(\.header.originStructure)
            let offerOrigins = feed.filter { $0 == ahead.structureID || $0 == behind.structureID }
            #expect(offerOrigins.firstIndex(of: ahead.structureID)! < offerOrigins.firstIndex(of: behind.structureID)!)
            for node in [ahead, behind] {
                let offer = try #require(try node.store.currentRecord(first.header.record)).decode(Offer.self)
                #expect(offer.commune == "Sète")
            }
        }
    }

    @Test func aNewHubEpochRestartsTheFeedIdempotently() async throws {
        try await withTestNetwork { network in
            let a = try await network.addNode("A", sector: .social)
            let b = try await network.addNode("B", sector: .social)
            _ = try a.addOffer()
            try await network.syncAll([a, b])
            let before = try b.store.envelopeCount()
            try network.hub.settings.set(.epoch, RecordID.make())
            let report = try await network.sync(b)
            #expect(report.epochChanged)
            #expect(report.pulled == 0, "everything pulled again was already held")
            #expect(try b.store.envelopeCount() == before)
        }
    }

    @Test func backoffIsCappedAndJittered() {
        #expect(SyncService.backoff(failures: 1, cap: .seconds(300), jitter: 1) == .seconds(2))
        #expect(SyncService.backoff(failures: 4, cap: .seconds(300), jitter: 1) == .seconds(16))
        #expect(SyncService.backoff(failures: 30, cap: .seconds(300), jitter: 1) == .seconds(300))
        #expect(SyncService.backoff(failures: 3, cap: .seconds(300), jitter: 0.5) == .seconds(4))
    }

    @Test func nodesCutOffTogetherComeBackSpreadOverSixSeconds() {
        #expect(SyncService.listenRetryDelay(jitter: 0) == .seconds(2))
        #expect(SyncService.listenRetryDelay(jitter: 1) == .seconds(8))
        let delays = Set((0..<200).map { _ in SyncService.listenRetryDelay() })
        #expect(delays.count > 100 && delays.allSatisfy { $0 >= .seconds(2) && $0 <= .seconds(8) })
    }

    @Test func localWorkContinuesWhenTheHubIsDown() async throws {
        try await withTestNetwork { network in
            let node = try await network.addNode("CMPP Lodève", sector: .medicoSocial)
            try await network.sync(node)
            await network.stopHub()
            _ = try node.addOffer(commune: "Lodève")
            #expect(try node.store.searchOffers(OfferQuery(commune: "Lodève")).total == 1)
            await #expect(throws: SyncError.self) { try await network.synchronizer(for: node).syncOnce() }
            let state = try SyncState.load(node)
            #expect(state.waiting == 1)
            #expect(state.lastError?.hasPrefix("Hub injoignable") == true)
            try await network.startHub()
            try await network.sync(node)
            #expect(try SyncState.load(node).waiting == 0)
            #expect(try SyncState.load(node).lastError == nil)
        }
    }

    /// A node whose disk is full fails its sync with the reason in French, for `status` and the logs.
    @Test func aFullDiskIsTheReasonGiven() async throws {
        try await withTestNetwork { network in
            let writer = try await network.addNode("CMP Béziers", sector: .sanitaire)
            let reader = try await network.addNode("Mission locale", sector: .informationOrientation)
            for commune in ["Béziers", "Agde", "Sète", "Lunel"] { try writer.addOffer(commune: commune) }
            try await network.sync(writer)
            let full = OpenNode(
                directory: reader.directory,
                database: try NodeDatabase(path: reader.directory.databasePath, maxPages: 1),
                author: reader.author,
                encryption: reader.encryption
            )
            do {
                try await network.sync(full)
                Issue.record("the sync went through on a full disk")
            } catch {
                #expect(Synchronizer.describe(error).hasPrefix("Stockage : disque plein"), "\(Synchronizer.describe(error))")
            }
            #expect(try reader.store.currentRecords(type: .offer).isEmpty, "nothing half-stored")
        }
    }

    /// A database copied back by hand (not with `vmvp restore`), then written to: the sync
    /// stops and says from which number the node diverged and which of its records are lost.
    @Test func aHandCopiedDatabaseNamesTheLostRecord() async throws {
        try await withTestNetwork { network in
            let node = try await network.addNode("Collège Les Garrigues", sector: .educatif)
            _ = try node.addOffer(commune: "Lunel")
            try await network.sync(node)
            let backup = network.root.appendingPathComponent("by-hand.sqlite").path
            try node.database.backup(to: backup)
            _ = try node.addOffer(commune: "Lodève")
            _ = try node.addOffer(commune: "Agde")
            try await network.sync(node)
            let head = try #require(try node.store.head(origin: node.structureID)).seq

            try NodeDatabase.restore(from: backup, to: node.directory.databasePath)
            let copied = try node.directory.open()
            let written = try copied.addOffer(commune: "Pézenas")
            #expect(written.header.seq == head - 1, "the number the network already has for another record")
            do {
                try await network.sync(copied)
                Issue.record("the sync went on")
            } catch let error as SyncError {
                #expect(error == .forkedWithHub(seq: head - 1, lost: [try #require(error.lostForTest.first)]))
                #expect(error.description.contains("n° \(head - 1), offre \(written.header.record)"), "\(error.description)")
                #expect(error.description.contains("ne sera pas transmis"))
                #expect(!error.description.contains("incompréhensible"))
            }
            #expect(try SyncState.load(copied).lastError?.contains(written.header.record) == true, "status says it too")
        }
    }
}

extension SyncError {
    var lostForTest: [String] {
        if case .forkedWithHub(_, let lost) = self { return lost }
        return []
    }
}
