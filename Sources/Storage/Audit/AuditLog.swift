import Foundation
import GRDB
import Records

/// An administrative act, as the audit log keeps it.
public struct AuditEntry: Sendable, Equatable {
    public let id: Int64
    public let at: Timestamp
    /// Who did it: an account's email, or "ligne de commande" for the operator's terminal.
    public let actor: String
    public let action: AuditAction
    /// What it was done to, in a few words (a structure's name, an account's email…).
    public let subject: String
    /// The browser's address, when the act came through the site.
    public let address: String?
}

/// The kinds of administrative act. The raw value is stored; `label` is what admins read.
public struct AuditAction: RawRepresentable, Sendable, Hashable {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let invitationCreated = AuditAction(rawValue: "invitation_created")
    public static let invitationWithdrawn = AuditAction(rawValue: "invitation_withdrawn")
    public static let structureRevoked = AuditAction(rawValue: "structure_revoked")
    public static let renewalCreated = AuditAction(rawValue: "renewal_created")
    public static let rulePublished = AuditAction(rawValue: "rule_published")
    public static let profileEdited = AuditAction(rawValue: "profile_edited")
    public static let accountInvited = AuditAction(rawValue: "account_invited")
    public static let accountCreated = AuditAction(rawValue: "account_created")
    public static let accountActivated = AuditAction(rawValue: "account_activated")
    public static let accountDeactivated = AuditAction(rawValue: "account_deactivated")
    public static let accountReactivated = AuditAction(rawValue: "account_reactivated")
    public static let roleChanged = AuditAction(rawValue: "role_changed")
    public static let passwordReset = AuditAction(rawValue: "password_reset")
    public static let passwordChanged = AuditAction(rawValue: "password_changed")
    public static let resetLinkCreated = AuditAction(rawValue: "reset_link_created")
    public static let sessionsEnded = AuditAction(rawValue: "sessions_ended")
    public static let legalNoticeEdited = AuditAction(rawValue: "legal_notice_edited")
    public static let personErased = AuditAction(rawValue: "person_erased")

    public var label: String {
        switch self {
        case .invitationCreated: "Invitation d'une structure"
        case .invitationWithdrawn: "Invitation retirée"
        case .structureRevoked: "Structure révoquée"
        case .renewalCreated: "Code de renouvellement de certificat"
        case .rulePublished: "Règle du réseau publiée"
        case .profileEdited: "Fiche de la structure modifiée"
        case .accountInvited: "Personne invitée"
        case .accountCreated: "Compte créé"
        case .accountActivated: "Compte activé"
        case .accountDeactivated: "Compte désactivé"
        case .accountReactivated: "Compte réactivé"
        case .roleChanged: "Rôle modifié"
        case .passwordReset: "Mot de passe réinitialisé"
        case .passwordChanged: "Mot de passe changé"
        case .resetLinkCreated: "Lien de réinitialisation créé"
        case .sessionsEnded: "Autres sessions fermées"
        case .legalNoticeEdited: "Informations légales modifiées"
        case .personErased: "Données d'une personne effacées"
        default: rawValue
        }
    }
}

/// The node's audit log of administrative acts: appended to, never edited, never synced.
public struct AuditLog: Sendable {
    let database: NodeDatabase

    public init(database: NodeDatabase) { self.database = database }

    /// The actor name for acts made in a terminal.
    public static let commandLine = "ligne de commande"

    public func append(actor: String, action: AuditAction, subject: String, address: String? = nil, now: Date = Date()) throws {
        try database.pool.write { db in
            try db.execute(
                sql: "INSERT INTO audit_log (at, actor, action, subject, address) VALUES (?, ?, ?, ?, ?)",
                arguments: [Timestamp(now).description, actor, action.rawValue, subject, address]
            )
        }
    }

    /// The latest entries first; `before` pages back from an entry id.
    /// Every act one person did (their account's email), oldest first: part of what a node holds about them.
    public func entries(actor: String) throws -> [AuditEntry] {
        try database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit_log WHERE actor = ? COLLATE NOCASE ORDER BY id", arguments: [actor])
                .map(AuditEntry.init(row:))
        }
    }

    public func entries(limit: Int = 100, before: Int64? = nil) throws -> [AuditEntry] {
        try database.pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT ?",
                arguments: [before ?? Int64.max, limit]
            ).map(AuditEntry.init(row:))
        }
    }
}

extension AuditEntry {
    init(row: Row) {
        self.init(
            id: row["id"],
            at: Timestamp(row["at"] as String) ?? Timestamp(milliseconds: 0),
            actor: row["actor"],
            action: AuditAction(rawValue: row["action"]),
            subject: row["subject"],
            address: row["address"]
        )
    }
}
