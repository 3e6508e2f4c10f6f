import Foundation
import TestSupport
import Testing

/// The operator's sequence, each step a separate `vmvp` process on its own data directory:
/// hub init → hub invite → node init + enroll → hub serve → node sync / status, then revoke.
@Suite("Operator sequence across processes")
struct OperatorSequenceTests {
    @Test(.timeLimit(.minutes(3))) func hubInviteEnrollServeSyncStatusRevoke() async throws {
        let root = TestPaths.temporaryDirectory("operator")
        defer { try? FileManager.default.removeItem(at: root) }
        let hub = CLI(dataDirectory: root.appendingPathComponent("hub").path)
        let node = CLI(dataDirectory: root.appendingPathComponent("cmp").path)
        let other = CLI(dataDirectory: root.appendingPathComponent("ml").path)
        #expect(try hub.run(["init", "--hub", "--host", "127.0.0.1"]).status == 0)
        let invite = try hub.run(["hub", "invite", "--structure", "CMP infanto-juvénile de Béziers", "--sector", "sanitaire"])
        let code = try #require(invite.stdout.split(separator: "\n").first { $0.hasPrefix("vmvp1.") }.map(String.init))
        let inviteOther = try hub.run(["hub", "invite", "--structure", "Mission locale de Lodève"])
        let codeOther = try #require(inviteOther.stdout.split(separator: "\n").first { $0.hasPrefix("vmvp1.") }.map(String.init))

        let port = try FreePorts.consecutive(2)
        let (server, _, out) = try launchServe(
            ["serve", "--data", hub.dataDirectory, "--port", String(port), "--site-port", String(port + 1)],
            ready: "Hub à l'écoute"
        )
        defer { if server.isRunning { server.terminate() } }
        let url = "https://127.0.0.1:\(port)"

        #expect(try node.run(["init", "--name", "CMP Béziers", "--sector", "sanitaire", "--commune", "Béziers"]).status == 0)
        #expect(try other.run(["init", "--name", "Mission locale", "--sector", "information_orientation"]).status == 0)
        let enroll = try node.run(["enroll", "--hub", url, "--code", code])
        #expect(enroll.status == 0 && enroll.stdout.contains("Nœud inscrit"), "\(enroll.stderr)")
        #expect(try other.run(["enroll", "--hub", url, "--code", codeOther]).status == 0)
        let reuse = try other.run(["enroll", "--hub", url, "--code", code])
        #expect(reuse.status == 1 && reuse.stderr.contains("déjà utilisé"))

        let offer = root.appendingPathComponent("offer.json").path
        try SampleOfferText.json.write(toFile: offer, atomically: true, encoding: .utf8)
        #expect(try node.run(["offer", "add", "--file", offer]).status == 0)
        let sync = try node.run(["sync"])
        #expect(sync.status == 0 && sync.stdout.contains("Synchronisation réussie"), "\(sync.stderr)")
        #expect(try other.run(["sync"]).status == 0)
        #expect(try other.run(["search", "education"]).stdout.contains("1 offre trouvée"))
        let status = try other.run(["status"])
        #expect(status.stdout.contains("Enregistrements en attente d'envoi : 0") && status.stdout.contains("Dernière erreur : aucune"))
        #expect(status.stdout.contains(", heure de Paris (") && status.stdout.contains(" UTC)"), "the zone is said: \(status.stdout)")
        #expect(status.stdout.contains("Stockage : écriture possible"))
        #expect(!status.stdout.contains("Signatures encore à vérifier"), "`vmvp sync` checked what the pull deferred")
        let hubStatus = try hub.run(["status"]).stdout
        #expect(hubStatus.contains("Structures inscrites : 2"))
        // An export names the hub whose member records bind the structures to their keys.
        let hubID = try #require(hubStatus.split(separator: "\n").first { $0.hasPrefix("Identifiant : ") }?.dropFirst(14))
        let manifest = try #require(try other.run(["export"]).stdout.split(separator: "\n").first)
        #expect(manifest.contains("\"hub\":{\"key\":\"ed25519:") && manifest.contains("\"structure\":\"\(hubID)\"}"), "\(manifest)")

        // A node's `serve`, stopped as systemd stops it (SIGTERM): a clean exit, quickly.
        let nodePort = try FreePorts.consecutive(1)
        let nodeServer = Process()
        nodeServer.executableURL = TestPaths.vmvpBinary
        nodeServer.arguments = ["serve", "--data", other.dataDirectory, "--site-port", String(nodePort), "--sync-interval", "1"]
        let nodeOut = Pipe()
        nodeServer.standardOutput = nodeOut
        nodeServer.standardError = FileHandle.nullDevice
        try nodeServer.run()
        defer { if nodeServer.isRunning { nodeServer.terminate() } }
        var nodeBanner = ""
        while !nodeBanner.contains("Nœud en service") {
            let chunk = nodeOut.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            nodeBanner += String(decoding: chunk, as: UTF8.self)
        }
        try await Task.sleep(for: .seconds(2))  // a sync round or two, with the HTTP client in use
        let stopAsked = ContinuousClock.now
        nodeServer.terminate()
        while nodeServer.isRunning && ContinuousClock.now - stopAsked < .seconds(10) { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!nodeServer.isRunning, "the node stops within 10 s of SIGTERM")
        nodeServer.waitUntilExit()
        #expect(nodeServer.terminationStatus == 0 && nodeServer.terminationReason == .exit, "the node exits cleanly on SIGTERM")

        let members = try hub.run(["hub", "members"]).stdout
        let line = try #require(members.split(separator: "\n").first { $0.contains("CMP infanto-juvénile") })
        let id = try #require(line.split(separator: " ").first { $0.count == 36 }.map(String.init))
        #expect(try hub.run(["hub", "revoke", id, "--reason", "Clé perdue"]).status == 0)
        let refused = try node.run(["sync"])
        #expect(refused.status == 1 && refused.stderr.contains("révoqué"), "\(refused.stderr)")

        // The hub, stopped as systemd stops it: exit 0, and its last line says it stopped.
        server.terminate()
        server.waitUntilExit()
        #expect(server.terminationStatus == 0 && server.terminationReason == .exit, "graceful shutdown on SIGTERM")
        let rest = String(decoding: out.readDataToEndOfFile(), as: UTF8.self)
        #expect(rest.contains("Arrêt terminé."), "\(rest)")
    }

