import Federation
import Foundation

import Logging
import NIOSSL
import Records
import Storage
import TestSupport

/// A real hub on 127.0.0.1 (ephemeral port, real mutual TLS) and partner nodes, each
/// with its own data directory, enrolled through real invitations.
final class TestNetwork: @unchecked Sendable {
    let root: URL
    let hub: OpenNode
    let hubService: HubService
    private(set) var port = 0
    private var server: Task<Void, any Error>?
    private var transports: [HTTPSHubTransport] = []

    var url: String { "https://127.0.0.1:\(port)" }

    init(label: String = "network") throws {
        root = TestPaths.temporaryDirectory(label)
        hub = try HubSetup.create(at: root.appendingPathComponent("hub").path, hosts: ["localhost", "127.0.0.1"]).hub
        hubService = try HubService(node: hub)
    }

    static func start(label: String = "network") async throws -> TestNetwork {
        let network = try TestNetwork(label: label)
        try await network.startHub()
        return network
    }

    /// Starts (or restarts, e.g. after a restore) the hub's HTTPS server.
    func startHub(service: HubService? = nil) async throws {
        let service = service ?? hubService
        var logger = Logger(label: "test-hub")
        logger.logLevel = .critical
        let requestedPort = port
        let (stream, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = try HubServer.application(service: service, host: "127.0.0.1", port: requestedPort, logger: logger) { port in
            continuation.yield(port)
        }
        server = Task { try await app.run() }
        for await bound in stream {
            port = bound
            break
        }
    }

    func stopHub() async {
        server?.cancel()
        _ = try? await server?.value
        server = nil
    }

    /// Creates a node and enrolls it with a fresh invitation.
    func addNode(_ name: String, sector: Sector = .social) async throws -> OpenNode {
        let node = try NodeDirectory.create(at: root.appendingPathComponent(UUID().uuidString).path) { s, e in
            StructureProfile(name: name, sector: sector, signingKey: s, encryptionKey: e)
        }
        let code = try hubService.invite(structureName: name, sector: sector)
        _ = try await Enrollment.enroll(node: node, hubURL: url, code: code.description)
        return node
    }

    func transport(for node: OpenNode) throws -> HTTPSHubTransport {
        let files = TLSFiles(node.directory)
        let t = HTTPSHubTransport(baseURL: url, tls: try files.clientConfiguration(), connectTimeout: .seconds(2), readTimeout: .seconds(20))
        transports.append(t)
        return t
    }

    func synchronizer(for node: OpenNode, wrap: (any HubTransport) -> any HubTransport = { $0 }, batchSize: Int = 500, pageSize: Int = 2000) throws -> Synchronizer {
        Synchronizer(node: node, transport: wrap(try transport(for: node)), batchSize: batchSize, pageSize: pageSize)
    }

    @discardableResult
    func sync(_ node: OpenNode) async throws -> Synchronizer.Report {
        try await synchronizer(for: node).syncOnce()
    }

    /// Syncs every node twice, so that what one pushed reaches all the others.
    func syncAll(_ nodes: [OpenNode]) async throws {
        for _ in 0..<2 { for node in nodes { try await sync(node) } }
    }

    func shutdown() async {
        for t in transports { await t.shutdown() }
        await stopHub()
        try? FileManager.default.removeItem(at: root)
    }
}

/// Wraps the real transport: every k-th call fails, either before reaching the hub or
/// after the hub has processed it (the response is lost, as when a node dies mid-batch).
final class FlakyTransport: HubTransport, @unchecked Sendable {
    enum Mode { case beforeSending, afterProcessing }
    let base: any HubTransport
    let every: Int
    let mode: Mode
    private let lock = NSLock()
    private var count = 0

    init(_ base: any HubTransport, every: Int, mode: Mode) {
        self.base = base
        self.every = every
        self.mode = mode
    }

    func call(_ method: HubMethod, _ path: String, body: JSONValue?) async throws -> JSONValue {
        let n = lock.withLock { count += 1; return count }
        let fail = n % every == 0
        if fail && mode == .beforeSending { throw SyncError.unreachable("panne simulée") }
        let result = try await base.call(method, path, body: body)
        if fail { throw SyncError.unreachable("réponse perdue (simulée)") }
        return result
    }
}

extension OpenNode {
    func shareableEnvelopeIDs() throws -> Set<String> {
        Set(try store.envelopes().filter { $0.header.visibility != .local }.map(\.id))
    }

    func addOffer(commune: String = "Sète", status: String = "published", now: Date = Date()) throws -> Envelope {
        try store.append(Offer.validated(Samples.offer(["commune": .string(commune), "status": .string(status)])), as: author, now: now)
    }
}
