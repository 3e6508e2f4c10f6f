import ArgumentParser
import Foundation
import Matching
import Records
import Storage
import Workflow

/// The exchange suggestions of the network as this node sees them (the hub sees all).
struct SuggestionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suggestions",
        abstract:
            "Échanges suggérés : accueils croisés (deux structures) et échanges à trois, à partir des demandes de découverte et des offres du réseau."
    )
    @OptionGroup var data: DataOptions
    @Option(name: .customLong("max-km"), help: "Distance maximale entre la commune de la personne et celle de l'accueil, en kilomètres.") var maxKm:
        Double = 80

    func run() throws {
        let node = try data.openNode()
        // With their articles: "du CMP …", "chez l'IME …".
        let names = try node.structureNames()
        let (result, inputs) = try NetworkSuggestions(store: node.store, rules: CompatibilityRules(maximumDistanceKm: maxKm)).compute(
            today: Day.today()
        )
        Output.line(
            "\(result.pairsFound) accueil(s) croisé(s) et \(result.cyclesOfThreeFound) échange(s) à trois possibles ; "
                + "\(result.chosen.count) retenu(s), \(result.professionalsServed) professionnel(s) servi(s)"
                + (result.proven
                    ? "."
                    : " (meilleure combinaison trouvée, sans preuve qu’elle soit la meilleure possible : aucune ne pourrait servir plus de \(result.upperBound) professionnels).")
        )
        for suggestion in result.chosen {
            Output.line(suggestion.isPair ? "Accueil croisé :" : "Échange à trois :")
            for leg in suggestion.legs {
                let who = inputs.demands[leg.wish].map { "\($0.requesterName) (\($0.requesterJob))" } ?? leg.wish
                Output.line(
                    "  - \(who), \((names[leg.visitor] ?? StructureName(leg.visitor)).of), \((names[leg.host] ?? StructureName(leg.host)).at), "
                        + French.dates(leg.period)
                )
            }
        }
    }
}
