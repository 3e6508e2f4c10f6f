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
    init(result: SuggestionResult, inputs: NetworkSuggestions.Inputs, names: [String: String], me: String?) {
        let mine = result.chosen.filter { me == nil || $0.structures.contains(me ?? "") }
        items = mine.map { Self.item($0, inputs: inputs, names: names, me: me) }
        empty = items.isEmpty
        isHub = me == nil
        let pairs = result.pairsFound
        let cycles = result.cyclesOfThreeFound
        let chosen = result.chosen.count
        let served = result.professionalsServed
        summary =
            "\(French.count(pairs, "accueil")) croisé\(French.s(pairs)) et \(French.count(cycles, "échange")) à trois possibles dans le réseau ; "
            + "\(chosen) retenu\(French.s(chosen)) pour servir \(French.count(served, "professionnel")), chaque demande une seule fois"
            + (result.proven
                ? "."
                : " (meilleure combinaison trouvée, sans preuve qu’elle soit la meilleure possible : aucune ne pourrait servir plus de \(result.upperBound) professionnels).")
    }

    static func item(_ suggestion: Suggestion, inputs: NetworkSuggestions.Inputs, names: [String: String], me: String?) -> Item {
        func name(_ s: String) -> String { names[s] ?? "une structure du réseau" }
        func who(_ leg: Suggestion.Leg) -> String {
            guard let d = inputs.demands[leg.wish] else { return "un professionnel de \(name(leg.visitor))" }
            return "\(d.requesterName) (\(d.requesterJob))"
        }
        func place(_ leg: Suggestion.Leg) -> String {
            inputs.offers[leg.place].map { "\($0.establishment), \($0.commune)" } ?? name(leg.host)
        }
        let legs = suggestion.legs.map { leg in
            Leg(text: "\(who(leg)), de \(name(leg.visitor)), chez \(name(leg.host)) — \(place(leg)), \(French.dates(leg.period))")
        }
        let kind = suggestion.isPair ? "Accueil croisé" : "Échange à trois"
        guard let me, let mine = suggestion.legs.first(where: { $0.visitor == me }), let theirs = suggestion.legs.first(where: { $0.host == me })
        else { return Item(kind: kind, legs: legs, headline: nil, prepare: nil, prepareFor: nil) }
        let headline =
            suggestion.isPair
            ? "\(name(theirs.visitor)) cherche à découvrir votre structure et propose d'accueillir l'un des vôtres."
            : "\(name(theirs.visitor)) cherche à découvrir votre structure ; en retour, l'un des vôtres serait accueilli par \(name(mine.host)), dans un échange à trois."
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
