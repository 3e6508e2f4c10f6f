import Foundation
import TestSupport
import Testing

@testable import Records
@testable import Storage

/// Runs the real `vmvp` binary on a temporary data directory.
struct CLI {
    let dataDirectory: String

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    @discardableResult
    func run(_ arguments: [String], environment: [String: String] = [:], withData: Bool = true) throws -> Result {
        let process = Process()
        process.executableURL = TestPaths.vmvpBinary
        process.arguments = arguments + (withData ? ["--data", dataDirectory] : [])
        var env = ProcessInfo.processInfo.environment
        env["VMVP_DATA"] = nil
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self)
        )
    }
}

@Suite("vmvp command, end to end")
struct CLITests {
    let root = TestPaths.temporaryDirectory("cli")
    var cli: CLI { CLI(dataDirectory: root.appendingPathComponent("node").path) }

    func write(_ json: JSONValue, name: String) throws -> String {
        let path = root.appendingPathComponent(name).path
        try Data(CanonicalJSON.encode(json)).write(to: URL(fileURLWithPath: path))
        return path
    }

    func initNode() throws {
        let result = try cli.run(["init", "--name", "CMP infanto-juvénile de Béziers", "--sector", "sanitaire", "--commune", "Béziers"])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func fullSequenceInitOfferSearchExportVerify() throws {
        try initNode()
        let offerFile = try write(Samples.offerJSON(missions: "Découverte de l'Éducation thérapeutique"), name: "offer.json")
        let add = try cli.run(["offer", "add", "--file", offerFile])
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.stdout.contains("Offre enregistrée et signée"))

        let list = try cli.run(["offer", "list"])
        #expect(list.stdout.contains("[publiée]") && list.stdout.contains("Béziers"))

        let search = try cli.run(["search", "education", "therapeutique", "--sector", "sanitaire", "--month", "2027-03"])
        #expect(search.status == 0)
        #expect(search.stdout.contains("1 offre trouvée"), "\(search.stdout)")
        let none = try cli.run(["search", "--commune", "Lodève"])
        #expect(none.stdout.contains("Aucune offre"))

        let demandFile = try write(Samples.demandJSON(), name: "demand.json")
        #expect(try cli.run(["demand", "add", "--file", demandFile]).status == 0)
        #expect(try cli.run(["demand", "list"]).stdout.contains("Karim Benali"))

        let exportPath = root.appendingPathComponent("export.jsonl").path
        #expect(try cli.run(["export", "--output", exportPath]).status == 0)
        let lines = try String(contentsOfFile: exportPath, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 4 && lines[0].hasPrefix("{\"manifest\":"), "the signed statement, then the three envelopes")
        let stdoutExport = try cli.run(["export"])
        #expect(stdoutExport.stdout == (try String(contentsOfFile: exportPath, encoding: .utf8)), "export is the same bytes either way")

        let verify = try cli.run(["verify"])
        #expect(verify.status == 0 && verify.stdout.contains("Journal sain : 3 enveloppes"))
        let verifyFile = try cli.run(["verify", "--file", exportPath], withData: false)
        #expect(verifyFile.status == 0, "\(verifyFile.stdout)")
    }

    @Test func dataDirectoryComesFromTheEnvironment() throws {
        let path = root.appendingPathComponent("from-env").path
        let result = try CLI(dataDirectory: path).run(
            ["init", "--name", "Mission locale de Lunel", "--sector", "information_orientation"],
            environment: ["VMVP_DATA": path],
            withData: false
        )
        #expect(result.status == 0)
        #expect(NodeDirectory(path: path).exists)
    }

