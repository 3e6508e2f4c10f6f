import Foundation
import Records
import Storage

/// Why an administrative act on the network was refused, in French for the MDA's staff.
public enum AdministrationError: Error, Sendable, Equatable, CustomStringConvertible {
    case notHub
    case invalid(field: String, problem: String)
    case unknownMember(String)
    case alreadyRevoked(String)
    case unknownInvitation
    case unknownRule
    case noProfile

    public var description: String {
        switch self {
        case .notHub: "Seul le hub de la MDA administre le réseau."
        case .invalid(_, let problem): problem
        case .unknownMember(let id): "Aucune structure inscrite avec l'identifiant « \(id) »."
        case .alreadyRevoked(let name): "\(name) est déjà révoquée : il n'y a plus rien à révoquer."
        case .unknownInvitation: "Cette invitation n'existe pas, a déjà servi, a expiré ou a déjà été retirée."
        case .unknownRule: "Cette règle du réseau n'existe pas ou a été retirée."
        case .noProfile: "Ce nœud n'a pas encore de fiche de structure : elle est créée par « vmvp init »."
        }
    }
}

/// Who does an administrative act, for the audit log: an account's email and the browser's
/// address, or the operator's terminal.
public struct AdministrativeActor: Sendable, Equatable {
    public let name: String
    public let address: String?

    public init(name: String, address: String?) {
        self.name = name
        self.address = address
    }

    public static let commandLine = AdministrativeActor(name: AuditLog.commandLine, address: nil)
}

/// The MDA administers its network: invitations, withdrawals, revocations, renewal codes.
/// The site and the command line call these same functions, which sign the same records
/// and write the same audit entries.
public struct NetworkAdministration: Sendable {
    public let node: OpenNode
    /// The fingerprint of the network's certificate authority, carried by every invitation code.
    public let caFingerprint: String

    public init(node: OpenNode, caFingerprint: String) {
        self.node = node
        self.caFingerprint = caFingerprint
    }

    /// What the MDA hands over: the code, until when it works, and to whom it was meant.
    public struct IssuedInvitation: Sendable {
        public let code: InvitationCode
        public let structureName: String
        public let sector: Sector?
        public let email: String?
        public let expires: Date
        public let renewing: String?
    }

    /// Validity bounds of an invitation code, in hours.
    public static let validityHours = 1...720

    /// A one-time code for a new structure, or, with `renewing`, for an enrolled one to enroll
    /// again with a new certificate (lost TLS key, certificate about to expire).
    public func invite(
        structureName rawName: String,
        sector: Sector?,
        email rawEmail: String?,
        renewing: String? = nil,
        validityHours: Int = 72,
        by actor: AdministrativeActor,
        now: Date = Date()
    ) throws -> IssuedInvitation {
        try requireHub()
        let name = rawName.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 120 else {
            throw AdministrationError.invalid(field: "structure", problem: "Nom de la structure : entre 1 et 120 caractères.")
        }
        let email = rawEmail.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        if let email, !Formats.isEmail(email) {
            throw AdministrationError.invalid(field: "email", problem: "Adresse électronique invalide « \(email) ».")
        }
        guard Self.validityHours.contains(validityHours) else {
            throw AdministrationError.invalid(field: "validite", problem: "Durée de validité : entre 1 et 720 heures.")
        }
        if let renewing {
            let entries = try node.members.entries().filter { $0.structure == renewing }
            guard !entries.isEmpty else { throw AdministrationError.unknownMember(renewing) }
            guard entries.contains(where: { $0.revokedAt == nil }) else { throw AdministrationError.alreadyRevoked(entries[0].name) }
        }
        let code = InvitationCode.make(caFingerprint: caFingerprint)
        let expires = now.addingTimeInterval(TimeInterval(validityHours) * 3600)
        try node.hub.addInvitation(
            codeHash: code.secretHash,
            structureName: name,
            sector: sector,
            renewing: renewing,
            email: email,
            expires: expires,
            now: now
        )
        try node.audit.append(
            actor: actor.name,
            action: renewing == nil ? .invitationCreated : .renewalCreated,
            subject: email.map { "\(name) (\($0))" } ?? name,
            address: actor.address,
            now: now
        )
        return IssuedInvitation(code: code, structureName: name, sector: sector, email: email, expires: expires, renewing: renewing)
    }

    public func pendingInvitations(now: Date = Date()) throws -> [PendingInvitation] {
        try node.hub.pendingInvitations(now: now)
    }

