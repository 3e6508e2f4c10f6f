import Foundation
import Records
import Storage
import Workflow

/// The MDA's view of its members and pending invitations.
struct NetworkPage: PageModel {
    static let template = "network"

    enum Sort: String, Sendable, CaseIterable {
        case name = "nom"
        case lastSync = "synchronisation"
        case joined = "inscription"

        var label: String {
            switch self {
            case .name: "nom"
            case .lastSync: "dernière synchronisation (les plus anciennes d'abord)"
            case .joined: "date d'inscription (les plus récentes d'abord)"
            }
        }
    }

    static let notices = [
        "retiree": "Invitation retirée : son code ne fonctionne plus.",
        "revoquee": "Structure révoquée. La révocation part vers tous les nœuds à leur prochaine synchronisation.",
    ]

    struct Row: Sendable {
        let structure: String
        let name: String
        let sector: String
        let commune: String
        let resourcePerson: String
        let joined: String
        let lastSync: String
        let silent: Bool
        let software: String
        let certificate: String
        let certificateSoon: Bool
        let state: String
        let active: Bool
    }

    struct Invitation: Sendable {
        let id: String
        let structureName: String
        let detail: String
        let expires: String
        /// One per form: withdrawing one invitation must not make the others' forms look replayed.
        let formToken: String
    }

    struct Choice: Sendable {
        let value: String
        let label: String
        let selected: Bool
    }

    let rows: [Row]
    let hasRows: Bool
    let count: String
    let invitations: [Invitation]
    let hasInvitations: Bool
    let sectors: [Choice]
    let sorts: [Choice]
    let csrf: String
    let notice: String?
    let silenceDays = NetworkAdministration.silenceDays

    init(
        members: [MemberOverview],
        invitations: [PendingInvitation],
        sector: Sector?,
        sort: Sort,
        now: Date,
        csrf: String,
        formToken: () -> String,
        notice: String?
    ) {
        let sorted: [MemberOverview] =
            switch sort {
            case .name: members
            case .lastSync: members.sorted { ($0.lastSync ?? Timestamp(milliseconds: 0)) < ($1.lastSync ?? Timestamp(milliseconds: 0)) }
            case .joined: members.sorted { ($0.joined ?? Timestamp(milliseconds: 0)) > ($1.joined ?? Timestamp(milliseconds: 0)) }
            }
        rows = sorted.map { member in
            let soon = member.certificateExpires.map { $0.date.timeIntervalSince(now) < 30 * 86_400 } ?? false
            let state: String =
                switch member.state {
                case .active: "active"
                case .revoked(let at): "révoquée le \(French.day(at))"
                }
            return Row(
                structure: member.structure,
                name: member.name,
                sector: member.sector?.label ?? "—",
                commune: member.commune ?? "—",
                resourcePerson: member.resourcePerson ?? "—",
                joined: member.joined.map(French.day) ?? "—",
                lastSync: member.lastSync.map(French.dateTime) ?? "jamais",
                silent: member.silent,
                software: member.software ?? "inconnue",
                certificate: member.certificateExpires.map(French.day) ?? "inconnue",
                certificateSoon: soon && member.state == .active,
                state: state,
                active: member.state == .active
            )
        }
        hasRows = !rows.isEmpty
        count = members.isEmpty ? "Aucune structure inscrite." : "\(French.count(members.count, "structure")) :"
        self.invitations = invitations.map { invitation in
            var detail = invitation.sector?.label ?? "secteur non précisé"
            if let email = invitation.email { detail += ", pour \(email)" }
            if invitation.renewing != nil { detail += ", renouvellement de certificat" }
            return Invitation(
                id: invitation.id,
                structureName: invitation.structureName,
                detail: detail,
                expires: French.dateTime(invitation.expires),
                formToken: formToken()
            )
        }
        hasInvitations = !self.invitations.isEmpty
        sectors =
            [Choice(value: "", label: "Tous les secteurs", selected: sector == nil)]
            + Sector.allCases.map { Choice(value: $0.rawValue, label: $0.label, selected: $0 == sector) }
        sorts = Sort.allCases.map { Choice(value: $0.rawValue, label: $0.label, selected: $0 == sort) }
        self.csrf = csrf
        self.notice = notice
    }
}

