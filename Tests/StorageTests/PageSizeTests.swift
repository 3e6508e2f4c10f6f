import Foundation
import Records
import TestSupport
import Testing

@testable import Storage

/// A new partner node's database has 16 KiB pages (fewer writes for an initial pull), the hub's
/// SQLite's 4 KiB; one made by an earlier version keeps its pages and works as before.
@Suite("Database page size")
struct PageSizeTests {
    @Test func aNewDatabaseHasLargePagesAndAnEarlierOneKeepsItsOwn() throws {
        let directory = TestPaths.temporaryDirectory("page-size")
        defer { try? FileManager.default.removeItem(at: directory) }
        let node = try NodeDirectory.create(at: directory.appendingPathComponent("node").path) { signing, encryption in
            StructureProfile(name: "CMP Béziers", sector: .sanitaire, signingKey: signing, encryptionKey: encryption)
        }
        #expect(try node.database.pageSize() == 16_384)
        let hub = try NodeDirectory.create(
            at: directory.appendingPathComponent("hub").path,
            profile: { StructureProfile(name: "Maison des adolescents", sector: .social, signingKey: $0, encryptionKey: $1) },
            role: .hub
        )
        #expect(try hub.database.pageSize() == 4_096)

        let path = directory.appendingPathComponent("earlier.sqlite").path
        do {
            let earlier = try NodeDatabase(path: path)
            try earlier.checkWritable()
        }
        let reopened = try NodeDatabase(path: path, pageSize: NodeDatabase.nodePageSize)
        #expect(try reopened.pageSize() == 4_096)
        try reopened.checkWritable()
    }
}
