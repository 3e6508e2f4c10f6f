import Foundation
import TestSupport
import Testing

@testable import Storage

/// `vmvp person export`: the node's admin answers a request for access made by other means.
@Suite("vmvp person export")
struct PersonCommandTests {
    let root = TestPaths.temporaryDirectory("cli-person")
    var cli: CLI { CLI(dataDirectory: root.appendingPathComponent("node").path) }

    @Test func writesThePersonsDataToAPrivateFile() throws {
        #expect(try cli.run(["init", "--name", "CMP de Béziers", "--sector", "sanitaire", "--commune", "Béziers"]).status == 0)
        #expect(try cli.run(["user", "add", "--email", "claire@cmp.example", "--name", "Claire Martin", "--role", "referent"]).status == 0)
        let printed = try cli.run(["person", "export", "--email", "Claire@cmp.example"])
        #expect(printed.status == 0 && printed.stdout.contains("\"format\":\"vmvp-personal-data/1\""))
        #expect(printed.stdout.contains("\"name\":\"Claire Martin\"") && !printed.stdout.contains("$2"), "no password hash")
        let file = root.appendingPathComponent("claire.json").path
        let written = try cli.run(["person", "export", "--email", "claire@cmp.example", "--output", file])
        #expect(written.status == 0 && written.stdout.contains("compte présent"))
        #expect(SecureFiles.mode(of: file) == 0o600)
        let twice = try cli.run(["person", "export", "--email", "claire@cmp.example", "--output", file])
        #expect(twice.status != 0, "an existing file is never overwritten")
        #expect(try cli.run(["person", "export", "--email", "pas-une-adresse"]).stderr.contains("Adresse électronique invalide"))
    }
}
