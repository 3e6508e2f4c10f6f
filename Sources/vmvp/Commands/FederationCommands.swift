import ArgumentParser
import Federation
import Foundation
import Logging
import Records
import ServiceLifecycle
import Site
import Storage
import Workflow

struct EnrollCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enroll",
        abstract: "Inscrit ce nœud auprès du hub de la MDA avec un code d'invitation."
    )
    @OptionGroup var data: DataOptions
    @Option(help: "Adresse du hub, par exemple https://hub.mda34.example:8443") var hub: String
    @Option(help: "Code d'invitation reçu de la MDA (vmvp1.…).") var code: String

    func run() async throws {
        let node = try data.openNode()
        guard hub.hasPrefix("https://") else { throw StaffMessage("L'adresse du hub doit commencer par https://") }
        do {
            let result = try await Enrollment.enroll(node: node, hubURL: hub, code: code)
            Output.line("Nœud inscrit dans le réseau sous le nom « \(result.memberName) ».")
            Output.line("Hub : \(result.hubName). Lancer « vmvp sync » ou « vmvp serve » pour échanger les enregistrements.")
        } catch SyncError.unreachable(let why) {
            // Nothing retries an enrollment: say so, and that the code is still good.
            throw StaffMessage(
                "Inscription impossible : hub injoignable (\(why)). Rien n'a été enregistré et le code d'invitation reste valable : relancer la même commande quand le hub répond."
            )
        } catch let error as SyncError {
            throw StaffMessage("Inscription impossible. \(error.description)")
        } catch let error as TrustError {
            throw StaffMessage("Inscription impossible : \(error.description)")
        }
    }
}

struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sync", abstract: "Synchronise maintenant avec le hub (envoi puis réception).")
    @OptionGroup var data: DataOptions

    func run() async throws {
        let node = try data.openNode()
        let transport = try Synchronizer.transport(for: node)
        do {
            let report = try await HTTPSHubTransport.using(transport) { try await Synchronizer(node: node, transport: $0).syncOnce() }
            Output.line(
                "Synchronisation réussie : \(report.pushed) envoyé\(French.s(report.pushed)), \(report.pulled) reçu\(French.s(report.pulled))\(report.recovered > 0 ? ", \(report.recovered) récupéré(s) après restauration" : "")."
            )
            for rejection in report.rejected { Output.line("  Refusé : \(rejection)") }
            // What the pull authenticated through its chains is checked signature by signature
            // before the command ends, as `serve` does between rounds.
            for id in try await node.store.checkAllDeferredSignatures().failed {
                Output.line("  Signature invalide, enveloppe mise en quarantaine : \(id)")
            }
        } catch let error as SyncError {
            throw StaffMessage(error.description)
        }
    }
}

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "État du nœud : dernière synchronisation, enregistrements en attente, dernière erreur."
    )
    @OptionGroup var data: DataOptions

    func run() throws {
        let node = try data.openNode()
        let state = try SyncState.load(node)
        let profile = try node.profile()
        Output.line("Nœud : \(profile?.name ?? "?") (\(try node.role() == .hub ? "hub de la MDA" : "structure partenaire"))")
        Output.line("Identifiant : \(node.structureID)")
        Output.line("Enregistrements dans le journal : \(try node.store.envelopeCount())")
        Output.line("Stockage : \(StorageHealth.check(node.directory).summary)")
        if let expiry = TLSFiles(node.directory).certificateExpiry() {
            Output.line("Certificat TLS : \(CertificateNotice.sentence(expiry: expiry, isHub: try node.role() == .hub, now: Date()))")
        }
        if try node.role() == .hub {
            Output.line(
                "Structures inscrites : \(try node.members.members().count) ; enveloppes en quarantaine : \(try node.store.quarantineCount())"
            )
            return
        }
        guard let url = state.hubURL else {
            Output.line("Pas encore inscrit auprès du hub (« vmvp enroll »).")
            return
        }
        Output.line("Hub : \(url)")
        Output.line("Dernière synchronisation réussie : \(state.lastSuccess.map(French.dateTimeWithZone) ?? "jamais")")
        Output.line("Enregistrements en attente d'envoi : \(state.waiting)")
        Output.line("Curseur de réception : \(state.cursor)")
        if state.recoveryPending { Output.line("Restauration en cours : synchroniser avant toute nouvelle saisie.") }
        // A node that cannot write cannot record why its syncs fail either: look for the reason now.
        let storage = StorageHealth.check(node.directory)
        if let failure = storage.failure {
            Output.line("Dernière erreur : \(failure.sentence) Les synchronisations échouent tant que cela dure.")
        } else {
            Output.line("Dernière erreur : \(state.lastError ?? "aucune")")
        }
        if let rejections = state.lastRejections { Output.line("Refus lors de la dernière synchronisation :\n\(rejections)") }
        let pending = try node.store.pendingSignatureCount()
        if pending > 0 { Output.line("Signatures encore à vérifier (en arrière-plan, entre deux synchronisations) : \(pending)") }
        let quarantined = try node.store.quarantineCount()
        if quarantined > 0 { Output.line("Enveloppes en quarantaine, à examiner : \(quarantined)") }
    }
}

