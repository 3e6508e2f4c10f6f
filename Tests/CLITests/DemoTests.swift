import Foundation
import TestSupport
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite("vmvp demo")
struct DemoTests {
    /// The hub, its site and the twelve nodes' sites.
    static let ports = 14

    /// The README's main command: a hub and partner nodes on loopback, enrolled, seeded and
    /// synced over mutual TLS; the node directories work with the other commands meanwhile.
    @Test(.timeLimit(.minutes(3))) func demoRunsAndItsDirectoriesAreOrdinaryNodes() async throws {
        let root = TestPaths.temporaryDirectory("demo")
        let port = try FreePorts.consecutive(DemoTests.ports)
        let process = Process()
        process.executableURL = TestPaths.vmvpBinary
        process.arguments = ["demo", "--dir", root.path, "--base-port", String(port), "--sync-interval", "2"]
        let out = Pipe()
        process.standardOutput = out
        // What the demo logs (warnings, a service that stopped) is shown when an expectation fails.
        let errorLog = root.deletingLastPathComponent().appendingPathComponent("\(root.lastPathComponent)-stderr.log")
        _ = FileManager.default.createFile(atPath: errorLog.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: errorLog)
        let logged = { "demo's stderr: " + String(decoding: (try? Data(contentsOf: errorLog)) ?? Data(), as: UTF8.self).suffix(4000) }
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        var text = ""
        let handle = out.fileHandleForReading
        while !text.contains("Ctrl-C pour arrêter.") {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        #expect(text.contains("Démonstration Vis ma vie pro prête"), "\(logged())")
        #expect(text.contains("12 nœuds de structures partenaires, 27 offres publiées"))
        #expect(text.contains("Historique d'exemple sur douze mois : "), "one line on the seeded history")
        #expect(text.contains("https://127.0.0.1:\(port)"))

        let cli = CLI(dataDirectory: root.appendingPathComponent("college-sete").path)
        let search = try cli.run(["search", "education"])
        #expect(search.status == 0 && search.stdout.contains("offres trouvées"), "\(search.stdout)")
        let all = try cli.run(["search", "--limit", "100"])
        #expect(all.stdout.contains("27 offres trouvées"))
        let verify = try cli.run(["verify"])
        #expect(verify.status == 0, "\(verify.stdout)")
        // The sample data yields a cross-hosting pair and an exchange of three, packed together.
        let suggestions = try CLI(dataDirectory: root.appendingPathComponent("hub").path).run(["suggestions"])
        #expect(suggestions.stdout.contains("Accueil croisé :") && suggestions.stdout.contains("Échange à trois :"), "\(suggestions.stdout)")
        #expect(suggestions.stdout.contains("9 professionnel(s) servi(s)"))
        let status = try cli.run(["status"])
        #expect(status.stdout.contains("Dernière erreur : aucune"), "\(status.stdout)\n\(logged())")
        // Each node serves its site; the printed demo account signs in.
        #expect(text.contains("referent@college-sete.example"))
        #expect(process.isRunning, "\(logged())")
        let (body, _) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port + 3)/connexion")!)
        let site = String(decoding: body, as: UTF8.self)
        #expect(site.contains("Connexion") && site.contains("name=\"csrf\""))

        process.interrupt()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(logged())")
        let rest = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
        #expect(rest.contains("Démonstration arrêtée"))

        // Run again on the same directory, on other ports: the data is reused and the nodes follow their hub.
        let again = try FreePorts.consecutive(DemoTests.ports)
        let second = Process()
        second.executableURL = TestPaths.vmvpBinary
        second.arguments = ["demo", "--dir", root.path, "--base-port", String(again), "--sync-interval", "2"]
        let secondOut = Pipe()
        second.standardOutput = secondOut
        second.standardError = FileHandle.nullDevice
        try second.run()
        defer { if second.isRunning { second.terminate() } }
        var secondText = ""
        while !secondText.contains("Ctrl-C pour arrêter.") {
            let chunk = secondOut.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            secondText += String(decoding: chunk, as: UTF8.self)
        }
        #expect(secondText.contains("prête (données existantes réutilisées)") && secondText.contains("https://127.0.0.1:\(again)"), "\(secondText)")
        second.interrupt()
        second.waitUntilExit()
        #expect(second.terminationStatus == 0)
        try? FileManager.default.removeItem(at: root)
        try? FileManager.default.removeItem(at: errorLog)
    }
}

/// The fuzz target's plain build replays files: every protocol example and vector goes through
/// every reader without breaking a property (scripts/fuzz.sh runs the same target under libFuzzer).
@Test func theFuzzTargetReplaysTheProtocolFilesCleanly() throws {
    let replay = TestPaths.vmvpBinary.deletingLastPathComponent().appendingPathComponent("VMVPFuzz")
    let process = Process()
    process.executableURL = replay
    let protocolDirectory = TestPaths.repositoryRoot.appendingPathComponent("protocol")
    process.arguments = ["examples", "vectors"].map { protocolDirectory.appendingPathComponent($0).path }
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0 && text.contains("rejouées sans anomalie"), "\(text)")
}
