import Records
import Storage

/// Open discovery requests of the network; after writing one, the offers that match it.
struct DemandsPage: PageModel {
    static let template = "demands"

    struct Item: Sendable {
        let who: String
        let sectors: String
        let periods: String
        let duration: String
        let missions: String
        let objective: String
    }

    struct Match: Sendable {
        let record: String
        let establishment: String
        let structure: String
        let commune: String
    }

    let items: [Item]
    let empty: Bool
    let canWrite: Bool
    /// Set right after a demand is written.
    let created: Bool
    let matches: [Match]
    let hasMatches: Bool

    /// `demands`: newest first; `matches`: nil unless a demand was just written.
    init(demands: [Demand], matches: [OfferHit]?) {
        items = demands.filter { $0.status == .open }.map { demand in
            Item(
                who: "\(demand.requesterName), \(demand.requesterJob) — \(demand.requesterStructure)",
                sectors: demand.sectors.map(\.label).joined(separator: ", "),
                periods: French.periods(demand.possiblePeriods),
                duration: French.halfDays(demand.durationHalfDays),
                missions: demand.missions,
                objective: demand.objective
            )
        }
        empty = items.isEmpty
        canWrite = true
        created = matches != nil
        self.matches = (matches ?? []).map {
            Match(
                record: $0.record,
                establishment: $0.offer.establishment,
                structure: $0.structureName ?? $0.offer.hostStructure,
                commune: $0.offer.commune
            )
        }
        hasMatches = !self.matches.isEmpty
    }
}

/// The discovery-request form.
struct DemandFormPage: PageModel {
    static let template = "demandForm"

    static let fields: [(field: FormField, path: any WritableKeyPath<Demand.Draft, String> & Sendable)] = [
        (.init(key: "requester.name", label: "Votre nom", kind: .line), \.requesterName),
        (.init(key: "requester.job", label: "Votre métier", kind: .line), \.requesterJob),
        (.init(key: "requester.structure", label: "Votre structure", kind: .line), \.requesterStructure),
        (.init(key: "missions", label: "Missions que vous aimeriez découvrir", kind: .text), \.missions),
        (.init(key: "from", label: "Disponible à partir du", kind: .date), \.from),
        (.init(key: "to", label: "Jusqu'au", kind: .date), \.to),
        (.init(key: "durationHalfDays", label: "Durée souhaitée, en demi-journées (1 à 10)", kind: .number), \.durationHalfDays),
        (.init(key: "objective", label: "Objectif de la découverte", kind: .text), \.objective),
    ]

    struct SectorChoice: Sendable {
        let value: String
        let label: String
        let checked: Bool
    }

    let csrf: String
    let formToken: String
    let fields: [FieldModel]
    let sectorChoices: [SectorChoice]
    let sectorsError: String?
    let summary: ErrorSummary

    var hasFormErrors: Bool { summary.hasErrors }

    init(draft: Demand.Draft, csrf: String, formToken: String, issues: [ValidationIssue]) {
        // The record's one period is two fields of the form.
        func key(_ path: String) -> String {
            if path.hasPrefix("possiblePeriods") { return path.hasSuffix(".to") ? "to" : "from" }
            return path
        }
        var errors: [String: String] = [:]
        for issue in issues { errors[key(issue.field)] = issue.sentence }
        let sectorsError = issues.first { $0.field.hasPrefix("sectors") }?.message
        self.csrf = csrf
        self.formToken = formToken
        fields = Self.fields.map { FieldModel($0.field, value: draft[keyPath: $0.path], error: errors[$0.field.key], describe: false) }
        sectorChoices = Sector.allCases.map { SectorChoice(value: $0.rawValue, label: $0.label, checked: draft.sectors.contains($0.rawValue)) }
        self.sectorsError = sectorsError
        var links: [ErrorSummary.Link] = Self.fields.compactMap { entry in
            errors[entry.field.key].map { .init(anchor: entry.field.id, label: entry.field.label, message: $0) }
        }
        if let sectorsError { links.append(.init(anchor: "sector_sanitaire", label: "Champs à découvrir", message: sectorsError)) }
        summary = ErrorSummary(links)
    }

    static func draft(from form: Form) -> Demand.Draft {
        var draft = Demand.Draft()
        for entry in fields { draft[keyPath: entry.path] = form[entry.field.id] }
        draft.sectors = form.all("sectors")
        return draft
    }
}
