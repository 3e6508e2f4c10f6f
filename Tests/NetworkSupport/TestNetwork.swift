import Federation
import Foundation
import Logging
import Records
import Storage
import Synchronization
import TestSupport
import Workflow

/// A real hub on 127.0.0.1 (ephemeral port, real mutual TLS) and partner nodes, each
/// with its own data directory, enrolled through real invitations.
public final class TestNetwork: @unchecked Sendable {
    public let root: URL
    public let hub: OpenNode
    public let hubService: HubService
    public private(set) var port = 0
    /// How long the hub keeps a connection with no complete HTTP part (short in the tests that probe it).
    let idleTimeout: Duration
    private var server: Task<Void, any Error>?
    /// Every client made, shut down with the network (an HTTP client must be, before it goes);
    /// tests make them from concurrent tasks.
    private let transports = Mutex<[HTTPSHubTransport]>([])

    public var url: String { "https://127.0.0.1:\(port)" }
    /// The MDA's administrative acts on this network's hub.
    public var administration: NetworkAdministration { NetworkAdministration(node: hub, caFingerprint: hubService.caFingerprint) }

    public init(label: String = "network", idleTimeout: Duration = Wire.idleTimeout) throws {
        self.idleTimeout = idleTimeout
        root = TestPaths.temporaryDirectory(label)
        hub = try HubSetup.create(at: root.appendingPathComponent("hub").path, hosts: ["localhost", "127.0.0.1"]).hub
        hubService = try HubService(node: hub)
    }

    public static func start(label: String = "network", idleTimeout: Duration = Wire.idleTimeout) async throws -> TestNetwork {
        let network = try TestNetwork(label: label, idleTimeout: idleTimeout)
        try await network.startHub()
        return network
    }

    /// Starts (or restarts, e.g. after a restore) the hub's HTTPS server.
    public func startHub(service: HubService? = nil) async throws {
        let service = service ?? hubService
        await service.reopenLongPolls()
        var logger = Logger(label: "test-hub")
        logger.logLevel = .critical
        let requestedPort = port
        let (stream, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = try HubServer.application(service: service, host: "127.0.0.1", port: requestedPort, logger: logger, idleTimeout: idleTimeout) {
            port in
            continuation.yield(port)
        }
        server = Task { try await app.run() }
        for await bound in stream {
            port = bound
            break
        }
    }

    public func stopHub() async {
        await hubService.closeLongPolls()
        server?.cancel()
        _ = try? await server?.value
        server = nil
    }

    /// Creates a node and enrolls it with a fresh invitation.
    /// `commune`: where its one establishment is, if it has one.
    public func addNode(_ name: String, sector: Sector = .social, commune: String? = nil) async throws -> OpenNode {
        let node = try NodeDirectory.create(at: root.appendingPathComponent(UUID().uuidString).path) { s, e in
            StructureProfile(
                name: name,
                sector: sector,
                establishments: commune.map { [.init(name: name, commune: $0)] } ?? [],
                signingKey: s,
                encryptionKey: e
            )
        }
        let code = try administration.invite(structureName: name, sector: sector, email: nil, by: .commandLine).code
        _ = try await Enrollment.enroll(node: node, hubURL: url, code: code.description)
        return node
    }

    public func transport(for node: OpenNode) throws -> HTTPSHubTransport {
        let files = TLSFiles(node.directory)
        let t = HTTPSHubTransport(baseURL: url, tls: try files.clientConfiguration(), connectTimeout: .seconds(2), readTimeout: .seconds(20))
        transports.withLock { $0.append(t) }
        return t
    }

    public func synchronizer(
        for node: OpenNode,
        wrap: (any HubTransport) -> any HubTransport = { $0 },
        batchSize: Int = 500,
        pageSize: Int = 2000
    ) throws -> Synchronizer {
        Synchronizer(node: node, transport: wrap(try transport(for: node)), batchSize: batchSize, pageSize: pageSize)
    }

    @discardableResult
    public func sync(_ node: OpenNode) async throws -> Synchronizer.Report {
        try await synchronizer(for: node).syncOnce()
    }

    /// Syncs every node twice, so that what one pushed reaches all the others.
    public func syncAll(_ nodes: [OpenNode]) async throws {
        for _ in 0..<2 { for node in nodes { try await sync(node) } }
    }

    public func shutdown() async {
        // Held long-polls answered first, so that no client waits for one.
        await hubService.closeLongPolls()
        for t in transports.withLock({ $0 }) { await t.shutdown() }
        await stopHub()
        try? FileManager.default.removeItem(at: root)
    }
}

extension OpenNode {
    public func shareableEnvelopeIDs() throws -> Set<String> {
        Set(try store.envelopes().filter { $0.header.visibility != .local }.map(\.id))
    }

    @discardableResult
    public func addOffer(commune: String = "Sète", status: String = "published", now: Date = Date()) throws -> Envelope {
        try store.append(Offer.validated(Samples.offer(["commune": .string(commune), "status": .string(status)])), as: author, now: now)
    }
}

/// Runs `body` with a started test network, and shuts the network down when `body` ends,
/// whether it returns or throws: the hub stops and its directories go before the test returns.
public func withTestNetwork<T>(
    label: String = "network",
    idleTimeout: Duration = Wire.idleTimeout,
    _ body: (TestNetwork) async throws -> T
) async throws -> T {
    let network = try await TestNetwork.start(label: label, idleTimeout: idleTimeout)
    do {
        let result = try await body(network)
        await network.shutdown()
        return result
    } catch {
        await network.shutdown()
        throw error
    }
}
