import Foundation
import Records
import Storage

struct LoginPage: PageModel {
    static let template = "login"
    let csrf: String
    let email: String
    let message: String?
    /// With mail, "Mot de passe oublié ?" leads to the reset form; without, to the administrator.
    let mailConfigured: Bool
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
    /// When the TLS certificate expires, and what to do when it is near.
    let certificate: String?

    init(node: OpenNode, certificateExpiry: Date? = nil, now: Date = Date()) throws {
        let health = StorageHealth.check(node.directory)
        storage = health.summary
        let isHub = try node.role() == .hub
        structure = (try node.profile()?.name) ?? ""
        role = isHub ? "hub de la Maison des Adolescents (MDA)" : "nœud de structure partenaire"
        envelopes = try node.store.envelopeCount()
        self.isHub = isHub
        isNode = !isHub
        certificate = certificateExpiry.map { CertificateNotice.sentence(expiry: $0, isHub: isHub, now: now) }
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

/// The TLS certificate's expiry in words, with how to renew it once it is near (30 days):
/// for the status page and `vmvp status`.
public enum CertificateNotice {
    public static func sentence(expiry: Date, isHub: Bool, now: Date) -> String {
        let date = French.dateTimeWithZone(Timestamp(expiry))
        let byCode =
            "demandez à la Maison des Adolescents (MDA) un code de renouvellement (page « Réseau » du hub), puis inscrivez à nouveau ce nœud avec « vmvp enroll » et ce code : ses enregistrements et sa clé de signature ne changent pas."
        let renew =
            isHub
            ? "Renouvelez le certificat du serveur du hub avec la commande « vmvp hub server-certificate »."
            : "Le nœud en demande lui-même un nouveau au hub après chaque synchronisation réussie. Si ce message reste affiché, vérifiez que la synchronisation fonctionne (« vmvp sync ») ; à défaut, "
                + byCode
        if expiry <= now { return "expiré le \(date). La synchronisation est impossible. \(isHub ? renew : "Pour le renouveler, " + byCode)" }
        if expiry.timeIntervalSince(now) < 30 * 86_400 { return "valable jusqu'au \(date), dans moins de 30 jours. \(renew)" }
        return "valable jusqu'au \(date)."
    }
}