struct MessageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "message",
        abstract: "Messages privés entre structures (chiffrés de bout en bout : le hub ne peut pas les lire).",
        subcommands: [Send.self, List.self]
    )

    struct Send: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Écrit un message privé à une ou plusieurs structures.")
        @OptionGroup var data: DataOptions
        @Option(help: "Identifiant de la structure destinataire (répéter l'option).") var to: [String]
        @Option(help: "Objet du message.") var subject: String
        @Option(help: "Texte du message.") var text: String

        func run() throws {
            let node = try data.openNode()
            let message: Message
            do { message = try Message.validated(Message(subject: subject, text: text).json) } catch {
                throw StaffMessage("Rien n'a été enregistré. \(error.description)")
            }
            let envelope = try node.appendSealed(message, to: to)
            Output.line("Message chiffré et enregistré (\(envelope.id)) ; il partira à la prochaine synchronisation.")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Liste les messages privés reçus et envoyés.")
        @OptionGroup var data: DataOptions

        func run() throws {
            let node = try data.openNode()
            let records = try node.store.currentRecords(type: Message.recordType)
            if records.isEmpty {
                Output.line("Aucun message.")
                return
            }
            for record in records {
                do {
                    let message = try Message.validated(JSONParser.parse(node.clearBody(of: record)))
                    Output.line("- \(record.created) de \(record.origin) : \(message.subject) — \(message.text)")
                } catch let error as SealedBody.SealError {
                    Output.line("- \(record.created) de \(record.origin) : \(error.description)")
                }
            }
        }
    }
}

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Sauvegarde cohérente de la base du nœud (même pendant qu'il tourne), ou vérification d'une sauvegarde.",
        discussion: """
            --output écrit un fichier ; --to-dir écrit vmvp-AAAAMMJJ-HHMMSS.sqlite dans un dossier et n'y garde \
            que les --keep plus récentes (ce que fait chaque jour vmvp-backup.timer). --verify ouvre une \
            sauvegarde sans la modifier et vérifie chaque signature et chaque chaînage de son journal.
            """
    )
    @OptionGroup var data: DataOptions
    @Option(help: "Fichier de sauvegarde à créer.") var output: String?
    @Option(name: .customLong("to-dir"), help: "Dossier des sauvegardes datées (créé 0700 s'il n'existe pas).") var toDir: String?
    @Option(help: "Avec --to-dir : nombre de sauvegardes gardées, les plus récentes (défaut : 14).") var keep: Int = 14
    @Option(help: "Sauvegarde à vérifier (rien n'est modifié).") var verify: String?

    func run() throws {
        if let verify { return try Self.verify(verify) }
        let node = try data.openNode()
        let target: String
        if let toDir {
            guard keep >= 1 else { throw StaffMessage("--keep doit valoir au moins 1.") }
            try FileManager.default.createDirectory(atPath: toDir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            target = (toDir as NSString).appendingPathComponent("vmvp-\(Self.stamp(Date())).sqlite")
        } else if let output {
            target = output
        } else {
            throw StaffMessage("Indiquer --output FICHIER, --to-dir DOSSIER ou --verify FICHIER.")
        }
        try node.database.backup(to: target)
        Output.line("Base sauvegardée dans \(target). Sauvegarder aussi le dossier keys/ et tls/ (clés privées, à protéger).")
        if let toDir {
            for old in try Self.rotate(toDir, keep: keep) { Output.line("Ancienne sauvegarde supprimée : \(old)") }
        }
    }

    /// "20261206-221530", UTC: names sort in time order.
    static func stamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter.string(from: date)
    }

    /// Deletes the oldest dated backups beyond `keep`; other files are never touched.
    static func rotate(_ directory: String, keep: Int) throws -> [String] {
        let backups = try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.hasPrefix("vmvp-") && $0.hasSuffix(".sqlite") && $0.count == "vmvp-20261206-221530.sqlite".count }
            .sorted()
        let old = backups.dropLast(keep).map { (directory as NSString).appendingPathComponent($0) }
        for path in old { try FileManager.default.removeItem(atPath: path) }
        return old
    }

    /// Opens a copy of the backup (the backup itself is never written to) and checks its log.
    static func verify(_ path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { throw StaffMessage("Sauvegarde introuvable : \(path).") }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("vmvp-verify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: scratch) }
        let copy = scratch.appendingPathComponent("node.sqlite").path
        let store: RecordStore
        let isHub: Bool
        let own: String?
        do {
            try NodeDatabase.restore(from: path, to: copy)
            let database = try NodeDatabase(path: copy)
            store = RecordStore(database: database)
            let settings = NodeSettings(database: database)
            own = try settings[.structureID]
            isHub = try settings[.role].flatMap(NodeRole.init) == .hub
        } catch {
            throw StaffMessage(
                "Sauvegarde illisible : \(path) n'est pas une base vmvp ouvrable (\(StorageFailure(error)?.sentence ?? "\(type(of: error))"))."
            )
        }
        var faults: [LogFault] = []
        var envelopes: [Envelope] = []
        for raw in try store.rawEnvelopes() {
            do { envelopes.append(try raw.envelope()) } catch { faults.append(LogFault(envelopeID: raw.id, problem: error.description)) }
        }
        var verifier = LogVerifier()
        verifier.learnKeys(from: envelopes)
        faults += verifier.verify(envelopes, completeOrigins: isHub ? nil : Set(own.map { [$0] } ?? []))
        faults += LogVerifier.erasures(in: envelopes).faults
        guard faults.isEmpty else {
            for fault in faults { Output.line(fault.description) }
            throw StaffMessage("Sauvegarde \(path) : \(French.count(faults.count, "anomalie")) dans son journal.", exitCode: 1)
        }
        Output.line(
            "Sauvegarde lisible : \(French.count(envelopes.count, "enveloppe")) vérifiée\(French.s(envelopes.count)) (signatures, empreintes, chaînage)."
        )
    }
}

struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restaure la base depuis une sauvegarde ; le nœud récupère ensuite ses enregistrements auprès du hub avant toute saisie."
    )
    @OptionGroup var data: DataOptions
    @Option(help: "Fichier de sauvegarde (créé par « vmvp backup »).") var from: String

    func run() throws {
        let directory = NodeDirectory(path: data.path)
        guard FileManager.default.fileExists(atPath: from) else { throw StaffMessage("Sauvegarde introuvable : \(from).") }
        // Replacing the files under a running server would leave it writing to deleted ones.
        let node: OpenNode
        do { node = try directory.restoreDatabase(from: from) } catch let error as ServeLock.Failure {
            throw StaffMessage("Restauration refusée. \(error.description) Rien n'a été modifié.")
        }
        let isHub = try node.role() == .hub
        Output.line(
            isHub
                ? "Base du hub restaurée. Nouvelle époque : les nœuds recommenceront leur réception et renverront ce qui manque."
                : "Base restaurée. Lancer « vmvp sync » : le nœud récupère d'abord ses propres enregistrements auprès du hub."
        )
    }
}
