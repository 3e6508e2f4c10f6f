import Foundation
import Logging
import NetworkSupport
import Records
import Storage
import Synchronization
import Testing

@testable import Federation

/// The changes feed's long-poll (protocol/federation.md, "Long-poll"): a record written on one
/// node reaches the others as soon as the hub commits it, not at their next interval.
@Suite("Long-poll of the changes feed")
struct LongPollTests {
    @Test func theBellWakesOnlyWhomARingConcerns() async throws {
        let bell = ChangeBell(position: { 0 })
        let mark = bell.current
        await bell.ring(.structures(["b"]))
        // A ring after the mark concerning the caller: no wait at all.
        await bell.wait(for: "b", after: mark, timeout: .seconds(30))
        // One that concerns another structure: the caller waits its whole timeout.
        let started = ContinuousClock.now
        await bell.wait(for: "a", after: mark, timeout: .milliseconds(200))
        #expect(ContinuousClock.now - started >= .milliseconds(200))
        // A waiter is released by a ring for everyone.
        let next = bell.current
        async let woken: Void = bell.wait(for: "a", after: next, timeout: .seconds(30))
        while await bell.waiting == 0 { try await Task.sleep(for: .milliseconds(5)) }
        await bell.ring(.everyone)
        await woken
        #expect(await bell.waiting == 0)
    }

    @Test func heldLongPollsShareOneReaderOfTheLogPosition() async throws {
        let reads = Atomic<Int>(0)
        let bell = ChangeBell(
            position: {
                reads.add(1, ordering: .relaxed)
                return 7
            },
            watchInterval: .milliseconds(100)
        )
        let mark = bell.current
        // Twenty held long-polls for a second: one baseline read, then one read per interval,
        // not one per waiter (the hub held 1,000 of them in the benchmark).
        await withTaskGroup(of: Void.self) { group in
            for n in 0..<20 { group.addTask { await bell.wait(for: "s\(n)", after: mark, timeout: .seconds(1)) } }
        }
        let count = reads.load(ordering: .relaxed)
        #expect(count >= 2 && count <= 13, "\(count) reads")
    }

    /// The watcher's readings are made by hand here (its own interval is an hour): the test
    /// decides what happens between two of them.
    @Test func theWatcherRingsForAWriteNobodyRangForAfterAWholeInterval() async throws {
        let position = Atomic<Int64>(5)
        let bell = ChangeBell(position: { position.load(ordering: .relaxed) }, watchInterval: .seconds(3600))
        let mark = bell.current
        async let woken: Void = bell.wait(for: "a", after: mark, timeout: .seconds(3600))
        while await bell.waiting == 0 { try await Task.sleep(for: .milliseconds(5)) }
        // A push committed and has not rung yet when the watcher reads: nobody is woken for it.
        position.store(6, ordering: .relaxed)
        await bell.look()
        #expect(await bell.waiting == 1)
        // Its ring accounts for its position: nothing more to ring at the next reading either.
        await bell.ring(.structures(["b"]), upTo: 6)
        await bell.look()
        #expect(await bell.waiting == 1)
        // A write without a ring (the hub's own, perhaps from another process): seen once, then
        // still unaccounted at the next reading, it wakes everyone.
        position.store(7, ordering: .relaxed)
        await bell.look()
        #expect(await bell.waiting == 1)
        await bell.look()
        await woken
        #expect(await bell.waiting == 0)
    }

    @Test func aRecordTheHubWritesItselfAnswersAHeldRequest() async throws {
        try await withTestNetwork { network in
            let reader = try await network.addNode("CMP de Béziers", sector: .sanitaire)
            try await network.syncAll([reader])
            let readerSync = try network.synchronizer(for: reader)
            // The hub holds it 19 s at least unless woken (the test client's read timeout is 20 s).
            let asked = ContinuousClock.now
            async let held = readerSync.follow(wait: .seconds(19))
            while await network.hubService.waitingLongPolls() == 0 { try await Task.sleep(for: .milliseconds(10)) }
            // Written into the hub's log directly, as its site or a command does: no push, no ring.
            let offer = try network.hub.addOffer(commune: "Montpellier")
            #expect(try await held == .ingested(1))
            #expect(try reader.store.currentRecord(offer.header.record) != nil, "stored from the long-poll's answer, without a round")
            // Sooner than the hub's timeout could answer: the watcher woke it, however slow the machine.
            #expect(ContinuousClock.now - asked < .seconds(19), "seen by the watcher, not at the timeout")
        }
    }

