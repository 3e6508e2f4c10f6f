import Foundation
import Logging
import NetworkSupport
import Records
import Storage
import Testing

@testable import Federation

/// The changes feed's long-poll (protocol/federation.md, "Long-poll"): a record written on one
/// node reaches the others as soon as the hub commits it, not at their next interval.
@Suite("Long-poll of the changes feed")
struct LongPollTests {
    @Test func theBellWakesOnlyWhomARingConcerns() async throws {
        let bell = ChangeBell()
        let mark = await bell.current
        await bell.ring(.structures(["b"]))
        // A ring after the mark concerning the caller: no wait at all.
        await bell.wait(for: "b", after: mark, timeout: .seconds(30))
        // One that concerns another structure: the caller waits its whole timeout.
        let started = ContinuousClock.now
        await bell.wait(for: "a", after: mark, timeout: .milliseconds(200))
        #expect(ContinuousClock.now - started >= .milliseconds(200))
        // A waiter is released by a ring for everyone.
        let next = await bell.current
        async let woken: Void = bell.wait(for: "a", after: next, timeout: .seconds(30))
        while await bell.waiting == 0 { try await Task.sleep(for: .milliseconds(5)) }
        await bell.ring(.everyone)
        await woken
        #expect(await bell.waiting == 0)
    }

    @Test func aHeldRequestIsAnsweredWhenAnotherNodePushesAndEmptyAtItsTimeout() async throws {
        try await withTestNetwork { network in
            let writer = try await network.addNode("Mission locale de Lodève", sector: .informationOrientation)
            let reader = try await network.addNode("CMP de Béziers", sector: .sanitaire)
            let bystander = try await network.addNode("Collège de Sète", sector: .educatif)
            try await network.syncAll([writer, reader, bystander])
            let readerSync = try network.synchronizer(for: reader)
            // Nothing new: an empty answer once the timeout has passed.
            #expect(try await readerSync.waitForChanges(wait: .milliseconds(300)) == false)

            async let held = readerSync.waitForChanges(wait: .seconds(15))
            while await network.hubService.waitingLongPolls() == 0 { try await Task.sleep(for: .milliseconds(10)) }
            // A private record between two other structures does not answer the reader's request (it
            // would list nothing for it); an offer, which every member may see, does.
            try bystander.appendSealed(Message(subject: "Accueil", text: "Bonjour"), to: [writer.structureID])
            try await network.sync(bystander)
            try writer.addOffer(commune: "Lodève")
            try await network.sync(writer)
            #expect(try await held == true)
            #expect(await network.hubService.waitingLongPolls() == 0)
        }
    }

    @Test func aRecordWrittenOnOneNodeReachesAnotherThroughTheLongPoll() async throws {
        try await withTestNetwork { network in
            let writer = try await network.addNode("Mission locale de Lodève", sector: .informationOrientation)
            let reader = try await network.addNode("CMP de Béziers", sector: .sanitaire)
            try await network.syncAll([writer, reader])
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
                #expect(services[0].wakeups[.localWrite] >= 1, "the writer pushed on its own write")
                #expect(services[1].wakeups[.remoteChange] >= 1, "the reader was woken by the long-poll")
                #expect(services[1].wakeups[.interval] == 0)
                group.cancelAll()
            }
        }
    }
}
