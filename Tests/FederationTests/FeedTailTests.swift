import Foundation
import NetworkSupport
import Records
import Storage
import Testing

@testable import Federation

/// The hub's copy of its newest log rows, which answers the long-polls a push wakes
/// (Sources/Federation/Hub/FeedTail.swift): it must give exactly what the database gives.
@Suite("The hub's feed tail")
struct FeedTailTests {
    @Test func itAnswersEveryMemberAsTheDatabaseDoes() async throws {
        try await withTestNetwork { network in
            let sete = try await network.addNode("Collège de Sète", sector: .educatif)
            let beziers = try await network.addNode("CMP de Béziers", sector: .sanitaire)
            let lodeve = try await network.addNode("Mission locale de Lodève", sector: .informationOrientation)
            try await network.syncAll([sete, beziers, lodeve])
            let store = network.hub.store
            let tail = FeedTail(store: store, capacity: 8)
            let start = try store.logPosition()
            #expect(try tail.page(for: sete.structureID, since: start, limit: 10, maxBytes: .max, mark: 0)?.raw.isEmpty == true)

            // Network records, private ones between two members, the hub's own: more than the
            // tail's capacity, so that it also drops its oldest rows.
            for n in 0..<4 {
                try sete.addOffer(commune: "Sète")
                try beziers.appendSealed(Message(subject: "Accueil \(n)", text: "Bonjour"), to: [sete.structureID])
                try lodeve.addOffer(commune: "Lodève")
            }
            try network.hub.addOffer(commune: "Montpellier")
            for node in [sete, beziers, lodeve] { try await network.sync(node) }
            let end = try store.logPosition()

            var answered = 0
            for member in [sete, beziers, lodeve].map(\.structureID) {
                for since in start...end {
                    for (limit, maxBytes) in [(1, Int.max), (3, Int.max), (1_000, Int.max), (1_000, 3_000)] {
                        let fromTail = try tail.page(for: member, since: since, limit: limit, maxBytes: maxBytes, mark: 1)
                        let fromDatabase = try store.changes(for: member, since: since, limit: limit, maxBytes: maxBytes)
                        guard let fromTail else { continue }  // older than what the tail holds: read from the database
                        answered += 1
                        #expect(fromTail.raw.map(\.id) == fromDatabase.raw.map(\.id), "\(member) since \(since)")
                        #expect(fromTail.next == fromDatabase.next && fromTail.more == fromDatabase.more)
                    }
                }
            }
            #expect(answered > 0)
            // Its oldest rows were dropped: the start of the log since it was made is read from the database.
            #expect(try tail.page(for: sete.structureID, since: start, limit: 10, maxBytes: .max, mark: 1) == nil)
        }
    }

    @Test func aRedactionEmptiesItSoThatNoErasedBodyIsServedFromIt() async throws {
        try await withTestNetwork { network in
            let writer = try await network.addNode("Mission locale de Lodève", sector: .informationOrientation)
            let reader = try await network.addNode("CMP de Béziers", sector: .sanitaire)
            try await network.syncAll([writer, reader])
            let store = network.hub.store
            let tail = FeedTail(store: store)
            let start = try store.logPosition()
            _ = try tail.page(for: reader.structureID, since: start, limit: 10, maxBytes: .max, mark: 0)
            let offer = try writer.addOffer(commune: "Lodève")
            try await network.sync(writer)
            let held = try #require(try tail.page(for: reader.structureID, since: start, limit: 10, maxBytes: .max, mark: 1))
            #expect(held.raw.map(\.id) == [offer.id] && held.raw[0].redactedBy == nil)

            try writer.store.redact([offer.id], reason: .erasure, as: writer.author)
            try await network.sync(writer)
            // The offer's row was erased in the database: the tail no longer answers for it.
            #expect(try tail.page(for: reader.structureID, since: start, limit: 10, maxBytes: .max, mark: 2) == nil)
            let fromDatabase = try store.changes(for: reader.structureID, since: start, limit: 10)
            #expect(fromDatabase.raw.first { $0.id == offer.id }?.redactedBy != nil)
        }
    }
}
