import Records

/// The host-offer form ("Fiche offre accueil"): every field of the source's form, in its
/// order, with help taken from its intent.
struct OfferFormPage: PageModel {
    static let template = "offerForm"

    /// Each field, and where its text goes in the draft.
    static let fields: [(field: FormField, path: any WritableKeyPath<Offer.Draft, String> & Sendable)] = [
        (
            .init(
                key: "hostStructure",
                label: "Nom de la structure d'accueil",
                help: "Le nom sous lequel les partenaires vous connaissent.",
                kind: .line
            ), \.hostStructure
        ),
        (
            .init(
                key: "establishment",
                label: "Établissement ou lieu concerné",
                help: "Le service ou le site où se déroule l'immersion.",
                kind: .line
            ), \.establishment
        ),
        (
            .init(
                key: "commune",
                label: "Commune",
                help: "Une commune de l'Hérault, sous son nom officiel ; la liste se complète quand vous tapez.",
                kind: .commune
            ), \.commune
        ),
        (
            .init(
                key: "observableMissions",
                label: "Missions observables",
                help: "Ce que la personne accueillie pourra voir de vos missions, concrètement.",
                kind: .text
            ), \.observableMissions
        ),
        (
            .init(
                key: "observableJobProfiles",
                label: "Profils de poste observables",
                help: "Les métiers qu'elle pourra observer au travail.",
                kind: .text
            ),
            \.observableJobProfiles
        ),
        (
            .init(
                key: "observerProfile",
                label: "Profil de l'observateur",
                help:
                    "À qui s'adresse l'offre : métier, expérience. L'échange concerne des professionnels en exercice, pas des stagiaires en formation initiale.",
                kind: .text
            ), \.observerProfile
        ),
        (
            .init(
                key: "durationHalfDays",
                label: "Durée de l'accueil, en demi-journées",
                help: "De 1 à 10 ; deux ou trois jours font 4 à 6 demi-journées.",
                kind: .number
            ), \.durationHalfDays
        ),
        (.init(key: "capacity", label: "Nombre de personnes accueillies par période", help: "De 1 à 20.", kind: .number), \.capacity),
        (
            .init(
                key: "proposedContents",
                label: "Contenus proposés (instances, lieux, etc.)",
                help: "Réunions, instances, lieux et temps de travail que la personne pourra suivre.",
                kind: .text
            ), \.proposedContents
        ),
        (.init(key: "contact.name", label: "Contact au sein de la structure : nom", kind: .line), \.contactName),
        (.init(key: "contact.role", label: "Contact : fonction", kind: .line), \.contactRole),
        (.init(key: "contact.email", label: "Contact : adresse électronique professionnelle", kind: .email), \.contactEmail),
        (.init(key: "contact.phone", label: "Contact : téléphone", kind: .line, required: false), \.contactPhone),
        (
            .init(
                key: "supportingDocuments",
                label: "Documents d'appui disponibles",
                help: "Un document par ligne (livret d'accueil, projet de service…).",
                kind: .text,
                required: false
            ), \.supportingDocumentsText
        ),
        (
            .init(
                key: "specialConditions",
                label: "Éventuelles conditions particulières",
                help: "Confidentialité, tenue, horaires, accord des jeunes et des familles…",
                kind: .text,
                required: false
            ), \.specialConditions
        ),
        (
            .init(
                key: "expectedEffectsHost",
                label: "Effets attendus pour la structure d'accueil",
                help: "Ce que votre structure espère de cet échange.",
                kind: .text
            ),
            \.expectedEffectsHost
        ),
        (
            .init(
                key: "expectedEffectsVisitor",
                label: "Effets attendus pour la personne accueillie",
                help: "Ce que la personne devrait mieux comprendre en repartant.",
                kind: .text
            ), \.expectedEffectsVisitor
        ),
        (.init(key: "writtenBy", label: "Fiche rédigée par", kind: .line), \.writtenBy),
        (.init(key: "writtenOn", label: "Fiche rédigée le", kind: .date), \.writtenOn),
    ]

    /// Empty period rows offered below the filled ones (at least two, four rows in all).
    static let periodRows = 4

