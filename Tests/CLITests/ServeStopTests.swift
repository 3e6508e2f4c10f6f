import Foundation
import TestSupport
import Testing

/// `vmvp serve` runs several services (site, sync, periodic tasks); one that cannot go on stops
/// the others, and the operator is told which one and why, in French, with a failed exit status.
@Suite("vmvp serve stops with a reason")
struct ServeStopTests {
    @Test func aSitePortAlreadyTakenIsNamedAndStopsTheNode() throws {
        let root = TestPaths.temporaryDirectory("serve-stop")
        defer { try? FileManager.default.removeItem(at: root) }
        let cli = CLI(dataDirectory: root.appendingPathComponent("node").path)
        let created = try cli.run(["init", "--name", "CMP infanto-juvénile de Béziers", "--sector", "sanitaire", "--commune", "Béziers"])
        #expect(created.status == 0, "\(created.stderr)")
        let result = try FreePorts.held { port in try cli.run(["serve", "--site-port", String(port)]) }
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                "Erreur : le service « site web » s'est arrêté de façon inattendue (le port demandé est déjà utilisé par un autre programme)"
            ),
            "\(result.stderr)"
        )
        #expect(!result.stdout.contains("Arrêt terminé"), "not reported as an ordinary stop")
    }
}
