import Foundation
import Hummingbird
import NIOCore
import Storage

/// Per-request state of the site: the signed-in session, if any, and the client address
/// (login throttling is per account and per address; the audit log keeps it).
public struct SiteContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var session: Session?
    /// The connection's peer, or behind a trusted proxy the client it names (`SessionMiddleware`).
    public var remoteAddress: String
    /// The address asked for (the menu marks the current page).
    public var path = "/"

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress ?? "inconnue"
    }

    /// Forms are small; anything larger is refused before it is read.
    public var maxUploadSize: Int { 256 * 1024 }
}

/// Why a page cannot be shown; rendered by the error page in plain French.
public struct PageError: Error, Sendable {
    public let status: HTTPResponse.Status
    public let title: String
    public let explanation: String
    /// Where to go instead, when there is a better place (e.g. the request already sent).
    public var link: Link?

    public struct Link: Sendable {
        public let href: String
        public let label: String

        public init(href: String, label: String) {
            self.href = href
            self.label = label
        }
    }

    public init(status: HTTPResponse.Status, title: String, explanation: String, link: Link? = nil) {
        self.status = status
        self.title = title
        self.explanation = explanation
        self.link = link
    }

    public static let notFound = PageError(
        status: .notFound,
        title: "Page introuvable",
        explanation: "Cette page n'existe pas ou plus. Vérifiez l'adresse, ou revenez au catalogue des offres."
    )
    public static let forbidden = PageError(
        status: .forbidden,
        title: "Accès réservé",
        explanation: "Votre compte ne permet pas cette action. Si vous pensez en avoir besoin, adressez-vous à l'administrateur de votre structure."
    )
    public static let serverFailure = PageError(
        status: .internalServerError,
        title: "Erreur du serveur",
        explanation:
            "Une erreur inattendue nous empêche d'afficher cette page. Rien n'a été perdu : réessayez dans un instant ; si cela continue, prévenez l'administrateur de votre structure."
    )
    public static func storageFailure(_ failure: StorageFailure) -> PageError {
        PageError(
            status: .serviceUnavailable,
            title: "Enregistrement impossible",
            explanation:
                "Le serveur de votre structure ne peut pas enregistrer pour le moment : \(failure.description) Prévenez l'administrateur de votre structure."
        )
    }
    public static let alreadySending = PageError(
        status: .conflict,
        title: "Envoi déjà en cours",
        explanation: "Ce formulaire est déjà en cours d'envoi. Patientez un instant puis rechargez la page : il ne sera pas enregistré deux fois."
    )
    public static let badForm = PageError(
        status: .forbidden,
        title: "Formulaire expiré",
        explanation: "Ce formulaire n'est plus valable (jeton de sécurité absent ou périmé). Rechargez la page et recommencez."
    )
}

extension SiteContext {
    /// The same request seen as not signed in (the login page never shows the menu).
    static func anonymous(_ context: SiteContext) -> SiteContext {
        var copy = context
        copy.session = nil
        return copy
    }
}
