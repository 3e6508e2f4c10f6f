import Foundation
import Records
import Workflow

/// The three pages the law asks of the site, readable without an account, from the notice in
/// force (the structure's own texts, else the network's, else what follows).
struct LegalPage: PageModel {
    enum Kind: String, Sendable, CaseIterable {
        case notice = "mentions-legales"
        case personalData = "donnees-personnelles"
        case accessibility = "accessibilite"

        var title: String {
            switch self {
            case .notice: "Mentions légales"
            case .personalData: "Données personnelles"
            case .accessibility: "Déclaration d'accessibilité"
            }
        }
    }

    static let template = "legal"
    static let missing = "Non renseigné : l'administrateur du site doit le compléter (page « Informations légales »)."

    let title: String
    let isNotice: Bool
    let isPersonalData: Bool
    let isAccessibility: Bool
    let structure: String
    let isHub: Bool
    let publisher: String
    let publicationDirector: String
    let host: String
    let dataProtectionOfficer: String
    let conformity: String
    let audit: String
    let issues: String
    let contact: String
    let hasIssues: Bool
    /// The network's retention periods, in words ("3 ans").
    let accountUnused: String
    let accountGrace: String
    let immersionDays: String
    let unrealisedDays: String
    let closedDays: String

    init(_ kind: Kind, notice: LegalNotice, structure: String, isHub: Bool, retention: RetentionPolicy = .standard) {
        accountUnused = French.duration(days: retention.accountUnusedDays)
        accountGrace = French.duration(days: retention.accountGraceDays)
        immersionDays = French.duration(days: retention.immersionDays)
        unrealisedDays = French.duration(days: retention.unrealisedDays)
        closedDays = French.duration(days: retention.closedDays)
        title = kind.title
        (isNotice, isPersonalData, isAccessibility) = (kind == .notice, kind == .personalData, kind == .accessibility)
        self.structure = structure
        self.isHub = isHub
        publisher = notice["publisher"] ?? structure
        publicationDirector = notice["publicationDirector"] ?? Self.missing
        host = notice["host"] ?? Self.missing
        dataProtectionOfficer =
            notice["dataProtectionOfficer"]
            ?? "Non renseigné : écrivez à l'administrateur du site de \(structure), qui transmet à la personne chargée des données personnelles."
        // Without an audit, the law says "non conforme".
        conformity = (notice.conformity ?? .none).label
        audit =
            notice["accessibilityAudit"]
            ?? "Aucun audit complet de conformité au RGAA n'a encore été réalisé. À chaque nouvelle version, les pages du parcours sont vérifiées automatiquement (outil axe-core : aucune erreur admise) et affichées sur un écran de 390 pixels de large, sans défilement horizontal."
        issues = notice["accessibilityIssues"] ?? ""
        hasIssues = !issues.isEmpty
        contact =
            notice["accessibilityContact"]
            ?? "Écrivez à l'administrateur du site de \(structure) : il vous apportera l'information ou le contenu sous une autre forme."
    }
}

/// The form where a node's admins complete the legal information (on the hub: the network's defaults).
struct LegalFormPage: PageModel {
    static let template = "legalForm"

    struct Field: Sendable {
        let key: String
        let label: String
        let hint: String
        let value: String
        let inherited: String?
        let error: String?
        let rows: Int
    }

    struct Choice: Sendable {
        let value: String
        let label: String
        let selected: Bool
    }

    static let labels: [String: (label: String, hint: String)] = [
        "publisher": ("Éditeur du site", "Nom de la structure, adresse, téléphone."),
        "publicationDirector": ("Directeur ou directrice de la publication", "En général, la personne qui dirige la structure."),
        "host": ("Hébergeur", "Qui héberge le serveur du nœud : nom, adresse, téléphone."),
        "dataProtectionOfficer": (
            "Délégué à la protection des données (DPO)", "Comment joindre la personne chargée des données personnelles de la structure."
        ),
        "accessibilityAudit": ("Dernier audit d'accessibilité", "Date, auditeur et résultat (taux de conformité au RGAA)."),
        "accessibilityIssues": ("Non-conformités connues", "Les contenus qui ne sont pas accessibles, et pourquoi."),
        "accessibilityContact": ("Contact pour l'accessibilité", "Où signaler un défaut d'accessibilité."),
    ]

    let isHub: Bool
    let fields: [Field]
    let conformities: [Choice]
    let conformityError: String?
    let summary: ErrorSummary
    let csrf: String
    let formToken: String
    let notice: String?

    var hasFormErrors: Bool { summary.hasErrors }

    init(
        values: [String: String],
        conformity: String,
        network: LegalNotice?,
        isHub: Bool,
        errors: [String: String] = [:],
        csrf: String,
        formToken: String,
        notice: String? = nil
    ) {
        self.isHub = isHub
        fields = LegalNotice.textFields.map { field in
            let text = Self.labels[field.key] ?? (field.key, "")
            return Field(
                key: field.key,
                label: text.label,
                hint: text.hint,
                value: values[field.key] ?? "",
                inherited: network?[field.key],
                error: errors[field.key],
                rows: field.max > 1000 ? 5 : 3
            )
        }
        conformities =
            [Choice(value: "", label: isHub ? "— non précisé (non conforme) —" : "— celui du réseau —", selected: conformity.isEmpty)]
            + LegalNotice.Conformity.allCases.map { Choice(value: $0.rawValue, label: $0.label, selected: $0.rawValue == conformity) }
        conformityError = errors["conformity"]
        summary = ErrorSummary(
            errors.keys.sorted().map { .init(anchor: $0, label: Self.labels[$0]?.label ?? "État de conformité", message: errors[$0] ?? "") }
        )
        self.csrf = csrf
        self.formToken = formToken
        self.notice = notice
    }
}
