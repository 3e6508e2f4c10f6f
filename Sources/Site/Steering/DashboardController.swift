import Foundation
import Hummingbird
import Records
import Storage
import Workflow

/// The MDA's steering dashboard and its annual report, on the hub's site, for its administrators.
struct DashboardController {
    let site: SiteEnvironment

    func period(_ request: Request) -> SteeringPeriod {
        SteeringPeriod(Form(encoded: request.uri.query ?? ""), today: site.today)
    }

    func dashboard(_ period: SteeringPeriod) throws -> Dashboard {
        try Dashboard(node: site.node, today: site.today, now: site.now, period: period.resolved.period)
    }

    func report(_ request: Request, context: SiteContext, session: Session, remarks: String? = nil, error: String? = nil) throws -> Response {
        let period = period(request)
        let notice = Form(encoded: request.uri.query ?? "")["fait"] == "remarques" ? "Remarques enregistrées." : nil
        let page = ReportPage(
            try dashboard(period),
            period: period,
            remarks: try remarks ?? ReportRemarks(node: site.node).remarks(for: period.remarksKey),
            csrf: session.csrfToken,
            formToken: site.formToken(),
            remarksError: error,
            notice: notice
        )
        return site.render(
            page,
            title: "Bilan de la bourse d'échange — \(period.title)",
            context: context,
            status: error == nil ? .ok : .badRequest
        )
    }

    func addRoutes(to router: Router<SiteContext>) {
        router.get("/pilotage") { request, context in
            await site.page(context) {
                _ = try site.requireHubAdmin(context)
                let period = period(request)
                let dashboard = try dashboard(period)
                let firstYear = Int((dashboard.firstRequest ?? site.today).description.prefix(4)) ?? 2026
                let page = DashboardPage(dashboard, period: period, firstYear: firstYear)
                return site.render(page, title: "Pilotage de la bourse d'échange", context: context)
            }
        }
        router.get("/pilotage/bilan") { request, context in
            await site.page(context) {
                let session = try site.requireHubAdmin(context)
                return try report(request, context: context, session: session)
            }
        }
        router.post("/pilotage/bilan") { request, context in
            await site.page(context) {
                let session = try site.requireHubAdmin(context)
                let form = try await site.readForm(request, context, session)
                let period = period(request)
                return try await site.once(form, session) {
                    do {
                        try ReportRemarks(node: site.node).save(form["remarques"], for: period.remarksKey)
                        return .done("/pilotage/bilan?\(period.query)&fait=remarques")
                    } catch let error as ValidationError {
                        let message = French.capitalized(error.issues.first?.message ?? "remarques refusées.")
                        return .notDone(try report(request, context: context, session: session, remarks: form["remarques"], error: message))
                    }
                }
            }
        }
        router.get("/pilotage/{table}") { request, context in
            await site.page(context) {
                _ = try site.requireHubAdmin(context)
                guard let name = context.parameters.get("table"), name.hasSuffix(".csv"),
                    let table = DashboardPage.tables(try dashboard(period(request)))[String(name.dropLast(4))]
                else { throw PageError.notFound }
                return site.download(CSV.document(table.header, table.rows), type: "text/csv; charset=utf-8", filename: "vis-ma-vie-pro-\(name)")
            }
        }
    }
}
