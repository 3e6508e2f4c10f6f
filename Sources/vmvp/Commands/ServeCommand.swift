import ArgumentParser
import Federation
import Foundation
import Logging
import Observability
import Prometheus
import Records
import ServiceLifecycle
import Site
import Storage
import Workflow

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
            "Commande d'envoi des courriels (notifications, invitations, mots de passe oubliés), par exemple \"/usr/sbin/sendmail -t -i\" (défaut : $VMVP_SENDMAIL ; sans elle, aucun courriel n'est envoyé).",
            valueName: "COMMANDE"
        )
    )
    var sendmail: String?
    @Option(name: .customLong("mail-from"), help: "Expéditeur des courriels (défaut : $VMVP_MAIL_FROM).") var mailFrom: String?
    @Option(
        name: .customLong("site-url"),
        help: "Adresse publique du site, pour les liens des courriels et des invitations (défaut : $VMVP_SITE_URL, sinon l'adresse d'écoute)."
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
    @Flag(
        name: .customLong("behind-proxy"),
        help:
            "Le site est derrière un proxy HTTPS sur cette machine : l'adresse du client est lue dans X-Forwarded-For (défaut : $VMVP_BEHIND_PROXY=1)."
    ) var behindProxy = false
    @Option(
        name: .customLong("metrics-port"),
        help: "Port des métriques Prometheus (/metrics) pour la supervision ; sans cette option, pas de métriques."
    ) var metricsPort: Int?
    @Option(name: .customLong("metrics-host"), help: "Adresse d'écoute des métriques (défaut : 127.0.0.1, cette machine seulement).")
    var metricsHost: String = "127.0.0.1"

    func run() async throws {
        let node = try data.openNode()
        do { try node.database.checkWritable() } catch {
            throw StaffMessage("Le nœud ne peut pas démarrer. Stockage : \(error.description)")
        }
        // Held until the process ends: no restore, and no second server, on this directory meanwhile.
        let lock = try ServeLock.acquire(node.directory)
        defer { withExtendedLifetime(lock) {} }
        let logger = Logger(label: "vmvp")
        // Each one runs until shutdown; one that stops earlier is named, and stops the rest (Supervised).
        var services: [Supervised] = []
        var transport: HTTPSHubTransport?
        let environment = ProcessInfo.processInfo.environment
        var configuration = SiteConfiguration()
        configuration.siteURL = siteURL ?? environment["VMVP_SITE_URL"].flatMap({ $0.isEmpty ? nil : $0 }) ?? "http://\(siteHost):\(sitePort)"
        configuration.trustForwardedFor = behindProxy || environment["VMVP_BEHIND_PROXY"] == "1"
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
        if let command = sendmail ?? environment["VMVP_SENDMAIL"].flatMap({ $0.isEmpty ? nil : $0 }) {
            let from = mailFrom ?? environment["VMVP_MAIL_FROM"] ?? "vis-ma-vie-pro@localhost"
            let notifier = SendmailNotifier(command: command, from: from)
            // The same mail for invitations and password resets as for notifications.
            configuration.mail = notifier
            let notifications = NotificationService(node: node, notifier: notifier, siteURL: configuration.siteURL, logger: logger)
            services.append(
                Supervised("notifications par courriel", PeriodicTask.notifications(notifications, clock: { Date() }, logger: logger), logger: logger)
            )
            Output.line("Courriels (notifications, invitations, mots de passe oubliés) : actifs (\(command)).")
        } else {
            Output.line("Courriel non configuré (--sendmail) : les liens d'invitation et de réinitialisation s'affichent aux administrateurs.")
        }
        services.append(
            Supervised(
                "durées de conservation",
                PeriodicTask.retention(node, clock: { Date() }, interval: .seconds(86_400), logger: logger),
                logger: logger
            )
        )
        let files = TLSFiles(node.directory)
        configuration.certificateExpiry = { files.certificateExpiry() }
        let site = try Site(node: node, configuration: configuration)
        let siteApplication = site.application(host: siteHost, port: sitePort, logger: logger) { [siteHost] port in
            Output.line("Site web : http://\(siteHost):\(port)/")
        }
        services.append(Supervised("site web", siteApplication, logger: logger))
        if let hub {
            let hubApplication = try HubServer.application(service: hub, host: host, port: port, logger: logger) { port in
                Output.line("Hub à l'écoute sur https://\(host):\(port) (synchronisation par TLS mutuel).")
            }
            services.append(Supervised("hub", hubApplication, logger: logger))
            services.append(Supervised("réponse aux attentes des nœuds", LongPollRelease(service: hub), logger: logger))
        } else if TLSFiles(node.directory).isEnrolled {
            let t = try Synchronizer.transport(for: node)
            transport = t
            // Listed before the sync service, so shut down after it: the HTTP client outlives its last call.
            services.insert(Supervised("client du hub", ClientShutdown(transport: t), logger: logger), at: 0)
            let sync = SyncService(synchronizer: Synchronizer(node: node, transport: t), interval: .seconds(syncInterval), logger: logger)
            services.append(Supervised("synchronisation avec le hub", sync, logger: logger))
            let issuance = PeriodicTask.credentialIssuance(
                Credentials(node: node),
                clock: { Date() },
                interval: .seconds(syncInterval),
                logger: logger
            )
            services.append(Supervised("émission des attestations", issuance, logger: logger))
            Output.line("Nœud en service ; synchronisation avec le hub toutes les \(syncInterval) s et après chaque saisie.")
        } else {
            // Entry works before enrollment too; the records will be sent once the node is enrolled.
            Output.line("Ce nœud n'est pas encore inscrit auprès du hub (« vmvp enroll ») : le site fonctionne, sans synchronisation.")
        }
        if let metricsPort {
            let registry = PrometheusCollectorRegistry()
            MetricsExport.bootstrap(registry)
            let hubService = hub
            let gauges = PeriodicTask(
                name: "metrics",
                clock: { Date() },
                interval: .seconds(15),
                logger: logger,
                pass: { now in try await MetricsExport.gauges(node, hub: hubService, now: now) }
            )
            services.append(Supervised("mesures du nœud", gauges, logger: logger))
            let exporter = MetricsExport.application(registry: registry, host: metricsHost, port: metricsPort, logger: logger)
            services.append(Supervised("export des métriques", exporter, logger: logger))
            Output.line("Métriques Prometheus : http://\(metricsHost):\(metricsPort)/metrics")
        }
        let group = ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch {
            // Whatever stopped the group, the HTTP client is shut down before it goes.
            await transport?.shutdown(within: .seconds(2))
            throw error
        }
        await transport?.shutdown(within: .seconds(2))
        logger.info("stopped")
        Output.line("Arrêt terminé.")
    }
}

/// Shuts the hub client down when the service group stops, after the services that use it.
struct ClientShutdown: Service {
    let transport: HTTPSHubTransport

    func run() async throws {
        try? await gracefulShutdown()
        await transport.shutdown(within: .seconds(2))
    }
}
