import Foundation
import Records
import Storage
import Workflow

/// The node's accounts, each with what an administrator may do to it, and the invitation form.
struct AccountsPage: PageModel {
    static let template = "accounts"

    struct Choice: Sendable {
        let value: String
        let label: String
        let selected: Bool
    }

    struct Item: Sendable {
        let id: Int64
        let name: String
        let email: String
        let role: String
        let status: String
        let roles: [Choice]
        let formToken: String
        let isActive: Bool
        let isInvited: Bool
        let isDeactivated: Bool
    }

    /// A link just made: sent by mail, or shown to hand over in person.
    struct Handover: Sendable {
        let sentence: String
        let url: String?
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
    let notice: String?
    let refusal: String?
    let handover: Handover?
    let mailConfigured: Bool
    /// What the daily retention job will do to accounts within `lookahead`, one sentence each.
    let upcoming: [String]
    /// Stored, not computed: templates see stored properties only.
    let hasUpcoming: Bool
    /// The network's account periods in words ("2 ans", "3 mois").
    let unusedPeriod: String
    let gracePeriod: String

    /// How far ahead the page looks for accounts the retention job will deactivate or delete.
    static let lookahead: TimeInterval = 30 * AccountRetentionPolicy.days

    static let labels = ["email": "Adresse électronique", "name": "Nom et prénom"]

    var hasFormErrors: Bool { summary.hasErrors }

    init(
        csrf: String,
        formToken: () -> String,
        accounts: [Account],
        mailConfigured: Bool,
        form: (email: String, name: String, role: Role, errors: [String: String]) = ("", "", .professionnel, [:]),
        notice: String? = nil,
        refusal: String? = nil,
        handover: Handover? = nil,
        upcoming: AccountPurge = AccountPurge(),
        policy: RetentionPolicy = .standard
    ) {
        self.csrf = csrf
        self.formToken = formToken()
        items = accounts.map { account in
            Item(
                id: account.id,
                name: account.name,
                email: account.email,
                role: account.role.label,
                status: Self.statusLabel(account.status),
                roles: Self.choices(selected: account.role),
                formToken: formToken(),
                isActive: account.status == .active,
                isInvited: account.status == .invited,
                isDeactivated: account.status == .deactivated
            )
        }
        roles = Self.choices(selected: form.role)
        email = form.email
        name = form.name
        emailError = form.errors["email"]
        nameError = form.errors["name"]
        summary = ErrorSummary(form.errors.keys.sorted().map { .init(anchor: $0, label: Self.labels[$0] ?? $0, message: form.errors[$0] ?? "") })
        self.notice = notice
        self.refusal = refusal
        self.handover = handover
        self.mailConfigured = mailConfigured
        unusedPeriod = French.duration(days: policy.accountUnusedDays)
        gracePeriod = French.duration(days: policy.accountGraceDays)
        self.upcoming = Self.upcomingSentences(upcoming, unused: unusedPeriod)
        hasUpcoming = !self.upcoming.isEmpty
    }

    static func upcomingSentences(_ purge: AccountPurge, unused: String) -> [String] {
        purge.deactivated.map {
            "\($0.name) (\($0.email)) sera désactivé : aucune connexion depuis le \(French.day($0.lastActive)). Une connexion d'ici là le garde actif."
        }
            + purge.deleted.map {
                "\($0.name) (\($0.email)) sera supprimé : compte désactivé faute d'usage. Le réactiver le garde."
            }
            + purge.keptLastAdmin.map {
                "\($0.name) (\($0.email)) n'a pas servi depuis \(unused), mais reste actif : c'est le dernier administrateur du nœud. Nommez-en un autre."
            }
    }

    static func choices(selected: Role) -> [Choice] {
        Role.allCases.reversed().map { Choice(value: $0.rawValue, label: $0.label, selected: $0 == selected) }
    }

    static func statusLabel(_ status: AccountStatus) -> String {
        switch status {
        case .invited: "invitation en attente"
        case .active: "actif"
        case .deactivated: "désactivé"
        }
    }

    /// What the administrator reads once a link is made: sent, or to hand over.
    static func handover(_ link: IssuedLink, invitation: Bool, mailConfigured: Bool, mailed: Bool) -> Handover {
        let who = "\(link.account.name) (\(link.account.email))"
        let expiry = "le lien ne sert qu'une fois et expire le \(French.dateTime(link.expires))."
        if mailed {
            let what = invitation ? "Invitation envoyée" : "Lien pour choisir un nouveau mot de passe envoyé"
            return Handover(sentence: "\(what) par courriel à \(who) ; \(expiry)", url: nil)
        }
        let made = invitation ? "Invitation créée pour \(who)." : "Lien de réinitialisation du mot de passe créé pour \(who)."
        let why =
            mailConfigured
            ? "Le courriel n'a pas pu partir (le journal du service dit pourquoi)"
            : "Le courriel n'est pas configuré sur ce nœud"
        return Handover(
            sentence: "\(made) \(why) : transmettez ce lien en main propre à cette personne, ou par un canal sûr ; \(expiry)",
            url: link.url
        )
    }
}
