import Foundation
import TestSupport
import Testing

/// `vmvp purge`: the retention policy on demand, previewed with --dry-run.
@Suite("vmvp purge")
struct PurgeCommandTests {
    let root = TestPaths.temporaryDirectory("cli-purge")
    var cli: CLI { CLI(dataDirectory: root.appendingPathComponent("node").path) }

    @Test func aFreshNodeHasNothingToPurgeAndThePreviewSaysSo() throws {
        #expect(try cli.run(["init", "--name", "CMP de Béziers", "--sector", "sanitaire", "--commune", "Béziers"]).status == 0)
        #expect(try cli.run(["user", "add", "--email", "claire@cmp.example", "--name", "Claire Martin", "--role", "admin"]).status == 0)
        let preview = try cli.run(["purge", "--dry-run"])
        #expect(preview.status == 0 && preview.stdout.contains("Rien à purger aujourd'hui."))
        let run = try cli.run(["purge"])
        #expect(run.status == 0 && run.stdout.contains("aucune donnée n'a dépassé sa durée de conservation"))
    }
}