    struct PeriodRow: Sendable {
        let n: Int
        let from: String
        let to: String
    }

    let heading: String
    let action: String
    let csrf: String
    let formToken: String
    let editing: Bool
    let fields: [FieldModel]
    let periods: [PeriodRow]
    let periodsError: String?
    let summary: ErrorSummary
    let communeList = CommuneField.datalist

    /// `record`: the offer being edited, nil for a new one.
    var hasFormErrors: Bool { summary.hasErrors }

    init(draft: Offer.Draft, record: String?, csrf: String, formToken: String, issues: [ValidationIssue]) {
        // Problems are tied to the field they concern; nested paths fold onto their form field.
        var errors: [String: String] = [:]
        var periodErrors: [String] = []
        for issue in issues {
            if issue.field.hasPrefix("possiblePeriods") {
                periodErrors.append(
                    issue.field == "possiblePeriods" ? issue.message : "période \(Self.periodNumber(issue.field)) : \(issue.message)"
                )
            } else {
                let key = issue.field.hasPrefix("supportingDocuments") ? "supportingDocuments" : issue.field
                errors[key] = errors[key].map { "\($0) \(issue.message)" } ?? issue.sentence
            }
        }
        heading = record == nil ? "Proposer un accueil" : "Modifier l'offre d'accueil"
        action = record.map { "/offres/\($0)" } ?? "/offres"
        self.csrf = csrf
        self.formToken = formToken
        editing = record != nil
        fields = Self.fields.map { FieldModel($0.field, value: draft[keyPath: $0.path], error: errors[$0.field.key]) }
        let typed = draft.possiblePeriods
        let rows = typed + Array(repeating: (from: "", to: ""), count: max(2, Self.periodRows - typed.count))
        periods = rows.enumerated().map { PeriodRow(n: $0.offset + 1, from: $0.element.from, to: $0.element.to) }
        periodsError = periodErrors.isEmpty ? nil : periodErrors.joined(separator: " ; ")
        var links: [ErrorSummary.Link] = Self.fields.compactMap { entry in
            errors[entry.field.key].map { .init(anchor: entry.field.id, label: entry.field.label, message: $0) }
        }
        if let periodsError { links.append(.init(anchor: "period_from_1", label: "Périodes possibles", message: periodsError)) }
        if let status = issues.first(where: { $0.field == "status" }) {
            links.append(.init(anchor: "contenu", label: "État de la fiche", message: status.message))
        }
        summary = ErrorSummary(links)
    }

    /// The form as submitted, in a draft (the button pressed gives the status).
    static func draft(from form: Form) -> Offer.Draft {
        var draft = Offer.Draft()
        for entry in fields { draft[keyPath: entry.path] = form[entry.field.id] }
        draft.possiblePeriods = zip(form.all("period_from"), form.all("period_to")).filter { !$0.0.isEmpty || !$0.1.isEmpty }
            .map { (from: $0.0, to: $0.1) }
        draft.status = form["status"]
        return draft
    }

    static func periodNumber(_ path: String) -> Int {
        guard let open = path.firstIndex(of: "["), let close = path.firstIndex(of: "]"), let n = Int(path[path.index(after: open)..<close])
        else { return 1 }
        return n + 1
    }
}

extension Offer.Draft {
    /// The record, its commune checked against the official list too (and written under its
    /// official name); the commune's problem joins the record's own, so the form lists them all.
    func validatedInHerault() throws -> Offer {
        var draft = self
        let communeIssue = CommuneField.issue(checking: &draft.commune, field: "commune")
        do {
            let offer = try draft.validated()
            if let communeIssue { throw ValidationError([communeIssue]) }
            return offer
        } catch let error as ValidationError {
            guard let communeIssue else { throw error }
            throw ValidationError(error.issues.filter { $0.field != "commune" } + [communeIssue])
        }
    }

    /// The supporting documents as the form shows them: one per line.
    var supportingDocumentsText: String {
        get { supportingDocuments.joined(separator: "\n") }
        set {
            supportingDocuments = newValue.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
    }
}