    @Test func aHeldRequestIsAnsweredWhenAnotherNodePushesAndEmptyAtItsTimeout() async throws {
        try await withTestNetwork { network in
            let writer = try await network.addNode("Mission locale de Lodève", sector: .informationOrientation)
            let reader = try await network.addNode("CMP de Béziers", sector: .sanitaire)
            let bystander = try await network.addNode("Collège de Sète", sector: .educatif)
            try await network.syncAll([writer, reader, bystander])
            let readerSync = try network.synchronizer(for: reader)
            // Nothing new: an empty answer once the timeout has passed.
            #expect(try await readerSync.follow(wait: .milliseconds(300)) == .nothing)

            let cursor = try reader.settings[.pullCursor]
            async let held = readerSync.follow(wait: .seconds(15))
            while await network.hubService.waitingLongPolls() == 0 { try await Task.sleep(for: .milliseconds(10)) }
            // A private record between two other structures does not answer the reader's request (it
            // would list nothing for it); an offer, which every member may see, does.
            try bystander.appendSealed(Message(subject: "Accueil", text: "Bonjour"), to: [writer.structureID])
            try await network.sync(bystander)
            let offer = try writer.addOffer(commune: "Lodève")
            try await network.sync(writer)
            #expect(try await held == .ingested(1))
            #expect(await network.hubService.waitingLongPolls() == 0)
            #expect(try reader.store.currentRecord(offer.header.record) != nil)
            #expect(try reader.settings[.pullCursor] != cursor, "the cursor moved past the answer")
            // The next long-poll starts after it: nothing new.
            #expect(try await readerSync.follow(wait: .milliseconds(300)) == .nothing)
        }
    }

    @Test func aLongPollAnswerIsKeptSmallAndSaysThereIsMore() async throws {
        try await withTestNetwork { network in
            let reader = try await network.addNode("CMP de Béziers", sector: .sanitaire)
            try await network.syncAll([reader])
            let cursor = Int64(try reader.settings[.pullCursor] ?? "0") ?? 0
            func size(_ e: Envelope) -> Int { e.headerBytes.count + e.signature.count + e.body.count }
            var written = 0
            while written <= 2 * Wire.maxLongPollAnswerBytes { written += size(try network.hub.addOffer(commune: "Sète")) }
            let transport = try network.transport(for: reader)
            let held = try await transport.changes(since: cursor, limit: Wire.maxPageLimit, wait: .seconds(5))
            let atOnce = try await transport.changes(since: cursor, limit: Wire.maxPageLimit)
            // The long-poll's answer stops at its byte bound and says the rest is there; the
            // same request without a timeout gets the whole page.
            #expect(held.more && !atOnce.more)
            #expect(!held.envelopes.isEmpty && held.envelopes.map(size).reduce(0, +) <= Wire.maxLongPollAnswerBytes)
            #expect(atOnce.envelopes.map(size).reduce(0, +) >= written)
            #expect(held.envelopes.map(\.id) == Array(atOnce.envelopes.prefix(held.envelopes.count)).map(\.id))
            // A node following the feed stores that first part, then leaves the rest to a round.
            let readerSync = try network.synchronizer(for: reader)
            #expect(try await readerSync.follow(wait: .seconds(5)) == .roundNeeded)
            #expect(try held.envelopes.allSatisfy { try reader.store.currentRecord($0.header.record) != nil })
            try await network.sync(reader)
            #expect(try atOnce.envelopes.allSatisfy { try reader.store.currentRecord($0.header.record) != nil })
            #expect(try await readerSync.follow(wait: .milliseconds(300)) == .nothing)
        }
    }

    @Test func aRecordWrittenOnOneNodeReachesAnotherThroughTheLongPoll() async throws {
        try await withTestNetwork { network in
            let writer = try await network.addNode("Mission locale de Lodève", sector: .informationOrientation)
            let reader = try await network.addNode("CMP de Béziers", sector: .sanitaire)
            try await network.syncAll([writer, reader])
            #expect(try reader.store.pendingSignatureCount() > 0, "the directory's runs were pulled on their last signatures")
            let logger = Logger(label: "test-sync")
            // The interval is far beyond the test: only a long-poll or a local write can start a round.
            let services = try [writer, reader].map {
                SyncService(synchronizer: try network.synchronizer(for: $0), interval: .seconds(600), longPoll: .seconds(5), logger: logger)
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for service in services { group.addTask { try await service.loop() } }
                while await network.hubService.waitingLongPolls() < 2 { try await Task.sleep(for: .milliseconds(10)) }
                let offer = try writer.addOffer(commune: "Lodève")
                let deadline = ContinuousClock.now + .seconds(30)
                while try reader.store.currentRecord(offer.header.record) == nil, ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(10))
                }
                #expect(try reader.store.currentRecord(offer.header.record) != nil)
                // Counted just after the commit the loop above saw.
                while services[1].wakeups[.followed] == 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
                #expect(services[0].wakeups[.localWrite] >= 1, "the writer pushed on its own write")
                #expect(services[1].wakeups[.followed] >= 1, "the reader stored the long-poll's answer itself")
                #expect(services[1].wakeups[.remoteChange] == 0, "without a round")
                #expect(services[1].wakeups[.interval] == 0)
                // The signatures chain-tail verification left are checked between rounds.
                while try reader.store.pendingSignatureCount() > 0, ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(10))
                }
                #expect(try reader.store.pendingSignatureCount() == 0)
                group.cancelAll()
            }
        }
    }
}
