import ArgumentParser
import Federation
import Foundation
import Logging
import Observability
import Records
import ServiceLifecycle
import Site
import Storage
import Workflow

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract:
            "Démonstration : un hub et douze nœuds de structures partenaires sur cette machine, avec une année d'échanges, synchronisés par TLS mutuel.",
        discussion:
            "Chaque nœud a son propre dossier de données, utilisable avec les autres commandes (--data DIR/<nœud>), même pendant la démonstration. Ctrl-C arrête tout."
    )

    @Option(help: "Dossier de la démonstration (réutilisé s'il existe déjà).") var dir: String = "./vmvp-demo"
    @Option(name: .customLong("base-port"), help: "Premier port utilisé (le hub écoute sur ce port).") var basePort: Int = 8440
    @Option(name: .customLong("sync-interval"), help: "Intervalle de synchronisation des nœuds, en secondes.") var syncInterval: Int = 15
    @Option(help: "Date du jour simulée par les sites (AAAA-MM-JJ), pour montrer la suite d'une immersion sans attendre ses dates.") var today:
        String?
    @Option(help: "Graine de l'historique d'exemple : la même graine et la même date donnent le même historique.") var seed: UInt64 = 34

    func run() async throws {
        guard (1024...65000).contains(basePort) else { throw StaffMessage("--base-port doit être entre 1024 et 65000.") }
        var site = SiteConfiguration()
        if let today {
            guard let day = Day(today) else { throw StaffMessage("--today : date « \(today) » non reconnue (AAAA-MM-JJ).") }
            // Shift the clock by whole days, so times of day stay real.
            let offset = TimeInterval(day.daysSinceEpoch - Day.today().daysSinceEpoch) * 86_400
            site.now = { Date().addingTimeInterval(offset) }
        }
        site.verifierURL = "http://127.0.0.1:\(basePort + 1)/verifier"
        let root = NodeDirectory(path: dir).url
        try SecureFiles.makeDirectory(root)
        var logger = Logger(label: "vmvp-demo")
        logger.logLevel = .warning
        let hubDirectory = NodeDirectory(path: root.appendingPathComponent("hub").path)
        let fresh = !hubDirectory.exists
        let hub: OpenNode
        if fresh {
            hub = try HubSetup.create(
                at: hubDirectory.path,
                hosts: ["localhost", "127.0.0.1"],
                description: "Pilote de la bourse d'échange professionnel réciproque par immersion."
            ).hub
        } else {
            hub = try hubDirectory.open()
        }
        let service = try HubService(node: hub)
        let (ready, readyContinuation) = AsyncStream.makeStream(of: Int.self)
        let hubApp = try HubServer.application(service: service, host: "127.0.0.1", port: basePort, logger: logger) { port in
            readyContinuation.yield(port)
        }
        let runner = DemoRunner(
            root: root,
            hub: service,
            fresh: fresh,
            seed: seed,
            ready: ready,
            syncInterval: syncInterval,
            basePort: basePort,
            site: site,
            logger: logger
        )
        let group = ServiceGroup(
            configuration: .init(
                // Shut down in reverse: held long-polls are answered first, then the nodes stop, then the hub.
                services: [
                    .init(service: Supervised("hub", hubApp, logger: logger)), .init(service: runner),
                    .init(service: Supervised("réponse aux attentes des nœuds", LongPollRelease(service: service), logger: logger)),
                ],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        try await group.run()
        Output.line("Démonstration arrêtée. Les données restent dans \(root.path).")
    }
}

/// Enrolls and seeds the demo nodes once the hub listens, prints where everything is,
/// then keeps every node in sync until shutdown.
struct DemoRunner: Service {
    let root: URL
    let hub: HubService
    let fresh: Bool
    let seed: UInt64
    let ready: AsyncStream<Int>
    let syncInterval: Int
    let basePort: Int
    let site: SiteConfiguration
    let logger: Logger

    /// The hub's site also runs the network's administration, which needs the CA and the hub's address.
    func hubSite(url: String, port: Int) -> SiteConfiguration {
        var configuration = siteConfiguration(port: port)
        configuration.caFingerprint = hub.caFingerprint
        configuration.hubURL = url
        return configuration
    }

    /// Demo accounts: one password for all, printed at start (a demo, not a deployment).
    static let password = "vismavie-demo"
    /// Hashed once: the demo's thirty-odd accounts share it, and bcrypt takes a while each time.
    static let passwordHash = Authenticator.hashPassword(password, cost: 10)

    static func addAccount(_ node: OpenNode, email: String, name: String, role: Role) throws {
        guard try node.accounts.account(email: email) == nil else { return }
        _ = try node.accounts.add(email: email, name: name, role: role, passwordHash: passwordHash)
    }

    func run() async throws {
        var port = 0
        for await bound in ready {
            port = bound
            break
        }
        let url = "https://127.0.0.1:\(port)"
        var nodes: [OpenNode] = []
        for structure in DemoData.structures {
            let directory = NodeDirectory(path: root.appendingPathComponent(structure.directory).path)
            if directory.exists, TLSFiles(directory).isEnrolled {
                let node = try directory.open()
                // Re-running the demo may put its hub on another port: its nodes follow it.
                try node.settings.set(.hubURL, url)
                nodes.append(node)
                continue
            }
            if directory.exists { try FileManager.default.removeItem(at: directory.url) }  // an interrupted earlier setup
            let node = try NodeDirectory.create(at: directory.path) { s, e in
                StructureProfile(
                    name: structure.name,
                    article: structure.article,
                    sector: structure.sector,
                    subType: structure.subType,
                    establishments: [.init(name: structure.name, commune: structure.commune)],
                    resourcePerson: structure.contact,
                    description: structure.description,
                    signingKey: s,
                    encryptionKey: e
                )
            }
            let code = try hub.administration.invite(structureName: structure.name, sector: structure.sector, email: nil, by: .commandLine).code
            _ = try await Enrollment.enroll(node: node, hubURL: url, code: code.description)
            nodes.append(node)
        }
        try Self.addAccount(hub.node, email: "admin@mda34.example", name: "Équipe de la MDA", role: .admin)
        for (node, structure) in zip(nodes, DemoData.structures) {
            try Self.addAccount(node, email: "referent@\(structure.directory).example", name: structure.contact.name, role: .referent)
            try Self.addAccount(
                node,
                email: "pro@\(structure.directory).example",
                name: structure.people.first?.name ?? "Professionnel·le \(StructureName(structure.name, article: structure.article).of)",
                role: .professionnel
            )
            try Self.addAccount(node, email: "admin@\(structure.directory).example", name: "Administration du nœud", role: .admin)
        }
        var sites: [(String, Int, any Service)] = []
        // Each site says when it accepts connections: the "ready" line waits for all of them.
        let (listening, listened) = AsyncStream.makeStream(of: Int.self)
        sites.append(
            (
                "Hub de la MDA", basePort + 1,
                try Site(node: hub.node, configuration: hubSite(url: url, port: basePort + 1)).application(
                    host: "127.0.0.1",
                    port: basePort + 1,
                    logger: logger,
                    onListening: { listened.yield($0) }
                )
            )
        )
        for (n, node) in nodes.enumerated() {
            let port = basePort + 2 + n
            sites.append(
                (
                    (try? node.profile()?.name) ?? "", port,
                    try Site(node: node, configuration: siteConfiguration(port: port)).application(
                        host: "127.0.0.1",
                        port: port,
                        logger: logger,
                        onListening: { listened.yield($0) }
                    )
                )
            )
        }
        var transports: [HTTPSHubTransport] = []
        var synchronizers: [Synchronizer] = []
        var historyLine: String?
        do {
            for node in nodes {
                let transport = try Synchronizer.transport(for: node)
                transports.append(transport)
                synchronizers.append(Synchronizer(node: node, transport: transport))
            }
            for _ in 0..<2 { for synchronizer in synchronizers { try await synchronizer.syncOnce() } }
            if fresh {
                // A believable past year, written once, when the demo's data is created.
                let today = Day.today(site.now())
                let seeder = DemoSeeder(nodes: nodes, synchronizers: synchronizers, structures: DemoData.structures, today: today)
                let summary = try await seeder.seed(DemoHistory(seed: seed, today: today))
                historyLine = Self.describe(summary)
                // The MDA's reciprocity rule: beyond six days sent more than hosted, a structure opens an
                // accueil before asking again (every demo structure has one open, so no request is refused).
                try hub.node.store.append(ReciprocityPolicy(minimumPublishedOffers: 1, maximumDaysOwed: 6), as: hub.node.author)
                try await seeder.syncAll()
            }
        } catch {
            // A client must be shut down before it goes: the failure is reported, not a crash.
            for transport in transports { await transport.shutdown() }
            throw error
        }
        let (siteCount, announced, history) = (sites.count, nodes, historyLine)
        // Every task runs until Ctrl-C; one that stops earlier is named (Supervised) and ends the demo.
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (name, _, app) in sites {
                    group.addTask { try await Supervised("site web (\(name))", app, logger: logger).run() }
                }
                for node in nodes {
                    let name = (try? node.profile()?.name) ?? node.structureID
                    let loop = PeriodicTask.credentialIssuance(
                        Credentials(node: node),
                        clock: site.now,
                        interval: .seconds(syncInterval),
                        logger: logger
                    )
                    group.addTask { try await Supervised("émission des attestations (\(name))", loop, logger: logger).run() }
                    // As in `serve`: the network's retention policy, daily.
                    let retention = PeriodicTask.retention(node, clock: site.now, interval: .seconds(86_400), logger: logger)
                    group.addTask { try await Supervised("durées de conservation (\(name))", retention, logger: logger).run() }
                }
                for synchronizer in synchronizers {
                    let name = (try? synchronizer.node.profile()?.name) ?? synchronizer.node.structureID
                    let sync = SyncService(synchronizer: synchronizer, interval: .seconds(syncInterval), logger: logger)
                    group.addTask { try await Supervised("synchronisation avec le hub (\(name))", sync, logger: logger).run() }
                }
                group.addTask {
                    var count = 0
                    for await _ in listening {
                        count += 1
                        if count == siteCount { break }
                    }
                    printSummary(url: url, nodes: announced, history: history)
                    try? await gracefulShutdown()
                }
                try await group.next()  // the first to end is the shutdown signal, or a task that failed
                group.cancelAll()
            }
        } catch {
            for transport in transports { await transport.shutdown() }
            throw error
        }
        for transport in transports { await transport.shutdown() }
    }

    /// Each site's own address, for the invitation and reset links it shows.
    func siteConfiguration(port: Int) -> SiteConfiguration {
        var configuration = site
        configuration.siteURL = "http://127.0.0.1:\(port)"
        return configuration
    }

    /// One line on what the seeded history holds.
    static func describe(_ summary: DemoSeeder.Summary) -> String {
        "Historique d'exemple sur douze mois : \(French.count(summary.requests, "demande")) d'immersion, "
            + "\(French.count(summary.done, "immersion réalisée", "immersions réalisées")), "
            + "\(summary.ahead) en cours ou à venir, \(French.count(summary.declined, "refusée", "refusées")), "
            + "\(French.count(summary.cancelled, "annulée", "annulées")), \(French.count(summary.evaluations, "évaluation écrite", "évaluations écrites")), "
            + "\(French.count(summary.followUps, "suivi rempli", "suivis remplis")) à 3 et 6 mois."
    }

    func printSummary(url: String, nodes: [OpenNode], history: String?) {
        let offers = (try? hub.node.store.searchOffers(OfferQuery(limit: 1)).total) ?? 0
        Output.line("")
        Output.line("Démonstration Vis ma vie pro prête\(fresh ? "" : " (données existantes réutilisées)").")
        Output.line("Dossier : \(root.path)")
        Output.line("Hub de la MDA : \(url) (synchronisation par TLS mutuel) — données : \(hub.node.directory.path)")
        Output.line("\(nodes.count) nœuds de structures partenaires, \(offers) offres publiées dans le réseau :")
        if let history { Output.line(history) }
        for node in nodes {
            let profile = try? node.profile()
            Output.line("  - \(profile?.name ?? "?") [\(profile?.sector.label ?? "")] : --data \(node.directory.path)")
        }
        Output.line("")
        Output.line("Sites web (mot de passe de tous les comptes de démonstration : \(Self.password)) :")
        Output.line("  - Hub de la MDA : http://127.0.0.1:\(basePort + 1)/ — compte admin@mda34.example")
        for (n, structure) in DemoData.structures.enumerated() {
            Output.line(
                "  - \(structure.name) : http://127.0.0.1:\(basePort + 2 + n)/ — comptes referent@\(structure.directory).example, pro@\(structure.directory).example, admin@\(structure.directory).example"
            )
        }
        Output.line("")
        Output.line("À essayer dans un autre terminal :")
        Output.line("  vmvp search --data \(nodes.first?.directory.path ?? "") education")
        Output.line("  vmvp verify --data \(nodes.last?.directory.path ?? "")")
        Output.line("  vmvp status --data \(nodes.last?.directory.path ?? "")")
        Output.line("Ctrl-C pour arrêter.")
    }
}