    @Test func invalidOfferIsExplainedAndNothingIsStored() throws {
        try initNode()
        let bad = try write(Samples.offer(["durationHalfDays": .integer(12), "contact": .object([:])], removing: ["writtenBy"]), name: "bad.json")
        let result = try cli.run(["offer", "add", "--file", bad])
        #expect(result.status != 0)
        #expect(result.stderr.contains("Rien n'a été enregistré"))
        #expect(result.stderr.contains("durationHalfDays : doit être compris entre 1 et 10"))
        #expect(result.stderr.contains("writtenBy : champ obligatoire manquant."))
        #expect(result.stderr.contains("contact.email : champ obligatoire manquant."))
        #expect(try NodeDirectory(path: cli.dataDirectory).open().store.envelopeCount() == 1)

        let floatFile = root.appendingPathComponent("float.json").path
        try Data(#"{"durationHalfDays": 4.5}"#.utf8).write(to: URL(fileURLWithPath: floatFile))
        let float = try cli.run(["offer", "add", "--file", floatFile])
        #expect(float.status != 0 && float.stderr.contains("Nombre décimal interdit"))

        let missing = try cli.run(["offer", "add", "--file", "/nonexistent/offer.json"])
        #expect(missing.status != 0 && missing.stderr.contains("Impossible de lire le fichier"))
    }

    @Test func commandsOnAMissingNodeSayWhatToDo() throws {
        let result = try cli.run(["offer", "list"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("Lancer d'abord « vmvp init »"))
        let sector = try cli.run(["init", "--name", "X", "--sector", "police"])
        #expect(sector.status != 0 && sector.stderr.contains("Secteur « police » inconnu"))
    }

    @Test func tamperedDatabaseRowIsNamedByVerify() throws {
        try initNode()
        let offerFile = try write(Samples.offerJSON(), name: "offer.json")
        #expect(try cli.run(["offer", "add", "--file", offerFile]).status == 0)
        let store = try NodeDirectory(path: cli.dataDirectory).open().store
        let target = try #require(try store.envelopes().last)
        // Bypass the append-only trigger as an attacker with file access would.
        try store.pool.write { db in
            try db.execute(sql: "DROP TRIGGER envelopes_only_erasure")
            var body = target.body
            body[body.count / 2] ^= 0x01
            try db.execute(sql: "UPDATE envelopes SET body = ? WHERE id = ?", arguments: [Data(body), target.id])
        }
        let verify = try cli.run(["verify"])
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("\(target.id) : le contenu ne correspond pas à son empreinte"), "\(verify.stdout)")
    }

    @Test func tamperedExportIsNamedByVerifyFile() throws {
        try initNode()
        let offerFile = try write(Samples.offerJSON(), name: "offer.json")
        #expect(try cli.run(["offer", "add", "--file", offerFile]).status == 0)
        let exportPath = root.appendingPathComponent("export.jsonl").path
        #expect(try cli.run(["export", "--output", exportPath]).status == 0)
        let original = try String(contentsOfFile: exportPath, encoding: .utf8)
        // [statement, profile, offer]
        let lines = original.split(separator: "\n").map(String.init)
        let second = try Envelope(wireLine: Array(lines[2].utf8))

        #expect(try cli.run(["offer", "add", "--file", offerFile]).status == 0)
        try FileManager.default.removeItem(atPath: exportPath)
        #expect(try cli.run(["export", "--output", exportPath]).status == 0)
        // [statement, profile, offer, offer]
        let all = try String(contentsOfFile: exportPath, encoding: .utf8).split(separator: "\n").map(String.init)
        let third = try Envelope(wireLine: Array(all[3].utf8))
        let profile = try Envelope(wireLine: Array(all[1].utf8))
        let badFirstPrev = all[1].replacingOccurrences(of: Digest.genesis, with: String(repeating: "a", count: 64))

        // A header value changed: the signature no longer matches.
        let header = lines[2].replacingOccurrences(of: "\"visibility\":\"network\"", with: "\"visibility\":\"local\"")
        // A byte of the body changed: the body hash no longer matches.
        var bodyBytes = second.body
        bodyBytes[10] ^= 0x01
        let body = lines[2].replacingOccurrences(of: Base64.encode(second.body), with: Base64.encode(bodyBytes))
        let statement = "déclaration d'export"
        // The statement claims seq 3 as the head; changed to 2, it no longer verifies.
        let forgedStatement = all[0].replacingOccurrences(of: "\"seq\":3", with: "\"seq\":2")
        let cases: [([String], String, String)] = [
            ([lines[0], lines[1], header], second.id, "signature invalide"),
            ([lines[0], lines[1], body], second.id, "ne correspond pas à son empreinte"),
            ([all[0], all[1], all[3]], third.id, "il manque le numéro 2"),  // a record removed from the middle
            ([all[0], all[1], all[3], all[2]], "", ""),  // reordered lines are still a sound log
            ([lines[0], lines[2]], second.id, "clé de signature inconnue"),  // the profile carrying the key is missing
            ([all[0], all[1], all[2]], statement, "export incomplet"),  // the last record dropped: only the statement shows it
            ([all[1], all[2], all[3]], statement, "absente"),  // no statement: completeness cannot be known
            ([forgedStatement, all[1], all[2]], statement, "signature invalide"),
            ([all[0], all[1], " \r", all[2], all[3]], "ligne 3", "mal formée"),  // a line of spaces is not an empty line
            // A first record whose prev is not the genesis value is a read fault (protocol README, step 2).
            ([all[0], badFirstPrev, all[2], all[3]], profile.id, "« prev » du premier"),
        ]
        for (tampered, id, expected) in cases {
            let path = root.appendingPathComponent("tampered.jsonl").path
            try (tampered.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            let verify = try cli.run(["verify", "--file", path], withData: false)
            if id.isEmpty {
                #expect(verify.status == 0, "\(verify.stdout)")
            } else {
                #expect(verify.status == 1)
                #expect(verify.stdout.contains("\(id) : ") && verify.stdout.contains(expected), "\(verify.stdout)")
            }
        }
    }

    @Test func helpIsCompleteAndFrench() throws {
        let help = try cli.run(["--help"], withData: false)
        for command in ["init", "offer", "demand", "search", "export", "verify"] {
            #expect(help.stdout.contains(command))
        }
        #expect(help.stdout.contains("Maison des Adolescents"))
        let offerHelp = try cli.run(["offer", "add", "--help"], withData: false)
        #expect(offerHelp.stdout.contains("durationHalfDays"))
    }
}
