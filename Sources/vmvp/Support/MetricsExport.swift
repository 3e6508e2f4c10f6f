import Federation
import Foundation
import Hummingbird
import Logging
import Metrics
import Observability
import Prometheus
import Records
import ServiceLifecycle
import Storage

/// Prometheus metrics for the operator (`vmvp serve --metrics-port`): the process's metrics go
/// to one registry, served at `/metrics` on a listener of its own, bound to 127.0.0.1 unless the
/// operator says otherwise. No label carries personal data: routes are patterns, types and
/// outcomes are fixed words.
enum MetricsExport {
    /// Makes swift-metrics record into `registry` (once per process).
    static func bootstrap(_ registry: PrometheusCollectorRegistry) {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
            .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10), .seconds(30),
        ]
        MetricsSystem.bootstrap(factory)
    }

    /// The listener: `GET /metrics` in the Prometheus text format, nothing else.
    static func application(registry: PrometheusCollectorRegistry, host: String, port: Int, logger: Logger) -> some ApplicationProtocol {
        let router = Router()
        router.get("/metrics") { _, _ in
            var bytes: [UInt8] = []
            registry.emit(into: &bytes)
            var response = Response(status: .ok, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
            response.headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return response
        }
        return Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: "vmvp-metrics"), logger: logger)
    }

    /// Refreshes the gauges that describe the node's data: records held by type, our records
    /// the hub lacks, the age of the last successful sync; on the hub, members and long-polls.
    static func gauges(_ node: OpenNode, hub: HubService?, now: Date) async throws {
        for (type, count) in try node.store.recordCounts() {
            Gauge(label: VMVPMetrics.records, dimensions: [("type", type)]).record(count)
        }
        if let hub {
            Gauge(label: VMVPMetrics.hubMembers).record(try node.members.members().count)
            Gauge(label: VMVPMetrics.hubLongPolls).record(await hub.waitingLongPolls())
        } else {
            let state = try SyncState.load(node)
            Gauge(label: VMVPMetrics.pendingPush).record(state.waiting)
            if let success = state.lastSuccess { Gauge(label: VMVPMetrics.lastSyncAge).record(now.timeIntervalSince(success.date)) }
        }
    }
}
