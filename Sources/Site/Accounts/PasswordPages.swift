import Records
import Storage
import Workflow

/// The fields where a person chooses a password, with their errors.
struct PasswordFields: Sendable {
    let passwordError: String?
    let confirmationError: String?
    let summary: ErrorSummary
    let minimumLength = PasswordPolicy.minimumLength

    static let labels = ["current": "Mot de passe actuel", "password": "Nouveau mot de passe", "confirmation": "Confirmation"]

    init(_ errors: [String: String]) {
        passwordError = errors["password"]
        confirmationError = errors["confirmation"]
        // In the order of the form.
        summary = ErrorSummary(
            ["current", "password", "confirmation"].compactMap { key in
                errors[key].map { .init(anchor: key, label: Self.labels[key] ?? key, message: $0) }
            }
        )
    }
}

/// Choosing a password through a link: the first one (an invitation) or a new one (a reset).
struct ChoosePasswordPage: PageModel {
    static let template = "choosePassword"
    let heading: String
    let intro: String
    let button: String
    let action: String
    let csrf: String
    let formToken: String
    let fields: PasswordFields

    var hasFormErrors: Bool { fields.summary.hasErrors }

    init(
        purpose: AccountLinkPurpose,
        account: Account,
        structure: StructureName,
        csrf: String,
        formToken: String,
        action: String,
        errors: [String: String]
    ) {
        let site = "le site Vis ma vie pro \(structure.of)"
        switch purpose {
        case .activation:
            heading = "Activer votre compte"
            intro =
                "Bonjour \(account.name). Vous avez reçu une invitation à rejoindre \(site) avec le rôle « \(account.role.label) ». Choisissez le mot de passe de votre compte (\(account.email)) : la session s'ouvrira aussitôt."
            button = "Activer mon compte"
        case .reset:
            heading = "Choisir un nouveau mot de passe"
            intro =
                "Bonjour \(account.name). Choisissez un nouveau mot de passe pour votre compte (\(account.email)) sur \(site). Les sessions ouvertes avec ce compte sur d'autres appareils seront fermées."
            button = "Enregistrer le nouveau mot de passe"
        }
        self.action = action
        self.csrf = csrf
        self.formToken = formToken
        fields = PasswordFields(errors)
    }
}

/// Asking for a reset link: the same sentence whatever the address.
struct ForgotPasswordPage: PageModel {
    static let template = "forgotPassword"
    let csrf: String
    let formToken: String
    let mailConfigured: Bool
    let sent: Bool
    let throttled: Bool
    let email: String
    let error: String?
    // Stored: templates read stored properties only.
    let summary: ErrorSummary

    var hasFormErrors: Bool { error != nil }

    init(csrf: String, formToken: String, mailConfigured: Bool, sent: Bool, throttled: Bool, email: String, error: String?) {
        self.csrf = csrf
        self.formToken = formToken
        self.mailConfigured = mailConfigured
        self.sent = sent
        self.throttled = throttled
        self.email = email
        self.error = error
        summary = ErrorSummary(error.map { [.init(anchor: "email", label: "Adresse électronique", message: $0)] } ?? [])
    }
}

/// "Mon compte": who I am, my password, my other sessions.
struct MyAccountPage: PageModel {
    static let template = "myAccount"
    let name: String
    let email: String
    let role: String
    let csrf: String
    let formToken: String
    let sessionsFormToken: String
    let hasOtherSessions: Bool
    let otherSessions: String
    let notice: String?
    let refusal: String?
    let currentError: String?
    let fields: PasswordFields

    var hasFormErrors: Bool { fields.summary.hasErrors }

    static let notices = [
        "active": "Votre compte est activé et votre session ouverte.",
        "reinitialise": "Votre nouveau mot de passe est enregistré ; les sessions ouvertes avec ce compte sur d'autres appareils sont fermées.",
        "mot-de-passe": "Votre mot de passe est changé ; les sessions ouvertes avec ce compte sur d'autres appareils sont fermées.",
        "sessions": "Les sessions ouvertes avec ce compte sur d'autres appareils sont fermées.",
    ]

    init(
        session: Session,
        formToken: String,
        sessionsFormToken: String,
        otherSessions: Int,
        notice: String?,
        refusal: String?,
        errors: [String: String]
    ) {
        name = session.account.name
        email = session.account.email
        role = session.account.role.label
        csrf = session.csrfToken
        self.formToken = formToken
        self.sessionsFormToken = sessionsFormToken
        hasOtherSessions = otherSessions > 0
        self.otherSessions =
            otherSessions == 0
            ? "Votre compte n'a pas d'autre session ouverte."
            : "Votre compte a \(French.count(otherSessions, "autre session ouverte", "autres sessions ouvertes")) (sur d'autres appareils ou navigateurs)."
        self.notice = notice
        self.refusal = refusal
        currentError = errors["current"]
        fields = PasswordFields(errors)
    }
}
