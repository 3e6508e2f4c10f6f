import Exchange
import Foundation
import Records
import Workflow

/// The network's rules as the MDA sees them: the glossary, the convention template and the
/// reciprocity rule, each with the versions published before.
struct RulesPage: PageModel {
    static let template = "rules"
    static let notices = [
        "lexique": "Le lexique est publié : il part vers tous les nœuds à leur prochaine synchronisation.",
        "retire": "Le sigle est retiré du lexique de tous les nœuds à leur prochaine synchronisation.",
        "modele": "Le modèle de convention est publié. Les prochaines conventions l'utiliseront ; celles déjà établies gardent le leur.",
        "reciprocite": "La règle de réciprocité est publiée : elle s'applique à la prochaine demande de chaque structure.",
        "conservation": "Les durées de conservation sont publiées : chaque nœud les applique dès son prochain passage quotidien.",
        "inchange": "Rien n'a changé : la version en vigueur est déjà celle-ci, rien n'a été publié.",
    ]

    struct Entry: Sendable {
        let record: String
        let term: String
        let expansion: String
        let definition: String
        let updated: String
    }

    struct Version: Sendable {
        let number: Int
        let date: String
        let summary: String
        let text: String?
    }

    let entries: [Entry]
    let templateTitle: String
    let templateSince: String?
    let templateVersions: [Version]
    let reciprocity: String
    let reciprocityVersions: [Version]
    let hasEntries: Bool
    let hasTemplateVersions: Bool
    let hasReciprocityVersions: Bool
    let form: ReciprocityForm
    let retention: [String]
    let retentionVersions: [Version]
    let hasRetentionVersions: Bool
    let retentionForm: RetentionForm
    let notice: String?

    init(
        glossary: [NetworkRulesDesk.GlossaryItem],
        templates: [PublishedVersion<ConventionTemplateRecord>],
        policies: [PublishedVersion<ReciprocityPolicy>],
        retentions: [PublishedVersion<RetentionPolicy>] = [],
        form: ReciprocityForm,
        retentionForm: RetentionForm,
        notice: String?
    ) {
        entries = glossary.map {
            Entry(
                record: $0.record,
                term: $0.entry.term,
                expansion: $0.entry.expansion,
                definition: $0.entry.definition,
                updated: French.day($0.updated)
            )
        }
        templateTitle = templates.first?.body.title ?? "Modèle livré avec le logiciel"
        templateSince = templates.first.map { "Version \($0.number), publiée le \(French.dateTime($0.created))" }
        templateVersions = templates.dropFirst().map {
            Version(number: $0.number, date: French.dateTime($0.created), summary: $0.body.title, text: $0.body.text)
        }
        reciprocity = Self.describe(policies.first?.body ?? ReciprocityPolicy.floor)
        reciprocityVersions = policies.dropFirst().map {
            Version(number: $0.number, date: French.dateTime($0.created), summary: Self.describe($0.body), text: nil)
        }
        (hasEntries, hasTemplateVersions, hasReciprocityVersions) = (!entries.isEmpty, !templateVersions.isEmpty, !reciprocityVersions.isEmpty)
        self.form = form
        retention = Self.describe(retentions.first?.body ?? .standard)
        retentionVersions = retentions.dropFirst().map {
            Version(number: $0.number, date: French.dateTime($0.created), summary: Self.describe($0.body).joined(separator: " ; "), text: nil)
        }
        hasRetentionVersions = !retentionVersions.isEmpty
        self.retentionForm = retentionForm
        self.notice = notice
    }

    var hasFormErrors: Bool { form.summary.hasErrors || retentionForm.summary.hasErrors }

    static func describe(_ policy: RetentionPolicy) -> [String] {
        RetentionPolicy.fields.map { "\($0.label) : \(French.duration(days: policy.days($0.key)))" }
    }

    static func describe(_ policy: ReciprocityPolicy) -> String {
        let offers = policy.minimumPublishedOffers
        var text = "Pour demander une immersion, une structure doit avoir au moins \(French.count(offers, "offre")) publiée\(French.s(offers))"
        if let days = policy.maximumDaysOwed {
            text +=
                " ; quand elle a envoyé plus de \(French.count(days, "jour")) de plus qu'elle n'en a accueilli, elle doit aussi proposer une période d'accueil à venir"
        }
        return text + "."
    }
}

