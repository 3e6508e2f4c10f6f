import Foundation
import TestSupport
import Testing

@testable import Records
@testable import Storage

@Suite("Storage failures told in French")
struct StorageFailureTests {
    let directory = TestPaths.temporaryDirectory("storage-failure")

    func makeNode() throws -> OpenNode {
        try NodeDirectory.create(at: directory.appendingPathComponent(UUID().uuidString).path) { signing, encryption in
            StructureProfile(name: "CMP Béziers", sector: .sanitaire, signingKey: signing, encryptionKey: encryption)
        }
    }

    /// The same node, on a database that cannot grow by a page: a full disk, as SQLite reports it.
    func full(_ node: OpenNode) throws -> OpenNode {
        OpenNode(
            directory: node.directory,
            database: try NodeDatabase(path: node.directory.databasePath, maxPages: 1),
            author: node.author,
            encryption: node.encryption
        )
    }

    @Test func aFullDiskIsSaidInFrenchAndStoresNothing() throws {
        let node = try full(try makeNode())
        let before = try node.store.envelopeCount()
        // Larger than a page (16 KiB): the write needs pages the file cannot have.
        let long = JSONValue.string(String(repeating: "Réunion clinique du mardi. ", count: 140))
        let fields = ["observableMissions", "observableJobProfiles", "observerProfile", "proposedContents", "specialConditions"]
        do {
            _ = try node.store.append(Offer.validated(Samples.offer(Dictionary(uniqueKeysWithValues: fields.map { ($0, long) }))), as: node.author)
            Issue.record("the write went through")
        } catch {
            let failure = try #require(StorageFailure(error), "a storage failure, not \(type(of: error))")
            #expect(failure == .diskFull)
            #expect(failure.sentence.hasPrefix("Stockage : disque plein"))
            for english in ["SQLite error", "COMMIT", "database or disk is full"] { #expect(!failure.sentence.contains(english)) }
        }
        #expect(try node.store.envelopeCount() == before)
    }

    @Test func aSecondServerAndARestoreAreRefusedWhileOneServes() throws {
        let node = try makeNode()
        let backup = directory.appendingPathComponent("backup.sqlite").path
        try node.database.backup(to: backup)
        var lock: ServeLock? = try ServeLock.acquire(node.directory)
        #expect(throws: ServeLock.Failure.held(node.directory.path)) { _ = try ServeLock.acquire(node.directory) }
        #expect(throws: ServeLock.Failure.held(node.directory.path)) { _ = try node.directory.restoreDatabase(from: backup) }
        #expect(ServeLock.Failure.held(node.directory.path).description.contains("est en service"))
        #expect(try node.store.envelopeCount() == 1, "the database was left alone")
        _ = lock
        lock = nil
        _ = try node.directory.restoreDatabase(from: backup)
    }

    @Test func aDatabaseFromANewerVersionIsRefusedInFrenchAndLeftAsItIs() throws {
        let node = try makeNode()
        let path = node.database.path
        try node.database.pool.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
        }
        let before = try node.store.envelopeCount()
        #expect {
            _ = try NodeDatabase(path: path)
        } throws: { error in
            guard case StoreError.newerDatabase(let steps) = error else { return false }
            return steps == ["v99-from-the-future"]
                && error.localizedDescription.isEmpty == false
                && (error as? StoreError)?.description.contains("version plus récente de vmvp") == true
        }
        #expect(try node.store.envelopeCount() == before, "nothing was changed")
    }

    @Test func aWritableDirectoryIsReportedSo() throws {
        let node = try makeNode()
        let health = StorageHealth.check(node.directory)
        #expect(health.failure == nil)
        #expect(health.summary.hasPrefix("écriture possible, ") && health.summary.hasSuffix(" libres"))
        #expect(!FileManager.default.fileExists(atPath: node.directory.url.appendingPathComponent(".write-check").path))
        try node.database.checkWritable()
    }

    @Test func sizesInFrench() {
        #expect(StorageHealth.french(bytes: 512) == "512 octets")
        #expect(StorageHealth.french(bytes: 1536) == "1,5 ko")
        #expect(StorageHealth.french(bytes: 12_884_901_888) == "12,0 Go")
        #expect(StorageHealth.french(bytes: 300 * 1_048_576) == "300 Mo")
    }

    @Test func fileSystemErrorsMapToo() {
        #expect(StorageFailure(POSIXError(.ENOSPC)) == .diskFull)
        #expect(StorageFailure(POSIXError(.EROFS)) == .readOnly)
        #expect(StorageFailure(POSIXError(.EACCES)) == .permissionDenied)
        #expect(StorageFailure(POSIXError(.ENOENT)) == nil)
        #expect(StorageFailure(CocoaError(.fileWriteOutOfSpace)) == .diskFull)
    }
}
