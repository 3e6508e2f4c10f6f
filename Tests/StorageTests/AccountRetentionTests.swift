import Foundation
import TestSupport
import Testing

@testable import Records
@testable import Storage

/// Storage limitation on the node's accounts: unused accounts are deactivated, then deleted,
/// and what is deleted is gone from the database files, not only from the tables.
@Suite("Account retention")
struct AccountRetentionTests {
    let directory = TestPaths.temporaryDirectory("retention")
    let start = Date(timeIntervalSince1970: 1_767_225_600)  // 1 January 2026
    let day: TimeInterval = 86_400

    func makeNode() throws -> OpenNode {
        try NodeDirectory.create(at: directory.appendingPathComponent(UUID().uuidString).path) { signing, encryption in
            StructureProfile(name: "CMP Béziers", sector: .sanitaire, signingKey: signing, encryptionKey: encryption)
        }
    }

    func fileBytes(of node: OpenNode) throws -> [Data] {
        try ["", "-wal", "-shm"].compactMap { suffix in
            let path = node.database.path + suffix
            return FileManager.default.fileExists(atPath: path) ? try Data(contentsOf: URL(fileURLWithPath: path)) : nil
        }
    }

    @Test func anUnusedAccountIsDeactivatedThenDeletedAndLeavesNoByteBehind() throws {
        let node = try makeNode()
        let accounts = node.accounts
        let admin = try accounts.add(email: "admin@cmp.example", name: "Admin", role: .admin, passwordHash: "x", now: start)
        let gone = try accounts.add(email: "oubliee.durand@cmp.example", name: "Oubliée Durand", role: .referent, passwordHash: "x", now: start)
        let kept = try accounts.add(email: "presente@cmp.example", name: "Présente", role: .referent, passwordHash: "x", now: start)
        try accounts.createSession(account: gone.id, tokenHash: "t-gone", csrf: "c", lifetime: 3_600, now: start)
        // The admin and one referent sign in now and then; the other never again.
        for month in stride(from: 0, through: 36, by: 6) {
            let at = start.addingTimeInterval(Double(month) * 30 * day)
            try accounts.createSession(account: kept.id, tokenHash: "t-kept-\(month)", csrf: "c", lifetime: 3_600, now: at)
            try accounts.createSession(account: admin.id, tokenHash: "t-admin-\(month)", csrf: "c", lifetime: 3_600, now: at)
        }

        let early = try accounts.purgePreview(now: start.addingTimeInterval(729 * day))
        #expect(early.deactivated.isEmpty && early.deleted.isEmpty, "not before 2 years")

        let twoYears = start.addingTimeInterval(731 * day)
        let preview = try accounts.purgePreview(now: twoYears)
        #expect(preview.deactivated.map(\.email) == ["oubliee.durand@cmp.example"])
        #expect(try accounts.account(email: "oubliee.durand@cmp.example")?.isActive == true, "a preview changes nothing")
        #expect(try accounts.purge(now: twoYears) == preview)
        #expect(try accounts.account(email: "oubliee.durand@cmp.example")?.status == .deactivated)
        #expect(try accounts.account(email: "presente@cmp.example")?.isActive == true)
        #expect(try accounts.purge(now: twoYears).deactivated.isEmpty, "a second pass the same day does nothing new")

        #expect(try accounts.purge(now: twoYears.addingTimeInterval(89 * day)).deleted.isEmpty, "3 months of grace")
        let later = twoYears.addingTimeInterval(91 * day)
        #expect(try accounts.purge(now: later).deleted.map(\.email) == ["oubliee.durand@cmp.example"])
        #expect(try accounts.account(email: "oubliee.durand@cmp.example") == nil)
        #expect(try accounts.account(email: "presente@cmp.example")?.isActive == true)

        let needles = ["oubliee.durand", "Oubliée Durand"].map { Data($0.utf8) }
        for bytes in try fileBytes(of: node) {
            for needle in needles { #expect(bytes.range(of: needle) == nil, "the deleted person is in no database file") }
        }
    }

    @Test func theLastAdministratorIsKeptAndNamed() throws {
        let node = try makeNode()
        _ = try node.accounts.add(email: "seule@cmp.example", name: "Seule Admin", role: .admin, passwordHash: "x", now: start)
        let purge = try node.accounts.purge(now: start.addingTimeInterval(800 * day))
        #expect(purge.deactivated.isEmpty)
        #expect(purge.keptLastAdmin.map(\.email) == ["seule@cmp.example"])
        #expect(try node.accounts.account(email: "seule@cmp.example")?.isActive == true)
    }

    @Test func reactivationByAnAdministratorStartsTheClockAgain() throws {
        let node = try makeNode()
        let admin = try node.accounts.add(email: "admin@cmp.example", name: "Admin", role: .admin, passwordHash: "x", now: start)
        let away = try node.accounts.add(email: "absente@cmp.example", name: "Absente", role: .referent, passwordHash: "x", now: start)
        let twoYears = start.addingTimeInterval(731 * day)
        // The admin keeps using the node, so only the absent person is retired.
        try node.accounts.createSession(account: admin.id, tokenHash: "a", csrf: "c", lifetime: 3_600, now: twoYears)
        #expect(try node.accounts.purge(now: twoYears).deactivated.map(\.email) == ["absente@cmp.example"])
        _ = try node.accounts.apply(.reactivate, to: away.id, now: twoYears.addingTimeInterval(30 * day))
        let purge = try node.accounts.purge(now: twoYears.addingTimeInterval(120 * day))
        #expect(purge.deleted.isEmpty && purge.deactivated.isEmpty)
        #expect(try node.accounts.account(email: "absente@cmp.example")?.isActive == true)
    }

    @Test func technicalTracesLastThirtyDaysAndTheAdministrationLogOneYear() throws {
        let node = try makeNode()
        let admin = try node.accounts.add(email: "admin@cmp.example", name: "Admin", role: .admin, passwordHash: "x", now: start)
        try node.accounts.createSession(account: admin.id, tokenHash: "old", csrf: "c", lifetime: 3_600, now: start)
        try node.accounts.recordLoginFailure(keys: ["ip:192.0.2.1"], now: start)
        try node.audit.append(actor: "admin@cmp.example", action: .structureRevoked, subject: "ancien acte", now: start)
        try node.audit.append(actor: "admin@cmp.example", action: .structureRevoked, subject: "acte récent", now: start.addingTimeInterval(300 * day))
        let soon = try node.accounts.purgePreview(now: start.addingTimeInterval(10 * day))
        #expect(soon.expiredSessions == 1 && soon.loginFailures == 0)
        let done = try node.accounts.purge(now: start.addingTimeInterval(31 * day))
        #expect(done.expiredSessions == 1 && done.loginFailures == 1)
        #expect(try node.accounts.purgePreview(now: start.addingTimeInterval(31 * day)).isEmpty)
        let yearLater = start.addingTimeInterval(366 * day)
        #expect(try node.accounts.purgePreview(now: yearLater).auditEntries == 1)
        #expect(try node.accounts.purge(now: yearLater).auditEntries == 1)
        #expect(try node.audit.entries().map(\.subject) == ["acte récent"], "the administration log keeps one year")
    }
}
