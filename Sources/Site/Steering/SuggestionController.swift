import Foundation
import Hummingbird
import Records
import Workflow

/// Exchange suggestions, for referents and for the MDA.
struct SuggestionController {
    let site: SiteEnvironment

    func addRoutes(to router: Router<SiteContext>) {
        router.get("/suggestions") { _, context in
            await site.page(context) {
                _ = try site.require(context, .referent)
                let isHub = try site.isHub()
                let (result, inputs) = try site.suggestionCache.suggestions(
                    store: site.store,
                    today: site.today,
                    viewer: isHub ? "hub" : site.node.structureID
                ) {
                    // The ledger tie-break: the hub knows every balance; a node knows its own.
                    var balances: [String: Int] = [:]
                    if isHub {
                        for b in try Dashboard(node: site.node, today: site.today, now: site.now).balances { balances[b.structure] = b.balance }
                    } else {
                        balances[site.node.structureID] = try site.desk.ledger(today: site.today).balance
                    }
                    return try NetworkSuggestions(store: site.store).compute(today: site.today, balances: balances)
                }
                let page = SuggestionsPage(result: result, inputs: inputs, names: try site.structureNames(), me: isHub ? nil : site.node.structureID)
                return site.render(page, title: "Échanges suggérés", context: context)
            }
        }
    }
}