    @Test func enrollingWithTheHubDownSaysToRetry() throws {
        let root = TestPaths.temporaryDirectory("enroll-down")
        defer { try? FileManager.default.removeItem(at: root) }
        let node = CLI(dataDirectory: root.appendingPathComponent("cmp").path)
        let hub = CLI(dataDirectory: root.appendingPathComponent("hub").path)
        #expect(try hub.run(["init", "--hub"]).status == 0)
        let invite = try hub.run(["hub", "invite", "--structure", "CMP Béziers", "--sector", "sanitaire"])
        let code = try #require(invite.stdout.split(separator: "\n").first { $0.hasPrefix("vmvp1.") }.map(String.init))
        #expect(try node.run(["init", "--name", "CMP Béziers", "--sector", "sanitaire"]).status == 0)
        let port = try FreePorts.consecutive(1)  // the hub is not serving
        let result = try node.run(["enroll", "--hub", "https://127.0.0.1:\(port)", "--code", code])
        #expect(result.status == 1 && result.stderr.contains("relancer la même commande"), "\(result.stderr)")
        #expect(!result.stderr.contains("reprendra seule"), "nothing retries an enrollment")
    }

    @Test func serveRefusesTheOtherKindsOptionsAndItsHelpSaysWhich() throws {
        let root = TestPaths.temporaryDirectory("serve-options")
        defer { try? FileManager.default.removeItem(at: root) }
        let node = CLI(dataDirectory: root.appendingPathComponent("cmp").path)
        let hub = CLI(dataDirectory: root.appendingPathComponent("hub").path)
        #expect(try node.run(["init", "--name", "CMP Béziers", "--sector", "sanitaire"]).status == 0)
        #expect(try hub.run(["init", "--hub"]).status == 0)
        let onNode = try node.run(["serve", "--port", "9443"])
        #expect(onNode.status == 1 && onNode.stderr.contains("ne concernent que le hub"), "\(onNode.stderr)")
        let onHub = try hub.run(["serve", "--sync-interval", "5"])
        #expect(onHub.status == 1 && onHub.stderr.contains("ne concerne que les nœuds"), "\(onHub.stderr)")
        let help = try node.run(["serve", "--help"], withData: false).stdout
        #expect(help.contains("Hub seulement : port HTTPS") && help.contains("Nœud seulement : intervalle"), "\(help)")
    }
}

/// A complete offer as staff would type it (whitespace and key order are theirs).
enum SampleOfferText {
    static let json = """
        {"hostStructure":"CMP infanto-juvénile de Béziers","establishment":"CMP, avenue Foch","commune":"Béziers",
         "observableMissions":"Accueil des demandes de soins ; lien avec l'Éducation nationale.","observableJobProfiles":"Infirmière, psychologue.",
         "observerProfile":"Professionnel en exercice.","possiblePeriods":[{"from":"2027-03-01","to":"2027-03-31"}],"durationHalfDays":4,
         "capacity":1,"proposedContents":"Réunion clinique.","contact":{"name":"Claire Martin","role":"Cadre de santé",
         "email":"claire.martin@ch-beziers.example","phone":""},"expectedEffectsHost":"Être mieux connus.","expectedEffectsVisitor":"Savoir orienter.",
         "writtenBy":"Claire Martin","writtenOn":"2026-11-20","status":"published"}
        """
}
