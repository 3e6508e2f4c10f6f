import Foundation
import TestSupport
import Testing

@testable import Storage

/// `vmvp user …`: the operator's way in, through the same rules as the site.
@Suite("vmvp user, end to end")
struct UserCommandTests {
    let root = TestPaths.temporaryDirectory("cli-user")
    var cli: CLI { CLI(dataDirectory: root.appendingPathComponent("node").path) }

    @Test func theOperatorCreatesTheFirstAdministratorAndMakesAResetLink() throws {
        let initialised = try cli.run(["init", "--name", "CMP de Béziers", "--sector", "sanitaire", "--commune", "Béziers"])
        #expect(initialised.status == 0, "\(initialised.stderr)")
        let added = try cli.run(["user", "add", "--email", "admin@cmp.example", "--name", "Claire Admin", "--role", "admin"])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.contains("Mot de passe provisoire (affiché une seule fois) : "))
        let again = try cli.run(["user", "add", "--email", "ADMIN@cmp.example", "--name", "Autre", "--role", "admin"])
        #expect(again.status != 0 && again.stderr.contains("Un compte existe déjà pour ADMIN@cmp.example."))
        #expect(try cli.run(["user", "list"]).stdout.contains("- Claire Admin <admin@cmp.example> — administrateur\n"))

        let link = try cli.run(["user", "reset-link", "--email", "admin@cmp.example", "--site-url", "https://vmvp.cmp.example"])
        #expect(link.status == 0, "\(link.stderr)")
        #expect(link.stdout.contains("https://vmvp.cmp.example/reinitialisation/"))
        let unknown = try cli.run(["user", "reset-link", "--email", "personne@cmp.example"])
        #expect(unknown.status != 0 && unknown.stderr.contains("Aucun compte pour personne@cmp.example sur ce nœud."))

        let node = try NodeDirectory(path: root.appendingPathComponent("node").path).open()
        let actions = try node.audit.entries().map(\.action)
        #expect(actions == [.resetLinkCreated, .accountCreated])
        #expect(try node.audit.entries().allSatisfy { $0.actor == AuditLog.commandLine })
    }
}
