import Foundation
import TestSupport
import Testing

@testable import Records
@testable import Storage
@testable import Workflow

@Suite("Suggestions kept between page views")
struct SuggestionCacheTests {
    @Test func computedAgainOnlyWhenARecordArrivesOrTheDayChanges() throws {
        let directory = TestPaths.temporaryDirectory("cache")
        let node = try NodeDirectory.create(at: directory.appendingPathComponent("node").path) { signing, encryption in
            StructureProfile(name: "CMP Béziers", sector: .sanitaire, signingKey: signing, encryptionKey: encryption)
        }
        let cache = SuggestionCache()
        let today = Day("2027-01-10")!
        func view(_ day: Day = today, viewer: String = "hub") throws -> Int {
            try cache.suggestions(store: node.store, today: day, viewer: viewer) { try NetworkSuggestions(store: node.store).compute(today: day) }
                .inputs.places.count
        }
        #expect(try view() == 0)
        #expect(try view() == 0)
        #expect(cache.computations == 1)
        try node.store.append(Offer.validated(Samples.offer()), as: node.author)
        #expect(try view() == 1, "a new record is seen at once")
        #expect(cache.computations == 2)
        _ = try view(today.adding(days: 1))
        _ = try view(viewer: node.structureID)
        #expect(cache.computations == 4, "another day, another viewer")
    }
}
