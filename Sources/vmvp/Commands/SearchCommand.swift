import ArgumentParser
import Records
import Storage

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Cherche dans les offres publiées (les accents ne comptent pas : « education » trouve « Éducation »)."
    )

    @OptionGroup var data: DataOptions
    @Argument(help: "Mots à chercher (facultatif).") var text: [String] = []
    @Option(help: "Secteur : \(Sector.allCases.map(\.rawValue).joined(separator: ", ")).") var sector: String?
    @Option(help: "Commune, par exemple « Sète ».") var commune: String?
    @Option(help: "Mois de l'immersion, sous la forme AAAA-MM.") var month: String?
    @Option(name: .customLong("max-duration"), help: "Durée maximale, en demi-journées.") var maxDuration: Int?
    @Option(help: "Nombre maximal de résultats affichés.") var limit: Int = 50

    func run() throws {
        var query = OfferQuery(
            text: text.isEmpty ? nil : text.joined(separator: " "),
            commune: commune,
            maxDurationHalfDays: maxDuration,
            limit: max(1, min(limit, 500))
        )
        if let sector {
            guard let s = Sector(rawValue: sector) else {
                throw StaffMessage("Secteur « \(sector) » inconnu. Valeurs possibles : \(Sector.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            query.sector = s
        }
        if let month {
            guard let period = Period.month(month) else { throw StaffMessage("Mois « \(month) » invalide : écrire AAAA-MM, par exemple 2027-03.") }
            query.month = period
        }
        let result = try data.openNode().store.searchOffers(query)
        if result.total == 0 {
            Output.line("Aucune offre publiée ne correspond à cette recherche.")
            return
        }
        Output.line("\(French.count(result.total, "offre")) trouvée\(French.s(result.total)) :")
        for hit in result.hits {
            let who = hit.structureName.map { "\($0) — " } ?? ""
            let sector = hit.sector.map { " [\($0.label)]" } ?? ""
            Output.line("- \(hit.record)\(sector) \(who)\(hit.offer.establishment), \(hit.offer.commune) : \(describe(hit.offer))")
        }
    }
}
