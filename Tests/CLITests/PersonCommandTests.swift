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

    @Test func eraseShowsWhatItWouldDoThenErasesOnlyWithYesAndVerifyReportsTheErasure() throws {
        #expect(try cli.run(["init", "--name", "MECS Les Tamaris", "--sector", "social", "--commune", "Agde"]).status == 0)
        #expect(try cli.run(["user", "add", "--email", "nadia@tamaris.example", "--name", "Nadia Benali", "--role", "professionnel"]).status == 0)
        let example = TestPaths.repositoryRoot.appendingPathComponent("protocol/examples/demand.educatrice-ase-agde.json").path
        #expect(try cli.run(["demand", "add", "--file", example]).status == 0)

        let preview = try cli.run(["person", "erase", "--email", "nadia@tamaris.example"])
        #expect(preview.status == 0 && preview.stdout.contains("Rien n'est modifié") && preview.stdout.contains("1 demande"))
        #expect(try cli.run(["demand", "list"]).stdout.contains("Nadia Benali"), "the preview erases nothing")

        let erased = try cli.run(["person", "erase", "--email", "nadia@tamaris.example", "--yes"])
        #expect(erased.status == 0 && erased.stdout.contains("Effacement enregistré"))
        #expect(!(try cli.run(["demand", "list"]).stdout.contains("Nadia Benali")))
        let verified = try cli.run(["verify"])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        #expect(verified.stdout.contains("effacé à la demande de MECS Les Tamaris (droit à l'effacement d'une personne), le "))
        let database = root.appendingPathComponent("node").path
        let files = try FileManager.default.contentsOfDirectory(atPath: database).filter { $0.hasPrefix("node.sqlite") }
        #expect(files.contains("node.sqlite"))
        for file in files {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: database).appendingPathComponent(file))
            #expect(bytes.range(of: Data("Nadia Benali".utf8)) == nil, "\(file)")
            #expect(bytes.range(of: Data("nadia@tamaris.example".utf8)) == nil, "\(file)")
        }
        let again = try cli.run(["person", "erase", "--email", "nadia@tamaris.example", "--yes"])
        #expect(again.stdout.contains("rien à effacer"))
    }
}