/// The reciprocity rule's form, filled with the rule in force or with what was typed.
struct ReciprocityForm: Sendable {
    let csrf: String
    let formToken: String
    let minimum: String
    let maximum: String
    let minimumError: String?
    let maximumError: String?
    let summary: ErrorSummary

    init(csrf: String, formToken: String, policy: ReciprocityPolicy) {
        self.init(
            csrf: csrf,
            formToken: formToken,
            minimum: "\(policy.minimumPublishedOffers)",
            maximum: policy.maximumDaysOwed.map { "\($0)" } ?? ""
        )
    }

    init(csrf: String, formToken: String, minimum: String, maximum: String, errors: [String: String] = [:]) {
        self.csrf = csrf
        self.formToken = formToken
        self.minimum = minimum
        self.maximum = maximum
        minimumError = errors["minimum"]
        maximumError = errors["maximum"]
        let labels = ["minimum": "Offres publiées", "maximum": "Écart de jours"]
        summary = ErrorSummary(errors.keys.sorted().map { .init(anchor: $0, label: labels[$0] ?? $0, message: errors[$0] ?? "") })
    }
}

/// The retention periods' form, in days, filled with the periods in force or with what was typed.
struct RetentionForm: Sendable {
    struct Field: Sendable {
        let key: String
        let label: String
        let hint: String
        let value: String
        let error: String?
    }

    let csrf: String
    let formToken: String
    let fields: [Field]
    let summary: ErrorSummary

    init(csrf: String, formToken: String, policy: RetentionPolicy) {
        var values: [String: String] = [:]
        for field in RetentionPolicy.fields { values[field.key] = "\(policy.days(field.key))" }
        self.init(csrf: csrf, formToken: formToken, values: values)
    }

    init(csrf: String, formToken: String, values: [String: String], errors: [String: String] = [:]) {
        self.csrf = csrf
        self.formToken = formToken
        fields = RetentionPolicy.fields.map {
            Field(
                key: $0.key,
                label: "\($0.label) (en jours) *",
                hint: "De \($0.range.lowerBound) à \($0.range.upperBound) jours.",
                value: values[$0.key] ?? "",
                error: errors[$0.key]
            )
        }
        let labels = Dictionary(uniqueKeysWithValues: RetentionPolicy.fields.map { ($0.key, $0.label) })
        summary = ErrorSummary(errors.keys.sorted().map { .init(anchor: $0, label: labels[$0] ?? $0, message: errors[$0] ?? "") })
    }
}

/// Adding or editing one glossary entry, with its earlier versions.
struct GlossaryEntryPage: PageModel {
    static let template = "glossaryEntry"
    let record: String?
    let action: String
    let term: String
    let expansion: String
    let definition: String
    let termError: String?
    let expansionError: String?
    let definitionError: String?
    let summary: ErrorSummary
    let versions: [RulesPage.Version]
    let hasVersions: Bool
    let csrf: String
    let formToken: String
    let retractToken: String

    var hasFormErrors: Bool { summary.hasErrors }

    init(
        record: String?,
        entry: GlossaryEntry?,
        history: [PublishedVersion<GlossaryEntry>] = [],
        errors: [String: String] = [:],
        csrf: String,
        formToken: String,
        retractToken: String
    ) {
        self.record = record
        action = record.map { "/regles/lexique/\($0)" } ?? "/regles/lexique/nouveau"
        term = entry?.term ?? ""
        expansion = entry?.expansion ?? ""
        definition = entry?.definition ?? ""
        termError = errors["term"]
        expansionError = errors["expansion"]
        definitionError = errors["definition"]
        let labels = ["term": "Sigle", "expansion": "Forme développée", "definition": "Définition"]
        summary = ErrorSummary(errors.keys.sorted().map { .init(anchor: $0, label: labels[$0] ?? $0, message: errors[$0] ?? "") })
        versions = history.dropFirst().map {
            RulesPage.Version(
                number: $0.number,
                date: French.dateTime($0.created),
                summary: "\($0.body.term) : \($0.body.expansion)",
                text: $0.body.definition
            )
        }
        hasVersions = !versions.isEmpty
        self.csrf = csrf
        self.formToken = formToken
        self.retractToken = retractToken
    }
}

