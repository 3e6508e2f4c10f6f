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
    }
}

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Fait tourner le nœud : son site web, et la synchronisation en arrière-plan (nœud) ou le point de synchronisation HTTPS (hub)."
    )
    @OptionGroup var data: DataOptions
    @Option(name: .customLong("site-host"), help: "Adresse d'écoute du site web (en production, derrière un proxy HTTPS).") var siteHost: String =
        "127.0.0.1"
    @Option(name: .customLong("site-port"), help: "Port du site web.") var sitePort: Int = 8080
    @Option(help: "Hub seulement : adresse d'écoute de la synchronisation (défaut : 127.0.0.1).") var host: String?
    @Option(help: "Hub seulement : port HTTPS de synchronisation (défaut : 8443).") var port: Int?
    @Option(name: .customLong("sync-interval"), help: "Nœud seulement : intervalle de synchronisation, en secondes (défaut : 30).")
    var syncInterval: Int?
    @Option(
        help: ArgumentHelp(
            "Commande d'envoi des courriels de notification, par exemple \"/usr/sbin/sendmail -t -i\" (défaut : $VMVP_SENDMAIL ; sans elle, aucun courriel n'est envoyé).",
            valueName: "COMMANDE"
        )
    )
    var sendmail: String?
    @Option(name: .customLong("mail-from"), help: "Expéditeur des notifications (défaut : $VMVP_MAIL_FROM).") var mailFrom: String?
    @Option(
        name: .customLong("site-url"),
        help: "Adresse publique du site, pour les liens des notifications (défaut : $VMVP_SITE_URL, sinon l'adresse d'écoute)."
    ) var siteURL: String?
    @Option(
        name: .customLong("verifier-url"),
        help: "Adresse de la page « Vérifier une attestation » du hub, imprimée sur les attestations (défaut : $VMVP_VERIFIER_URL)."
    ) var verifierURL: String?
    @Option(
        name: .customLong("hub-url"),
        help:
            "Hub seulement : adresse à laquelle les structures joignent le hub, donnée dans les instructions d'installation (défaut : $VMVP_HUB_URL, sinon https://<host>:<port>)."
    ) var hubURL: String?

    func run() async throws {
        let node = try data.openNode()
        do { try node.database.checkWritable() } catch {
            throw StaffMessage("Le nœud ne peut pas démarrer. Stockage : \(error.description)")
        }
        // Held until the process ends: no restore, and no second server, on this directory meanwhile.
        let lock = try ServeLock.acquire(node.directory)
        defer { withExtendedLifetime(lock) {} }
        let logger = Logger(label: "vmvp")
        var services: [any Service] = []
        var transport: HTTPSHubTransport?
        let environment = ProcessInfo.processInfo.environment
        var configuration = SiteConfiguration()
        configuration.verifierURL = verifierURL ?? environment["VMVP_VERIFIER_URL"]
        let isHub = try node.role() == .hub
        // An option meant for the other kind of node would be ignored without a word: refuse it.
        if isHub, syncInterval != nil {
            throw StaffMessage("L'option --sync-interval ne concerne que les nœuds des structures : ce dossier est celui du hub.")
        }
        if !isHub, host != nil || port != nil {
            throw StaffMessage("Les options --host et --port ne concernent que le hub : sur ce nœud, utiliser --site-host et --site-port.")
        }
        if !isHub, hubURL != nil {
            throw StaffMessage("L'option --hub-url ne concerne que le hub : un nœud garde l'adresse donnée à « vmvp enroll ».")
        }
        let (host, port, syncInterval) = (host ?? "127.0.0.1", port ?? 8443, syncInterval ?? 30)
        var hub: HubService?
        if isHub {
            let service = try HubService(node: node)
            hub = service
            configuration.caFingerprint = service.caFingerprint
            configuration.hubURL = hubURL ?? environment["VMVP_HUB_URL"] ?? "https://\(host):\(port)"
        }
        let site = try Site(node: node, configuration: configuration)
        if let command = sendmail ?? environment["VMVP_SENDMAIL"].flatMap({ $0.isEmpty ? nil : $0 }) {
            let from = mailFrom ?? environment["VMVP_MAIL_FROM"] ?? "vis-ma-vie-pro@localhost"
            let url = siteURL ?? environment["VMVP_SITE_URL"] ?? "http://\(siteHost):\(sitePort)"
            let notifications = NotificationService(
                node: node,
                notifier: SendmailNotifier(command: command, from: from),
                siteURL: url,
                logger: logger
            )
            services.append(NotificationLoop(service: notifications, clock: { Date() }, logger: logger))
            Output.line("Notifications par courriel : actives (\(command)).")
        }
        services.append(
            site.application(host: siteHost, port: sitePort, logger: logger) { [siteHost] port in
                Output.line("Site web : http://\(siteHost):\(port)/")
            }
        )
        if let hub {
            services.append(
                try HubServer.application(service: hub, host: host, port: port, logger: logger) { port in
                    Output.line("Hub à l'écoute sur https://\(host):\(port) (synchronisation par TLS mutuel).")
                }
            )
        } else if TLSFiles(node.directory).isEnrolled {
            let t = try Synchronizer.transport(for: node)
            transport = t
            // Listed before the sync service, so shut down after it: the HTTP client outlives its last call.
            services.insert(ClientShutdown(transport: t), at: 0)
            services.append(SyncService(synchronizer: Synchronizer(node: node, transport: t), interval: .seconds(syncInterval), logger: logger))
            services.append(CredentialLoop(credentials: Credentials(node: node), clock: { Date() }, interval: .seconds(syncInterval), logger: logger))
            Output.line("Nœud en service ; synchronisation avec le hub toutes les \(syncInterval) s et après chaque saisie.")
        } else {
            // Entry works before enrollment too; the records will be sent once the node is enrolled.
            Output.line("Ce nœud n'est pas encore inscrit auprès du hub (« vmvp enroll ») : le site fonctionne, sans synchronisation.")
        }
        let group = ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch {
            // Whatever stopped the group, the HTTP client is shut down before it goes.
            await transport?.shutdown()
            throw error
        }
        await transport?.shutdown()
        logger.info("stopped")
        Output.line("Arrêt terminé.")
    }
}

/// Shuts the hub client down when the service group stops, after the services that use it.
struct ClientShutdown: Service {
    let transport: HTTPSHubTransport

    func run() async throws {
        try? await gracefulShutdown()
        await transport.shutdown()
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
        abstract: "Sauvegarde cohérente de la base du nœud (même pendant qu'il tourne)."
    )
    @OptionGroup var data: DataOptions
    @Option(help: "Fichier de sauvegarde à créer.") var output: String

    func run() throws {
        let node = try data.openNode()
        try node.database.backup(to: output)
        Output.line("Base sauvegardée dans \(output). Sauvegarder aussi le dossier keys/ et tls/ (clés privées, à protéger).")
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
