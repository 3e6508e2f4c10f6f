import Foundation
import Hummingbird
import Records
import Workflow

/// The MDA's steering dashboard, on the hub's site, for its administrators.
struct DashboardController {
    let site: SiteEnvironment

    func addRoutes(to router: Router<SiteContext>) {
        router.get("/pilotage") { _, context in
            await site.page(context) {
                _ = try site.requireHubAdmin(context)
                let dashboard = try Dashboard(node: site.node, today: site.today, now: site.now)
                return site.render(DashboardPage(dashboard), title: "Pilotage de la bourse d'échange", context: context)
            }
        }
        router.get("/pilotage/{table}") { _, context in
            await site.page(context) {
                _ = try site.requireHubAdmin(context)
                let dashboard = try Dashboard(node: site.node, today: site.today, now: site.now)
                guard let name = context.parameters.get("table"), name.hasSuffix(".csv"),
                    let table = DashboardPage.tables(dashboard)[String(name.dropLast(4))]
                else { throw PageError.notFound }
                return site.download(CSV.document(table.header, table.rows), type: "text/csv; charset=utf-8", filename: "vis-ma-vie-pro-\(name)")
            }
        }
    }
}