/// The convention template's text, as the MDA edits it.
struct TemplateFormPage: PageModel {
    static let template = "templateForm"
    let title: String
    let text: String
    let principles: String
    let placeholders: [String]
    let partyPlaceholders: [String]
    let partiesPlaceholder = "{{parties}}"
    let principlesPlaceholder = "{{principes}}"
    let titleError: String?
    let textError: String?
    let principlesError: String?
    let summary: ErrorSummary
    let csrf: String
    /// The preview changes nothing; the token only keeps every posted form alike.
    let formToken: String

    var hasFormErrors: Bool { summary.hasErrors }

    init(_ draft: ConventionTemplateRecord, errors: [String: String] = [:], csrf: String, formToken: String) {
        title = draft.title
        text = draft.text
        principles = draft.principles
        placeholders = ConventionTemplateRecord.requiredPlaceholders.map { "{{\($0)}}" }
        partyPlaceholders = ConventionTemplateRecord.partyPlaceholders.map { "{{\($0)}}" }
        titleError = errors["title"]
        textError = errors["text"]
        principlesError = errors["principles"]
        let labels = ["title": "Titre", "text": "Texte du modèle", "principles": "Principes éthiques"]
        summary = ErrorSummary(errors.keys.sorted().map { .init(anchor: $0, label: labels[$0] ?? $0, message: errors[$0] ?? "") })
        self.csrf = csrf
        self.formToken = formToken
    }
}

/// A convention filled in from the template being edited, with example parties, before the
/// MDA publishes it: what it publishes is what it saw.
struct TemplatePreviewPage: PageModel {
    static let template = "templatePreview"
    let title: String
    let text: String
    let principles: String
    let documentTitle: String
    let blocks: [ConventionPrintPage.Block]
    let partyBlocks: [ConventionPrintPage.Party]
    let csrf: String
    let formToken: String

    init(_ draft: ConventionTemplateRecord, today: Day, csrf: String, formToken: String) {
        title = draft.title
        text = draft.text
        principles = draft.principles
        let convention = Self.example(draft, today: today)
        let document = ConventionDocument(convention)
        documentTitle = document.title
        blocks = document.blocks.map(ConventionPrintPage.Block.init)
        partyBlocks = [
            .init(
                label: "La personne accueillie",
                structure: convention.visitor.structure,
                establishment: nil,
                person: "\(convention.visitor.name), \(convention.visitor.role)",
                contact: nil,
                note: nil
            ),
            .init(
                label: "Son employeur",
                structure: convention.employer.structure,
                establishment: nil,
                person: "Représenté par \(convention.employer.name), \(convention.employer.role)",
                contact: nil,
                note: nil
            ),
            .init(
                label: "La structure d'accueil",
                structure: convention.host.structure,
                establishment: nil,
                person: "Représentée par \(convention.host.name), \(convention.host.role)",
                contact: nil,
                note: nil
            ),
        ]
        self.csrf = csrf
        self.formToken = formToken
    }

    /// Example parties and dates (three days, a month from today), marked as an example.
    static func example(_ draft: ConventionTemplateRecord, today: Day) -> Convention {
        let start = Day(daysSinceEpoch: today.daysSinceEpoch + 30)
        return Convention(
            visitor: .init(name: "Camille Exemple", role: "éducatrice spécialisée", structure: "Structure d'exemple qui envoie"),
            employer: .init(name: "Dominique Exemple", role: "référente Vis ma vie pro", structure: "Structure d'exemple qui envoie"),
            host: .init(name: "Alex Exemple", role: "cadre de santé", structure: "Structure d'exemple qui accueille"),
            period: Period(from: start, to: Day(daysSinceEpoch: start.daysSinceEpoch + 2)),
            hours: "9 h – 17 h",
            places: "Service d'exemple, 1 rue de l'Exemple, Montpellier",
            programme: "Exemple de programme : accueil par l'équipe, participation aux réunions, entretiens avec les professionnels.",
            principles: draft.principles,
            template: draft.text
        )
    }
}