    /// Withdraws an unused invitation: its code is refused from now on.
    @discardableResult
    public func withdraw(invitation id: String, by actor: AdministrativeActor, now: Date = Date()) throws -> PendingInvitation {
        try requireHub()
        guard let withdrawn = try node.hub.withdrawInvitation(id: id, now: now) else { throw AdministrationError.unknownInvitation }
        try node.audit.append(actor: actor.name, action: .invitationWithdrawn, subject: withdrawn.structureName, address: actor.address, now: now)
        return withdrawn
    }

    /// Revokes every unrevoked key of a structure: its certificate is refused at once and
    /// records it signs after this point are rejected everywhere (federation.md, "Revocation").
    public func revoke(structure: String, reason rawReason: String, by actor: AdministrativeActor, now: Date = Date()) throws -> [Envelope] {
        try requireHub()
        let reason = rawReason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard reason.count <= 500 else { throw AdministrationError.invalid(field: "raison", problem: "Raison : 500 caractères au plus.") }
        let entries = try node.members.entries().filter { $0.structure == structure }
        guard !entries.isEmpty else { throw AdministrationError.unknownMember(structure) }
        let active = entries.filter { $0.revokedAt == nil }
        guard !active.isEmpty else { throw AdministrationError.alreadyRevoked(entries[0].name) }
        let lastSeq = try node.store.head(origin: structure)?.seq ?? 0
        var envelopes: [Envelope] = []
        for entry in active {
            let revocation = Revocation(
                structure: structure,
                signingKeyID: entry.keyID,
                certificateFingerprint: entry.certificateFingerprint,
                revokedAt: Timestamp(now),
                lastValidSeq: lastSeq,
                reason: reason
            )
            envelopes.append(try node.store.append(revocation, as: node.author, now: now))
        }
        try node.audit.append(actor: actor.name, action: .structureRevoked, subject: entries[0].name, address: actor.address, now: now)
        return envelopes
    }

    func requireHub() throws {
        guard try node.role() == .hub else { throw AdministrationError.notHub }
    }
}

extension NetworkAdministration.IssuedInvitation {
    /// The code and plain French installation steps, for the person who installs the node; nil
    /// without an address. `hubURL`: the address the node reaches the hub's sync port at.
    public func message(hubURL: String) -> AccountMessage? {
        guard let email else { return nil }
        let enroll = "vmvp enroll --data /var/lib/vmvp --hub \(hubURL) --code '\(code.description)'"
        let check =
            "Le nœud vérifie d'abord qu'il parle bien au hub de la MDA (empreinte de l'autorité de certification commençant par \(code.caFingerprint.prefix(16))) ; s'il refuse, arrêtez-vous et appelez la MDA."
        let steps: String
        if renewing != nil {
            steps = """
                1. Sur le serveur du nœud, lancez :
                   \(enroll)
                   \(check)
                2. Redémarrez le service (sudo systemctl restart vmvp-node). Le nœud garde ses enregistrements et sa clé de signature ; seul son certificat de connexion change.
                """
        } else {
            steps = """
                1. Installez le logiciel vmvp sur le serveur de la structure (voir le guide d'exploitation que la MDA vous a remis).
                2. Créez le nœud de la structure :
                   vmvp init --data /var/lib/vmvp --name "\(structureName)" --sector \(sector?.rawValue ?? "SECTEUR") --commune COMMUNE
                3. Inscrivez-le dans le réseau avec le code d'invitation :
                   \(enroll)
                   \(check)
                4. Créez le premier compte administrateur du site de la structure :
                   vmvp user add --data /var/lib/vmvp --email ADRESSE --name "PRÉNOM NOM" --role admin
                5. Lancez le service : sudo systemctl enable --now vmvp-node
                """
        }
        let what = renewing == nil ? "rejoindre le réseau Vis ma vie pro" : "renouveler le certificat de connexion de son nœud"
        return AccountMessage(
            recipient: email,
            subject: renewing == nil
                ? "Vis ma vie pro : installer le nœud de \(structureName)" : "Vis ma vie pro : renouveler le certificat de \(structureName)",
            body: """
                Bonjour,

                La Maison des Adolescents (MDA) de l'Hérault invite \(structureName) à \(what). Vous recevez ce message parce que vous installez le serveur de la structure (son « nœud »).

                Code d'invitation, valable une seule fois jusqu'au \(French.dateTime(Timestamp(expires))) (heure de Paris) :
                \(code.description)

                Ne le transmettez à personne d'autre : il suffit pour rejoindre le réseau. S'il expire, demandez-en un nouveau à la MDA.

                \(steps)

                Si vous ne vous attendiez pas à ce message, ignorez-le et prévenez la MDA.

                \(AccountMessage.signature)
                """
        )
    }
}
