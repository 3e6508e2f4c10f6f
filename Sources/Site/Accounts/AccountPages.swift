import Records
import Storage

struct LoginPage: PageModel {
    static let template = "login"
    let csrf: String
    let email: String
    let message: String?
}

/// The node's accounts, and the form that creates one with a temporary password.
struct AccountsPage: PageModel {
    static let template = "accounts"

    struct Item: Sendable {
        let name: String
        let email: String
        let role: String
    }

    struct Choice: Sendable {
        let value: String
        let label: String
    }

    struct Created: Sendable {
        let email: String
        let password: String
    }

    let csrf: String
    let formToken: String
    let items: [Item]
    let roles: [Choice]
    let email: String
    let name: String
    let emailError: String?
    let nameError: String?
    let summary: ErrorSummary
    let created: Created?
    let notice: String?

    static let labels = ["email": "Adresse électronique", "name": "Nom et prénom"]

    var hasFormErrors: Bool { summary.hasErrors }

    init(
        csrf: String,
        formToken: String,
        accounts: [Account],
        email: String = "",
        name: String = "",
        errors: [String: String] = [:],
        created: Created? = nil,
        notice: String? = nil
    ) {
        self.csrf = csrf
        self.formToken = formToken
        self.notice = notice
        items = accounts.map { Item(name: $0.name, email: $0.email, role: $0.role.label) }
        roles = Role.allCases.reversed().map { Choice(value: $0.rawValue, label: $0.label) }
        self.email = email
        self.name = name
        emailError = errors["email"]
        nameError = errors["name"]
        summary = ErrorSummary(errors.keys.sorted().map { .init(anchor: $0, label: Self.labels[$0] ?? $0, message: errors[$0] ?? "") })
        self.created = created
    }
}

/// What the node's administrator checks first: which node this is, and how its sync goes.
struct StatusPage: PageModel {
    static let template = "status"
    let structure: String
    let role: String
    let envelopes: Int
    let isHub: Bool
    let isNode: Bool
    let members: Int?
    let quarantine: Int?
    let hub: String?
    let lastSuccess: String?
    let waiting: Int?
    let lastError: String?
    let storage: String

    init(node: OpenNode) throws {
        let health = StorageHealth.check(node.directory)
        storage = health.summary
        let isHub = try node.role() == .hub
        structure = (try node.profile()?.name) ?? ""
        role = isHub ? "hub de la Maison des Adolescents (MDA)" : "nœud de structure partenaire"
        envelopes = try node.store.envelopeCount()
        self.isHub = isHub
        isNode = !isHub
        if isHub {
            members = try node.members.members().count
            quarantine = try node.store.quarantineCount()
            (hub, lastSuccess, waiting, lastError) = (nil, nil, nil, nil)
        } else {
            let state = try SyncState.load(node)
            hub = state.hubURL ?? "pas encore inscrit (commande « vmvp enroll »)"
            lastSuccess = state.lastSuccess.map(French.dateTimeWithZone) ?? "jamais"
            waiting = state.waiting
            // A node that cannot write cannot record why its syncs fail either.
            lastError = health.failure.map { "\($0.sentence) Les synchronisations échouent tant que cela dure." } ?? state.lastError ?? "aucune"
            (members, quarantine) = (nil, nil)
        }
    }
}
