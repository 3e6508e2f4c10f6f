import Foundation
import Records
import Storage

/// The catalogue's search, as the address gives it (a GET form: "+" reads as a space).
struct CatalogueQuery: Sendable, Equatable {
    static let pageSize = 20

    var text = ""
    var sector: Sector?
    var commune = ""
    var month = ""
    var duration = ""
    var places = false
    var includeEnded = false
    var page = 1

    init(_ query: Form) {
        func param(_ name: String) -> String { query[name].trimmingCharacters(in: .whitespaces) }
        text = param("q")
        sector = Sector(rawValue: param("sector"))
        commune = param("commune")
        month = param("month")
        duration = param("duration")
        places = param("places") == "1"
        includeEnded = param("terminees") == "1"
        page = max(1, Int(param("page")) ?? 1)
    }

    /// The store's query, or the French sentence that says which criterion does not read.
    func search(today: Day) -> (query: OfferQuery, problem: String?) {
        var search = OfferQuery(limit: Self.pageSize)
        search.today = today
        search.includeEnded = includeEnded
        var problem: String?
        if !text.isEmpty { search.text = text }
        search.sector = sector
        if !commune.isEmpty { search.commune = commune }
        if !month.isEmpty {
            if let period = Period.month(month) {
                search.month = period
            } else {
                problem = "Mois « \(month) » non reconnu : choisissez un mois (AAAA-MM)."
            }
        }
        if let halfDays = Int(duration), (1...10).contains(halfDays) { search.maxDurationHalfDays = halfDays }
        if places { search.minimumCapacity = 1 }
        search.offset = (page - 1) * Self.pageSize
        return (search, problem)
    }

    /// The same search without one criterion, with its label, for each criterion in use.
    var withoutEachFilter: [(label: String, query: CatalogueQuery)] {
        var result: [(String, CatalogueQuery)] = []
        func without(_ label: String, _ change: (inout CatalogueQuery) -> Void) {
            var other = self
            change(&other)
            other.page = 1
            result.append((label, other))
        }
        if !text.isEmpty { without("Chercher sans les mots « \(text) »") { $0.text = "" } }
        if let sector { without("Chercher dans tous les secteurs, pas seulement « \(sector.label) »") { $0.sector = nil } }
        if !commune.isEmpty { without("Chercher dans toutes les communes, pas seulement « \(commune) »") { $0.commune = "" } }
        if Period.month(month) != nil { without("Chercher à toutes les dates, pas seulement en \(French.month(month))") { $0.month = "" } }
        if !duration.isEmpty { without("Chercher quelle que soit la durée") { $0.duration = "" } }
        if places { without("Chercher sans l'option « Places encore disponibles »") { $0.places = false } }
        return result
    }

    /// The address of another page of the same search.
    func link(page: Int) -> String {
        var items = [
            ("q", text), ("sector", sector?.rawValue ?? ""), ("commune", commune), ("month", month), ("duration", duration),
            ("places", places ? "1" : ""), ("terminees", includeEnded ? "1" : ""),
        ].filter { !$0.1.isEmpty }
        items.append(("page", String(page)))
        return "/?" + items.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
    }
}

/// The catalogue of published offers: search form, results, pages.
struct CataloguePage: PageModel {
    static let template = "catalogue"

    struct Choice: Sendable {
        let value: String
        let label: String
        let selected: Bool
    }

    struct Hit: Sendable {
        let record: String
        let ended: Bool
        let establishment: String
        let structure: String
        let sector: String
        let commune: String
        /// HTML: escaped, with the glossary's acronyms explained.
        let missions: String
        let duration: String
        let capacity: String
        let periods: String
    }

    struct Pagination: Sendable {
        let page: Int
        let pages: Int
        let previous: String?
        let next: String?
    }

    static let summaryLength = 220

    let q: String
    let commune: String
    let month: String
    let places: Bool
    let sectors: [Choice]
    let durations: [Choice]
    let hits: [Hit]
    let empty: Bool
    let queryError: String?
    let resultLabel: String
    let pagination: Pagination?
    let includeEnded: Bool
    // When nothing is found: what to try next.
    let withoutFilters: [Link]
    let endedMatches: String?
    let endedLink: String
    let otherSectors: [Link]
    let hasOtherSectors: Bool
    let communeList = CommuneField.datalist

    struct Link: Sendable {
        let href: String
        let label: String
        var separator = ""
    }

    /// What an empty search may try instead (computed only when nothing is found).
    struct EmptyHelp {
        var withoutFilters: [Link] = []
        /// Ended offers that match the same search.
        var endedMatches = 0
        /// Other sectors where the same search finds open offers.
        var otherSectors: [Link] = []
    }

    init(query: CatalogueQuery, result: OfferSearchResult, problem: String?, glossary: Glossary, help: EmptyHelp = EmptyHelp()) {
        q = query.text
        commune = query.commune
        month = query.month
        places = query.places
        sectors = Sector.allCases.map { Choice(value: $0.rawValue, label: $0.label, selected: $0 == query.sector) }
        durations = (1...10).map { Choice(value: String($0), label: French.halfDays($0), selected: String($0) == query.duration) }
        hits = result.hits.map { hit in
            let missions = hit.offer.observableMissions
            let summary = String(missions.prefix(Self.summaryLength)) + (missions.count > Self.summaryLength ? "…" : "")
            return Hit(
                record: hit.record,
                ended: hit.ended,
                establishment: hit.offer.establishment,
                structure: hit.structureName ?? hit.offer.hostStructure,
                sector: hit.sector?.label ?? "",
                commune: hit.offer.commune,
                missions: glossary.annotate(summary),
                duration: French.halfDays(hit.offer.durationHalfDays),
                capacity: French.capacity(hit.offer.capacity),
                periods: French.periods(hit.offer.possiblePeriods)
            )
        }
        empty = result.total == 0
        queryError = problem
        resultLabel =
            result.total == 0 ? "Aucune offre trouvée" : "\(French.count(result.total, "offre")) trouvée\(French.s(result.total))"
        includeEnded = query.includeEnded
        withoutFilters = help.withoutFilters
        endedMatches =
            help.endedMatches > 0 && !query.includeEnded
            ? "\(French.count(help.endedMatches, "offre terminée", "offres terminées")) qui y correspond\(help.endedMatches > 1 ? "ent" : "")" : nil
        var showEnded = query
        showEnded.includeEnded = true
        endedLink = showEnded.link(page: 1)
        otherSectors = help.otherSectors.enumerated().map { n, item in
            Link(href: item.href, label: item.label, separator: n < help.otherSectors.count - 1 ? ", " : "")
        }
        hasOtherSectors = !otherSectors.isEmpty
        let pages = max(1, (result.total + CatalogueQuery.pageSize - 1) / CatalogueQuery.pageSize)
        pagination =
            pages > 1
            ? Pagination(
                page: query.page,
                pages: pages,
                previous: query.page > 1 ? query.link(page: query.page - 1) : nil,
                next: query.page < pages ? query.link(page: query.page + 1) : nil
            ) : nil
    }
}
