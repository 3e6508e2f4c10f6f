import Foundation
import TestSupport
import Testing

@testable import Storage

/// `vmvp backup`: dated copies kept N at a time (what vmvp-backup.timer runs daily), and a
/// check of a backup that never writes to it.
@Suite("vmvp backup")
struct BackupCommandTests {
    let root = TestPaths.temporaryDirectory("cli-backup")
    var cli: CLI { CLI(dataDirectory: root.appendingPathComponent("node").path) }

    @Test func datedBackupsAreKeptNAtATimeAndVerifiedWithoutBeingWritten() throws {
        #expect(try cli.run(["init", "--name", "CMP de Béziers", "--sector", "sanitaire", "--commune", "Béziers"]).status == 0)
        let directory = root.appendingPathComponent("backups").path
        // Another file in the directory is never touched by the rotation.
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data("notes".utf8).write(to: URL(fileURLWithPath: directory).appendingPathComponent("LISEZMOI.txt"))
        for _ in 0..<3 {
            #expect(try cli.run(["backup", "--to-dir", directory, "--keep", "2"]).status == 0)
            Thread.sleep(forTimeInterval: 1.1)  // the names carry the second
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        let backups = files.filter { $0.hasPrefix("vmvp-") }
        #expect(backups.count == 2 && files.contains("LISEZMOI.txt"), "\(files)")
        let newest = (directory as NSString).appendingPathComponent(try #require(backups.last))
        #expect(SecureFiles.mode(of: newest) == 0o600)

        let before = try Data(contentsOf: URL(fileURLWithPath: newest))
        let verified = try cli.run(["backup", "--verify", newest])
        #expect(verified.status == 0 && verified.stdout.contains("Sauvegarde lisible : 1 enveloppe vérifiée"), "\(verified.stdout)\(verified.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: newest)) == before, "the backup is not written to")

        let foreign = root.appendingPathComponent("pas-une-base.sqlite").path
        try Data("ceci n'est pas une base".utf8).write(to: URL(fileURLWithPath: foreign))
        let refused = try cli.run(["backup", "--verify", foreign])
        #expect(refused.status != 0 && refused.stderr.contains("Sauvegarde illisible"), "\(refused.stderr)")
    }

    @Test func aBackupWhoseLogWasAlteredFailsItsCheck() throws {
        #expect(try cli.run(["init", "--name", "CMP de Béziers", "--sector", "sanitaire", "--commune", "Béziers"]).status == 0)
        let backup = root.appendingPathComponent("copie.sqlite").path
        #expect(try cli.run(["backup", "--output", backup]).status == 0)
        // Alter a signed body in the copy, as a damaged disk or a hand edit would.
        let database = try NodeDatabase(path: backup)
        try database.pool.write { db in
            try db.execute(sql: "DROP TRIGGER envelopes_only_erasure")
            try db.execute(sql: "UPDATE envelopes SET body = CAST('{\"name\":\"autre\"}' AS BLOB)")
        }
        let checked = try cli.run(["backup", "--verify", backup])
        #expect(checked.status == 1, "\(checked.stdout)\(checked.stderr)")
        // The profile carried the key its own signature is checked with: altered, the key is unknown.
        #expect(checked.stdout.contains("clé de signature inconnue") && checked.stderr.contains("1 anomalie"), "\(checked.stdout)\(checked.stderr)")
    }
}
