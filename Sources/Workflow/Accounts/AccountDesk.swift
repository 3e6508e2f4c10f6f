import Foundation
import Records
import Storage

/// Who does an account act, for the audit log and the messages: an account through the site,
/// with the browser's address, or the operator at the command line.
public struct AuditSource: Sendable {
    /// An email, or `AuditLog.commandLine`.
    public let actor: String
    /// How an invitation names them.
    public let name: String
    public let address: String?

    public init(account: Account, address: String?) {
        actor = account.email
        name = account.name
        self.address = address
    }

    init(actor: String, name: String, address: String?) {
        self.actor = actor
        self.name = name
        self.address = address
    }

    public static let commandLine = AuditSource(actor: AuditLog.commandLine, name: "L'administrateur du site", address: nil)
}

/// A link made for a person, and the email that carries it.
public struct IssuedLink: Sendable {
    public let account: Account
    public let url: String
    public let expires: Timestamp
    public let message: AccountMessage
}

/// What is wrong with each field of a form, in French (keyed by field name); nothing was written.
public struct AccountFormError: Error, Sendable, Equatable {
    public let errors: [String: String]

    public init(_ errors: [String: String]) { self.errors = errors }
}

/// The life of the site's accounts on a node: invitations, roles, deactivation, links to choose
/// a password, password changes. Every rule is here and every act goes to the audit log; the
/// site and the command line only ask.
public struct AccountDesk: Sendable {
    public let node: OpenNode
    /// The site's public address, for the links ("https://vmvp.cmp-beziers.fr").
    public let siteURL: String
    public let bcryptCost: UInt8
    let clock: @Sendable () -> Date

    public static let invitationLifetime: TimeInterval = 48 * 3600
    public static let resetLifetime: TimeInterval = 3600

    public init(node: OpenNode, siteURL: String, bcryptCost: UInt8 = 12, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.node = node
        self.siteURL = siteURL.hasSuffix("/") ? String(siteURL.dropLast()) : siteURL
        self.bcryptCost = bcryptCost
        self.clock = clock
    }

    var now: Date { clock() }

    func structure() throws -> StructureName { try node.profile()?.structureName ?? StructureName("ce nœud") }

    func audit(_ source: AuditSource, _ action: AuditAction, _ subject: String) throws {
        try node.audit.append(actor: source.actor, action: action, subject: subject, address: source.address, now: now)
    }

    func existing(_ id: Int64) throws -> Account {
        guard let account = try node.accounts.account(id: id) else { throw Refusal("Ce compte n'existe pas ou plus sur ce nœud.") }
        return account
    }

    // MARK: Administrators' acts

    /// Invites a person: an account without a password, and a link valid 48 h to choose one.
    public func invite(email: String, name: String, role: Role, by source: AuditSource) throws -> IssuedLink {
        let email = email.trimmingCharacters(in: .whitespaces)
        let name = name.trimmingCharacters(in: .whitespaces)
        var errors: [String: String] = [:]
        if !Formats.isEmail(email) {
            errors["email"] = email.isEmpty ? "champ obligatoire." : "adresse électronique invalide."
        } else if try node.accounts.account(email: email) != nil {
            errors["email"] = "un compte existe déjà avec cette adresse."
        }
        if name.isEmpty { errors["name"] = "champ obligatoire." }
        guard errors.isEmpty else { throw AccountFormError(errors) }
        let account: Account
        do { account = try node.accounts.invite(email: email, name: name, role: role, now: now) } catch AccountStoreError.emailTaken {
            throw AccountFormError(["email": "un compte existe déjà avec cette adresse."])
        }
        try audit(source, .accountInvited, "\(email) (\(role.label))")
        return try issueInvitation(account, by: source)
    }

    /// A new activation link for an invitation not taken up yet; the earlier link stops working.
    public func renewInvitation(_ id: Int64, by source: AuditSource) throws -> IssuedLink {
        let account = try existing(id)
        guard account.status == .invited else {
            throw Refusal(
                account.status == .active
                    ? "\(account.name) a déjà activé son compte : une nouvelle invitation n'est pas utile."
                    : "Le compte de \(account.name) est désactivé : réactivez-le d'abord."
            )
        }
        try audit(source, .accountInvited, "\(account.email) (nouveau lien)")
        return try issueInvitation(account, by: source)
    }

