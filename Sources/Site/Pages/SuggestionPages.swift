import Exchange
import Foundation
import Hummingbird
import Matching
import Records
import Storage
import Workflow

/// Exchange suggestions ("accueils croisés" and exchanges of three), for the referents of the
/// structures concerned and for the MDA (on the hub, every suggestion of the network).
extension Site {
    func addSuggestionRoutes(_ router: Router<SiteContext>) {
        router.get("/suggestions") { _, context in
            await page(context) {
                _ = try require(context, .referent)
                let isHub = try node.role() == .hub
                let (result, inputs) = try suggestionCache.suggestions(store: store, today: today, viewer: isHub ? "hub" : node.structureID) {
                    // The ledger tie-break: the hub knows every balance; a node knows its own.
                    var balances: [String: Int] = [:]
                    if isHub {
                        for b in try Dashboard(node: node, today: today, now: configuration.now()).balances { balances[b.structure] = b.balance }
                    } else {
                        balances[node.structureID] = try desk.ledger(today: today).balance
                    }
                    return try NetworkSuggestions(store: store).compute(today: today, balances: balances)
                }
                let names = try structureNames()
                let mine = result.chosen.filter { isHub || $0.structures.contains(node.structureID) }
                let items = mine.map { suggestionData($0, inputs: inputs, names: names, isHub: isHub) }
                return render(
                    "suggestions",
                    [
                        "items": items, "empty": items.isEmpty, "isHub": isHub,
                        "summary":
                            "\(result.pairsFound) accueil\(result.pairsFound > 1 ? "s" : "") croisé\(result.pairsFound > 1 ? "s" : "") et \(result.cyclesOfThreeFound) échange\(result.cyclesOfThreeFound > 1 ? "s" : "") à trois possibles dans le réseau ; \(result.chosen.count) retenu\(result.chosen.count > 1 ? "s" : "") pour servir \(result.professionalsServed) professionnel\(result.professionalsServed > 1 ? "s" : ""), chaque demande une seule fois"
                            + (result.proven
                                ? "."
                                : " (meilleure combinaison trouvée, sans preuve qu’elle soit la meilleure possible : aucune ne pourrait servir plus de \(result.upperBound) professionnels).")
                            ,
                    ],
                    title: "Échanges suggérés",
                    context: context
                )
            }
        }
    }

    func suggestionData(_ suggestion: Suggestion, inputs: NetworkSuggestions.Inputs, names: [String: String], isHub: Bool) -> [String: Any] {
        let me = node.structureID
        func name(_ s: String) -> String { names[s] ?? "une structure du réseau" }
        func who(_ leg: Suggestion.Leg) -> String {
            guard let d = inputs.demands[leg.wish] else { return "un professionnel de \(name(leg.visitor))" }
            return "\(d.requesterName) (\(d.requesterJob))"
        }
        func place(_ leg: Suggestion.Leg) -> String {
            inputs.offers[leg.place].map { "\($0.establishment), \($0.commune)" } ?? name(leg.host)
        }
        let legs = suggestion.legs.map { leg in
            ["text": "\(who(leg)), de \(name(leg.visitor)), chez \(name(leg.host)) — \(place(leg)), \(ToDoList.describe(leg.period))"]
        }
        var data: [String: Any] = ["kind": suggestion.isPair ? "Accueil croisé" : "Échange à trois", "legs": legs]
        if !isHub, let mine = suggestion.legs.first(where: { $0.visitor == me }), let theirs = suggestion.legs.first(where: { $0.host == me }) {
            data["headline"] =
                suggestion.isPair
                ? "\(name(theirs.visitor)) cherche à découvrir votre structure et propose d'accueillir l'un des vôtres."
                : "\(name(theirs.visitor)) cherche à découvrir votre structure ; en retour, l'un des vôtres serait accueilli par \(name(mine.host)), dans un échange à trois."
            let objective = inputs.demands[mine.wish].map { "\($0.missions) \($0.objective)" } ?? ""
            var query = URLComponents()
            query.queryItems = [
                URLQueryItem(name: "du", value: mine.period.from.description), URLQueryItem(name: "au", value: mine.period.to.description),
                URLQueryItem(name: "objectif", value: objective),
            ]
            data["prepare"] = "/offres/\(mine.place)/demander?\(query.percentEncodedQuery ?? "")"
            data["prepareFor"] = inputs.demands[mine.wish]?.requesterName ?? "votre professionnel"
        }
        return data
    }
}
