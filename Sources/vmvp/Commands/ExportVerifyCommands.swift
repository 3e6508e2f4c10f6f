import ArgumentParser
import Foundation
import Records
import Storage

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Exporte toutes les enveloppes du nœud, telles que stockées, au format JSON Lines (une par ligne)."
    )

    @OptionGroup var data: DataOptions
    @Option(help: "Fichier de sortie (défaut : la sortie standard).") var output: String?

    func run() throws {
        let node = try data.openNode()
        var out: [UInt8] = []
        let raws = try node.store.rawEnvelopes()
        for raw in raws {
            out += exportLine(raw)
            out.append(0x0A)
        }
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: Data(out)) else {
                throw StaffMessage("Impossible d'écrire « \(output) ».")
            }
            Output.error("\(raws.count) enveloppes exportées dans \(output).")
        } else {
            FileHandle.standardOutput.write(Data(out))
        }
    }

    /// The stored bytes as they are, so that a damaged row is exported damaged and `verify --file` names it.
    func exportLine(_ raw: RawEnvelope) -> [UInt8] {
        raw.headerBytes.isEmpty
            ? Envelope.wireLine(headerBytes: Array("null".utf8), signature: raw.signature, body: raw.body)
            : raw.wireLine
    }
}

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Revérifie chaque signature, empreinte de contenu et chaînage du journal du nœud (ou d'un fichier d'export).",
        discussion: "Code de sortie 0 si tout est sain ; sinon 1, avec une ligne par anomalie qui nomme l'enregistrement."
    )

    @OptionGroup var data: DataOptions
    @Option(help: "Fichier d'export JSON Lines à vérifier au lieu du nœud.") var file: String?

    func run() throws {
        var faults: [LogFault] = []
        var envelopes: [Envelope] = []
        var total = 0
        // Our own chain must be complete; other origins' chains have gaps where private
        // records addressed to other structures were never sent to us. A hub holds all.
        var completeOrigins: Set<String>?
        if let file {
            let bytes = try readExport(file)
            let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
            for (n, line) in lines.enumerated() where !line.isEmpty {
                total += 1
                do { envelopes.append(try Envelope(wireLine: Array(line))) } catch {
                    faults.append(LogFault(envelopeID: guessID(Array(line)) ?? "ligne \(n + 1)", problem: error.description))
                }
            }
        } else {
            let node = try data.openNode()
            completeOrigins = try node.role() == .hub ? nil : [node.structureID]
            for raw in try node.store.rawEnvelopes() {
                total += 1
                do {
                    let envelope = try raw.envelope()
                    if envelope.id != raw.id {
                        faults.append(
                            LogFault(envelopeID: raw.id, problem: "l'identifiant de l'en-tête (\(envelope.id)) ne correspond pas à celui du journal.")
                        )
                    }
                    envelopes.append(envelope)
                } catch {
                    faults.append(LogFault(envelopeID: raw.id, problem: error.description))
                }
            }
        }
        if file != nil {
            // An export starts with the exporting node's own profile.
            completeOrigins = envelopes.first.map { [$0.header.originStructure] }
        }
        var verifier = LogVerifier()
        verifier.learnKeys(from: envelopes)
        faults += verifier.verify(envelopes, completeOrigins: completeOrigins)
        if faults.isEmpty {
            Output.line(
                "Journal sain : \(French.count(envelopes.count, "enveloppe")) vérifiée\(French.s(envelopes.count)) (signatures, empreintes, chaînage)."
            )
            return
        }
        for fault in faults { Output.line(fault.description) }
        throw StaffMessage(
            "\(French.count(faults.count, "anomalie")) trouvée\(French.s(faults.count)) sur \(French.count(total, "enveloppe")).",
            exitCode: 1
        )
    }

    func readExport(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StaffMessage("Impossible de lire le fichier « \(path) » : vérifier le chemin.")
        }
        return Array(data)
    }

    /// Best effort to name a line that no longer parses: the first `"id":"<uuid>"` in it.
    func guessID(_ line: [UInt8]) -> String? {
        let text = String(decoding: line, as: UTF8.self)
        guard let range = text.range(of: "\"id\":\"") else { return nil }
        let candidate = String(text[range.upperBound...].prefix(36))
        return RecordID.isWellFormed(candidate) ? candidate : nil
    }
}
