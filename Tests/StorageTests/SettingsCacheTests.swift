import Foundation
import Records
import TestSupport
import Testing

@testable import Storage

/// The epoch is kept in memory (the hub sends it with every answer); a change made through the
/// settings is read back at once, by any handle on the same database.
@Suite("Settings kept in memory")
struct SettingsCacheTests {
    @Test func aNewEpochIsReadBackAtOnce() throws {
        let directory = TestPaths.temporaryDirectory("settings-cache")
        defer { try? FileManager.default.removeItem(at: directory) }
        let node = try NodeDirectory.create(at: directory.appendingPathComponent("node").path) { signing, encryption in
            StructureProfile(name: "CMP Béziers", sector: .sanitaire, signingKey: signing, encryptionKey: encryption)
        }
        let first = try #require(try node.settings[.epoch])
        #expect(try node.settings[.epoch] == first, "read twice, the same")

        try node.settings.set(.epoch, "second")
        #expect(try node.settings[.epoch] == "second")
        #expect(try NodeSettings(database: node.database)[.epoch] == "second", "another handle on the same database")

        #expect(try node.settings.set(.epoch, "third", ifStill: "other") == false)
        #expect(try node.settings[.epoch] == "second", "a refused change keeps the value")
        #expect(try node.settings.set(.epoch, "third", ifStill: "second"))
        #expect(try node.settings[.epoch] == "third")
    }
}
