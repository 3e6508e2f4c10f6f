import Foundation
import Matching
import Records
import Workflow

/// Exchange suggestions ("accueils croisés" and exchanges of three): a structure's referents
/// see those that concern it; the MDA sees every suggestion of the network.
struct SuggestionsPage: PageModel {
    static let template = "suggestions"

    struct Leg: Sendable { let text: String }

    struct Item: Sendable {
        let kind: String
        let legs: [Leg]
        /// For a structure: what the suggestion offers it, and a pre-filled request for its professional.
        let headline: String?
        let prepare: String?
        let prepareFor: String?
    }

    let items: [Item]
    let empty: Bool
    let isHub: Bool
    let summary: String

    /// `me`: the viewing structure, nil on the hub.
    init(result: SuggestionResult, inputs: NetworkSuggestions.Inputs, names: [String: StructureName], me: String?) {
        let mine = result.chosen.filter { me == nil || $0.structures.contains(me ?? "") }
        items = mine.map { Self.item($0, inputs: inputs, names: names, me: me) }
        empty = items.isEmpty
        isHub = me == nil
        let pairs = result.pairsFound
        let cycles = result.cyclesOfThreeFound
        let chosen = result.chosen.count
        let served = result.professionalsServed
        if pairs + cycles == 0 {
            summary = "Aucun échange n'est possible pour l'instant entre les demandes et les offres du réseau."
        } else {
            let found = [
                pairs > 0 ? "\(French.count(pairs, "accueil croisé", "accueils croisés"))" : nil,
                cycles > 0 ? "\(French.count(cycles, "échange à trois", "échanges à trois"))" : nil,
            ].compactMap { $0 }.joined(separator: " et ")
            summary =
                "\(French.capitalized(found)) possible\(French.s(pairs + cycles)) dans le réseau ; "
                + "\(French.count(chosen, "retenu")) pour servir \(French.count(served, "professionnel")), chaque demande une seule fois"
                + (result.proven
                    ? "."
                    : " (meilleure combinaison trouvée, sans preuve qu’elle soit la meilleure possible : aucune ne pourrait servir plus de \(result.upperBound) professionnels).")
        }
    }

    static func item(_ suggestion: Suggestion, inputs: NetworkSuggestions.Inputs, names: [String: StructureName], me: String?) -> Item {
        func name(_ s: String) -> StructureName { names[s] ?? .unknown }
        func who(_ leg: Suggestion.Leg) -> String {
            guard let d = inputs.demands[leg.wish] else { return "un professionnel \(name(leg.visitor).of)" }
            return "\(d.requesterName) (\(d.requesterJob)), \(name(leg.visitor).of)"
        }
        func place(_ leg: Suggestion.Leg) -> String {
            inputs.offers[leg.place].map { "\($0.establishment), \($0.commune)" } ?? name(leg.host).name
        }
        let legs = suggestion.legs.map { leg in
            Leg(text: "\(who(leg)), \(name(leg.host).at) — \(place(leg)), \(French.dates(leg.period))")
        }
        let kind = suggestion.isPair ? "Accueil croisé" : "Échange à trois"
        guard let me, let mine = suggestion.legs.first(where: { $0.visitor == me }), let theirs = suggestion.legs.first(where: { $0.host == me })
        else { return Item(kind: kind, legs: legs, headline: nil, prepare: nil, prepareFor: nil) }
        let headline =
            suggestion.isPair
            ? "\(French.capitalized(name(theirs.visitor).the)) cherche à découvrir votre structure et propose d'accueillir l'un des vôtres."
            : "\(French.capitalized(name(theirs.visitor).the)) cherche à découvrir votre structure ; en retour, l'un des vôtres serait accueilli \(name(mine.host).by), dans un échange à trois."
        let objective = inputs.demands[mine.wish].map { "\($0.missions) \($0.objective)" } ?? ""
        var query = URLComponents()
        query.queryItems = [
            URLQueryItem(name: "du", value: mine.period.from.description), URLQueryItem(name: "au", value: mine.period.to.description),
            URLQueryItem(name: "objectif", value: objective),
        ]
        return Item(
            kind: kind,
            legs: legs,
            headline: headline,
            prepare: "/offres/\(mine.place)/demander?\(query.percentEncodedQuery ?? "")",
            prepareFor: inputs.demands[mine.wish]?.requesterName ?? "votre professionnel"
        )
    }
}
