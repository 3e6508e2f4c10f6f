import Federation
import Foundation
import Logging
import Records
import Storage

/// A hub on 127.0.0.1 and nodes enrolled through real invitations, in a working directory:
/// what the network benchmarks run on (real mutual TLS, real SQLite, one process).
final class BenchNetwork: Sendable {
    let root: URL
    let service: HubService
    let url: String
    let logger: Logger
    private let server: Task<Void, any Error>
    private let removeAtEnd: Bool

    init(dir: String?) async throws {
        root = URL(fileURLWithPath: dir ?? NSTemporaryDirectory() + "vmvp-bench-\(UUID().uuidString)")
        removeAtEnd = dir == nil
        var logger = Logger(label: "bench")
        logger.logLevel = .critical
        self.logger = logger
        let hub = try HubSetup.create(at: root.appendingPathComponent("hub").path, hosts: ["127.0.0.1"]).hub
        service = try HubService(node: hub)
        let (ready, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = try HubServer.application(service: service, host: "127.0.0.1", port: 0, logger: logger) { continuation.yield($0) }
        server = Task { try await app.run() }
        var port = 0
        for await bound in ready {
            port = bound
            break
        }
        url = "https://127.0.0.1:\(port)"
    }

    /// A new node, enrolled, with its synchronizer and the transport to shut down at the end.
    func enrolledNode(_ name: String, batchSize: Int = 1000, pageSize: Int = 5000) async throws -> (OpenNode, Synchronizer, HTTPSHubTransport) {
        let node = try NodeDirectory.create(at: root.appendingPathComponent(name).path) { s, e in
            StructureProfile(name: name, sector: .social, signingKey: s, encryptionKey: e)
        }
        _ = try await Enrollment.enroll(
            node: node,
            hubURL: url,
            code: try service.administration.invite(structureName: name, sector: .social, email: nil, by: .commandLine).code.description
        )
        let transport = try Synchronizer.transport(for: node)
        return (node, Synchronizer(node: node, transport: transport, batchSize: batchSize, pageSize: pageSize), transport)
    }

    func stop() async {
        await service.closeLongPolls()
        server.cancel()
        _ = try? await server.value
        if removeAtEnd { try? FileManager.default.removeItem(at: root) }
    }
}
