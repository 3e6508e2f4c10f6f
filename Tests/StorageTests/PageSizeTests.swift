import Foundation
import TestSupport
import Testing

@testable import Storage

/// A new database has 16 KiB pages (fewer writes for an initial pull); one made by an earlier
/// version keeps its 4 KiB pages and works as before.
@Suite("Database page size")
struct PageSizeTests {
    @Test func aNewDatabaseHasLargePagesAndAnEarlierOneKeepsItsOwn() throws {
        let directory = TestPaths.temporaryDirectory("page-size")
        defer { try? FileManager.default.removeItem(at: directory) }
        let fresh = try NodeDatabase(path: directory.appendingPathComponent("new.sqlite").path)
        #expect(try fresh.pageSize() == 16_384)

        let path = directory.appendingPathComponent("earlier.sqlite").path
        do {
            let earlier = try NodeDatabase(path: path, pageSize: 4_096)
            try earlier.checkWritable()
        }
        let reopened = try NodeDatabase(path: path)
        #expect(try reopened.pageSize() == 4_096)
        try reopened.checkWritable()
    }
}
