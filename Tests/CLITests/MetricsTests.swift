import Foundation
import TestSupport
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `vmvp serve --metrics-port`: Prometheus metrics on a listener of their own, on this machine
/// only by default, with no personal data in any label.
@Suite("Prometheus metrics")
struct MetricsTests {
    let root = TestPaths.temporaryDirectory("cli-metrics")

    @Test func serveExportsTheNodesMetricsWithoutPersonalData() async throws {
        let cli = CLI(dataDirectory: root.appendingPathComponent("node").path)
        #expect(try cli.run(["init", "--name", "CMP de Béziers", "--sector", "sanitaire", "--commune", "Béziers"]).status == 0)
        #expect(try cli.run(["user", "add", "--email", "claire.martin@cmp.example", "--name", "Claire Martin", "--role", "referent"]).status == 0)
        let ports = try FreePorts.consecutive(2)
        let (server, banner, _) = try launchServe(
            ["serve", "--data", cli.dataDirectory, "--site-port", String(ports), "--metrics-port", String(ports + 1)],
            ready: "Site web"
        )
        defer { if server.isRunning { server.terminate() } }
        #expect(banner.contains("Métriques Prometheus : http://127.0.0.1:\(ports + 1)/metrics"))
        let health = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(ports)/health")!)
        #expect(String(decoding: health.0, as: UTF8.self) == "ok\n")
        _ = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(ports)/connexion")!)
        var text = ""
        for _ in 0..<50 {
            if let (body, _) = try? await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(ports + 1)/metrics")!) {
                text = String(decoding: body, as: UTF8.self)
                if text.contains("vmvp_records") && text.contains("route=\"/health\"") { break }
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(text.contains("vmvp_records{type=\"structure_profile\"} 1"), "\(text)")
        #expect(text.contains("vmvp_http_requests_total{server=\"site\",route=\"/health\",status=\"200\"} 1"), "\(text)")
        #expect(text.contains("vmvp_http_request_duration_seconds_bucket"))
        for secret in ["claire", "Claire", "cmp.example", "Martin"] { #expect(!text.contains(secret), "\(secret)") }
        server.terminate()
        server.waitUntilExit()
        #expect(server.terminationStatus == 0)
    }
}