    func issueInvitation(_ account: Account, by source: AuditSource) throws -> IssuedLink {
        let token = LinkToken.random()
        let now = self.now
        try node.accountLinks.issue(tokenHash: token.hash, account: account.id, purpose: .activation, lifetime: Self.invitationLifetime, now: now)
        let url = "\(siteURL)/activation/\(token.value)"
        let expires = Timestamp(now.addingTimeInterval(Self.invitationLifetime))
        let message = AccountMessage.invitation(to: account, url: url, expires: expires, inviter: source.name, structure: try structure())
        return IssuedLink(account: account, url: url, expires: expires, message: message)
    }

    /// A password-reset link for an active account, made by an administrator (to hand over
    /// when the node sends no mail, or sent by mail).
    public func resetLink(_ id: Int64, by source: AuditSource) throws -> IssuedLink {
        let account = try existing(id)
        guard account.isActive else {
            throw Refusal(
                account.status == .invited
                    ? "\(account.name) n'a pas encore activé son compte : envoyez-lui plutôt une nouvelle invitation."
                    : "Le compte de \(account.name) est désactivé : réactivez-le d'abord."
            )
        }
        try audit(source, .resetLinkCreated, account.email)
        return try issueReset(account, counting: [])
    }

    func issueReset(_ account: Account, counting keys: [String], token: LinkToken = .random()) throws -> IssuedLink {
        let now = self.now
        try node.accountLinks.issue(
            tokenHash: token.hash,
            account: account.id,
            purpose: .reset,
            lifetime: Self.resetLifetime,
            countingAttempts: keys,
            now: now
        )
        let url = "\(siteURL)/reinitialisation/\(token.value)"
        let expires = Timestamp(now.addingTimeInterval(Self.resetLifetime))
        return IssuedLink(
            account: account,
            url: url,
            expires: expires,
            message: .reset(to: account, url: url, expires: expires, structure: try structure())
        )
    }

    /// Changes a role, deactivates (its sessions end at once) or reactivates an account. The node
    /// always keeps an active administrator.
    @discardableResult
    public func change(_ id: Int64, _ change: AccountChange, by source: AuditSource) throws -> Account {
        let before: Account
        let after: Account
        do {
            (before, after) = try node.accounts.apply(change, to: id, now: now)
        } catch AccountStoreError.notFound {
            throw Refusal("Ce compte n'existe pas ou plus sur ce nœud.")
        } catch AccountStoreError.lastAdmin {
            let account = try existing(id)
            let what = change == .deactivate ? "désactiver ce compte" : "retirer le rôle d'administrateur"
            throw Refusal(
                account.email.lowercased() == source.actor.lowercased()
                    ? "Vous êtes le seul administrateur actif de ce nœud : impossible de \(what). Donnez d'abord le rôle d'administrateur à une autre personne, puis recommencez."
                    : "\(account.name) est le seul administrateur actif de ce nœud : impossible de \(what). Donnez d'abord le rôle d'administrateur à une autre personne."
            )
        }
        switch change {
        case .role where before.role != after.role:
            try audit(source, .roleChanged, "\(after.email) : \(before.role.label) → \(after.role.label)")
        case .deactivate where !before.disabled:
            try audit(source, .accountDeactivated, after.email)
        case .reactivate where before.disabled:
            try audit(source, .accountReactivated, after.email)
        default:
            break  // nothing changed: nothing to log
        }
        return after
    }

    /// An account made at the command line with a password its operator gives or reads once.
    public func create(email: String, name: String, role: Role, password: String, by source: AuditSource) throws -> Account {
        do {
            let account = try node.accounts.add(
                email: email,
                name: name,
                role: role,
                passwordHash: PasswordPolicy.hash(password, cost: bcryptCost),
                now: now
            )
            try audit(source, .accountCreated, "\(email) (\(role.label))")
            return account
        } catch AccountStoreError.emailTaken {
            throw Refusal("Un compte existe déjà pour \(email).")
        }
    }
}