/// The form that creates an invitation code.
struct InvitePage: PageModel {
    static let template = "invite"
    static let validities: [(hours: Int, label: String)] = [(24, "24 heures"), (72, "3 jours"), (168, "7 jours"), (720, "30 jours")]
    static let labels = ["structure": "Nom de la structure", "secteur": "Secteur", "email": "Adresse électronique", "validite": "Validité"]

    struct Choice: Sendable {
        let value: String
        let label: String
        let selected: Bool
    }

    let csrf: String
    let formToken: String
    let mailConfigured: Bool
    let send: Bool
    let structure: String
    let email: String
    let sectors: [Choice]
    let validities: [Choice]
    let structureError: String?
    let sectorError: String?
    let emailError: String?
    let validityError: String?
    let summary: ErrorSummary

    var hasFormErrors: Bool { summary.hasErrors }

    init(csrf: String, formToken: String, mailConfigured: Bool, form: Form = Form(pairs: []), errors: [String: String] = [:]) {
        self.csrf = csrf
        self.formToken = formToken
        self.mailConfigured = mailConfigured
        send = form["envoyer"] == "oui"
        structure = form["structure"]
        email = form["email"]
        sectors =
            [Choice(value: "", label: "— non précisé —", selected: form["secteur"].isEmpty)]
            + Sector.allCases.map { Choice(value: $0.rawValue, label: $0.label, selected: $0.rawValue == form["secteur"]) }
        let chosen = Int(form["validite"]) ?? 72
        validities = Self.validities.map { Choice(value: String($0.hours), label: $0.label, selected: $0.hours == chosen) }
        structureError = errors["structure"]
        sectorError = errors["secteur"]
        emailError = errors["email"]
        validityError = errors["validite"]
        summary = ErrorSummary(errors.keys.sorted().map { .init(anchor: $0, label: Self.labels[$0] ?? $0, message: errors[$0] ?? "") })
    }
}

/// The code, shown once, with what the person who installs the node does with it.
struct InvitationIssuedPage: PageModel {
    static let template = "invitationIssued"
    let structureName: String
    let code: String
    let expires: String
    let email: String?
    let renewal: Bool
    let caFingerprint: String
    let command: String
    let sent: Bool
    let failed: Bool

    /// Whether the code went by mail.
    enum Delivery {
        case notAsked, sent, failed
    }

    init(_ issued: NetworkAdministration.IssuedInvitation, hubURL: String, caFingerprint: String, delivery: Delivery = .notAsked) {
        structureName = issued.structureName
        code = issued.code.description
        expires = French.dateTime(Timestamp(issued.expires))
        email = issued.email
        renewal = issued.renewing != nil
        self.caFingerprint = caFingerprint
        command = "vmvp enroll --data /var/lib/vmvp --hub \(hubURL) --code '\(issued.code.description)'"
        (sent, failed) = (delivery == .sent, delivery == .failed)
    }
}

/// What revoking a structure does, before it is done.
struct RevokePage: PageModel {
    static let template = "revoke"
    let structure: String
    let name: String
    let csrf: String
    let formToken: String
    let reason: String
    let reasonError: String?
    let confirmationError: String?
    let summary: ErrorSummary

    var hasFormErrors: Bool { summary.hasErrors }

    init(member: MemberOverview, csrf: String, formToken: String, reason: String = "", errors: [String: String] = [:]) {
        structure = member.structure
        name = member.name
        self.csrf = csrf
        self.formToken = formToken
        self.reason = reason
        reasonError = errors["raison"]
        confirmationError = errors["confirmation"]
        let labels = ["raison": "Raison", "confirmation": "Confirmation"]
        summary = ErrorSummary(errors.keys.sorted().map { .init(anchor: $0, label: labels[$0] ?? $0, message: errors[$0] ?? "") })
    }
}

/// Issuing a renewal code for a member's certificate.
struct RenewPage: PageModel {
    static let template = "renew"
    let structure: String
    let name: String
    let certificate: String
    let csrf: String
    let formToken: String

    init(member: MemberOverview, csrf: String, formToken: String) {
        structure = member.structure
        name = member.name
        certificate = member.certificateExpires.map(French.day) ?? "inconnue"
        self.csrf = csrf
        self.formToken = formToken
    }
}
