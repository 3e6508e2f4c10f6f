import Records
import Storage

/// The request form, on another structure's offer.
struct RequestFormPage: PageModel {
    static let template = "requestForm"

    static let fields: [FormField] = [
        .init(
            key: "job",
            label: "Votre métier",
            help: "Par exemple : éducatrice spécialisée, infirmier scolaire, conseillère Mission locale.",
            kind: .line
        ),
        .init(key: "experience", label: "Votre expérience", help: "Depuis quand vous exercez, auprès de quels publics.", kind: .text),
        .init(key: "from", label: "Premier jour souhaité", kind: .date),
        .init(key: "to", label: "Dernier jour souhaité", kind: .date),
        .init(
            key: "objective",
            label: "Ce que vous voulez découvrir, et pourquoi",
            help: "Ce que cette immersion changerait dans votre travail avec la structure d'accueil.",
            kind: .text
        ),
    ]

    let offer: String
    let csrf: String
    let formToken: String
    let structureName: String
    let establishment: String
    let commune: String
    let duration: String
    let periods: String
    let visitorName: String
    let visitorEmail: String
    let fields: [FieldModel]
    let attested: Bool
    let attestationError: String?
    let summary: ErrorSummary

    var hasFormErrors: Bool { summary.hasErrors }

    /// `values`: what the form holds, by field key (pre-filled from a suggestion, or typed back after an error).
    init(
        record: StoredRecord,
        offer: Offer,
        structureName: String,
        visitor: Account,
        csrf: String,
        formToken: String,
        values: [String: String],
        attested: Bool,
        issues: [ValidationIssue]
    ) {
        var errors: [String: String] = [:]
        for issue in issues {
            let key =
                switch issue.field {
                case let f where f.hasPrefix("period"): "from"
                case "visitorJob": "job"
                default: issue.field
                }
            errors[key] = errors[key] ?? issue.sentence
        }
        self.offer = record.record
        self.csrf = csrf
        self.formToken = formToken
        self.structureName = structureName
        establishment = offer.establishment
        commune = offer.commune
        duration = French.halfDays(offer.durationHalfDays)
        periods = French.periods(offer.possiblePeriods)
        visitorName = visitor.name
        visitorEmail = visitor.email
        fields = Self.fields.map { FieldModel($0, value: values[$0.key] ?? "", error: errors[$0.key]) }
        self.attested = attested
        attestationError = errors["practisingProfessional"]
        var links: [ErrorSummary.Link] = Self.fields.compactMap { field in
            errors[field.key].map { .init(anchor: field.key, label: field.label, message: $0) }
        }
        if let attestationError { links.append(.init(anchor: "practisingProfessional", label: "Attestation", message: attestationError)) }
        summary = ErrorSummary(links)
    }
}

/// Why this structure may not ask yet: the reciprocity rule.
struct ReciprocityPage: PageModel {
    static let template = "reciprocity"
    let explanation: String
    let offer: String
    let canPublish: Bool
}
