import Dispatch
import Hummingbird
import Metrics

/// Counts each HTTP request by server, route and status, and times it (swift-metrics; exported
/// in Prometheus form by `vmvp serve --metrics-port`). The route is the router's pattern
/// (`/immersions/{id}`), never the address asked for, so no identifier or personal data reaches
/// a label.
public struct RequestMetrics<Context: RequestContext>: RouterMiddleware {
    let server: String

    /// `server`: "site" or "hub".
    public init(server: String) { self.server = server }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        do {
            let response = try await next(request, context)
            record(context, status: response.status.code, since: start)
            return response
        } catch {
            record(context, status: (error as? any HTTPResponseError)?.status.code ?? 500, since: start)
            throw error
        }
    }

    func record(_ context: Context, status: Int, since start: UInt64) {
        let route = context.endpointPath ?? "(inconnue)"
        Counter(label: VMVPMetrics.httpRequests, dimensions: [("server", server), ("route", route), ("status", String(status))]).increment()
        Timer(label: VMVPMetrics.httpDuration, dimensions: [("server", server), ("route", route)], preferredDisplayUnit: .seconds)
            .recordNanoseconds(DispatchTime.now().uptimeNanoseconds - start)
    }
}

/// The metric names, following Prometheus conventions (`vmvp_` prefix, `_total` for counters,
/// `_seconds` for durations); the list is in deploy/OPERATIONS.md.
public enum VMVPMetrics {
    public static let httpRequests = "vmvp_http_requests_total"
    public static let httpDuration = "vmvp_http_request_duration_seconds"
    /// Records held, by type (current records, retracted ones included).
    public static let records = "vmvp_records"
    /// Our own records the hub does not have yet.
    public static let pendingPush = "vmvp_records_pending_push"
    /// Seconds since the last successful sync with the hub (node only).
    public static let lastSyncAge = "vmvp_last_sync_success_age_seconds"
    /// Sync rounds by outcome (ok, failed), and failed ones by reason (unreachable, refused, storage, other).
    public static let syncRounds = "vmvp_sync_rounds_total"
    public static let syncErrors = "vmvp_sync_errors_total"
    /// Hub: members in the directory, long-polls held, envelopes pushed by outcome.
    public static let hubMembers = "vmvp_hub_members"
    public static let hubLongPolls = "vmvp_hub_long_polls"
    public static let hubPushed = "vmvp_hub_pushed_envelopes_total"
}
