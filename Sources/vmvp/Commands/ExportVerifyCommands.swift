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
        // The file opens with the signed statement of the chains it holds in full: a node's own,
        // and at the hub every shared chain (the hub holds them all).
        let isHub = try node.role() == .hub
        let complete = try node.store.chainHeads().filter { $0.origin == node.structureID || (isHub && $0.chain == .shared) }
        let hub = try node.settings[.hubStructureID].flatMap { structure in
            try node.settings[.hubSigningKey].flatMap(Base64.decode).map { ExportManifest.Hub(structure: structure, key: KeyID.of(ed25519: $0)) }
        }
        let manifest = ExportManifest(exporter: node.structureID, key: node.author.identity.keyID, hub: hub, complete: complete)
        var out: [UInt8] = try manifest.line(signedBy: node.author.identity) + [0x0A]
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
            Output.write(out)
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
        var manifest: (manifest: ExportManifest, signature: [UInt8])?
        if let file {
            let bytes = try readExport(file)
            let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
            let firstLine = lines.firstIndex { !$0.isEmpty }
            if let firstLine { manifest = ExportManifest.read(Array(lines[firstLine])) }
            if manifest == nil {
                faults.append(
                    LogFault(
                        envelopeID: "déclaration d'export",
                        problem:
                            "absente : l'export ne dit pas quelles chaînes il contient en entier, on ne peut pas savoir s'il en manque (refaire l'export avec cette version)."
                    )
                )
            }
            for (n, line) in lines.enumerated() where !line.isEmpty && (manifest == nil || n != firstLine) {
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
            // Complete: the chains the signed statement declares; the others are partial.
            completeOrigins = Set(manifest?.manifest.complete.map(\.origin) ?? [])
        }
        var verifier = LogVerifier()
        verifier.learnKeys(from: envelopes)
        faults += verifier.verify(envelopes, completeOrigins: completeOrigins)
        if let manifest { faults += manifest.manifest.faults(signature: manifest.signature, keys: verifier.keys, envelopes: envelopes) }
        let erased = LogVerifier.erasures(in: envelopes)
        faults += erased.faults
        let names = Dictionary(
            (file == nil ? (try? data.openNode().store.structures()) ?? [] : []).map { ($0.structureID, $0.name) },
            uniquingKeysWith: { a, _ in a }
        )
        for erasure in erased.erasures {
            let why = erasure.reason == .erasure ? "droit à l'effacement d'une personne" : "fin de la durée de conservation"
            Output.line(
                "\(erasure.envelopeID) : effacé à la demande de \(names[erasure.origin] ?? erasure.origin) (\(why)), le \(French.dateTime(erasure.at))."
            )
        }
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
