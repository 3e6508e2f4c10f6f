import Foundation
import Records
import Storage

/// The right to erasure (RGPD article 17) on the node that holds the person's account, or on
/// any node that holds their immersions: what is erased, what is kept and why, then the erasure.
///
/// Erased: the immersions the person made as a visitor (every step this node wrote, and the other
/// structure is asked to erase its own), the demands they wrote, the offers they are the contact
/// of, their account and local traces. Kept: immersions where the person signed for a structure
/// (as employer or host), which are that structure's acts and follow the retention policy.
/// What the MDA counts with (dates, structures, kinds of step) survives as disclosed metadata.
public struct PersonErasure: Sendable {
    public let email: String
    public let name: String?
    /// Immersions erased (the person was the visitor), by id.
    public let immersions: [String]
    /// Immersions kept: the person signed there for a structure.
    public let kept: Int
    public let demands: Int
    public let offers: Int
    public let hasAccount: Bool
    /// Our own envelopes whose bodies will be erased.
    public let envelopeIDs: [String]

    /// `name`: for a person without an account, how the node's demands name them.
    public init(node: OpenNode, email: String, name: String? = nil) throws {
        let person = try PersonalData(node: node, email: email, name: name)
        self.email = person.email
        self.name = person.name
        let erased = person.immersions.filter { $0.roles.contains("visitor") }.map(\.immersion.id)
        immersions = erased
        kept = person.immersions.count - erased.count
        demands = person.demands.count
        offers = person.offers.count
        hasAccount = person.account != nil
        let records = person.demands.map(\.record.record) + person.offers.map(\.record.record)
        envelopeIDs =
            try node.store.ownEnvelopeIDs(inThreads: Set(erased), origin: node.structureID)
            + node.store.ownEnvelopeIDs(ofRecords: records, origin: node.structureID)
    }

    public var isEmpty: Bool { envelopeIDs.isEmpty && immersions.isEmpty && !hasAccount }

    /// What will be (or was) done, in French, one line each.
    public func summary(done: Bool) -> [String] {
        func some(_ n: Int, _ noun: String, _ none: String) -> String { n == 0 ? none : French.count(n, noun) }
        let fate = done ? "effacée" : "à effacer"
        var lines: [String] = []
        lines.append(
            immersions.isEmpty
                ? "Immersions faites comme visiteur ou visiteuse : aucune."
                : "Immersions faites comme visiteur ou visiteuse : \(French.count(immersions.count, "immersion")) \(fate)\(French.s(immersions.count)) ; l'autre structure de chacune efface aussi sa part."
        )
        lines.append("Demandes de découverte écrites par la personne : \(some(demands, "demande", "aucune")).")
        lines.append(
            "Offres dont la personne est le contact : \(some(offers, "offre", "aucune"))\(offers > 0 ? " (elles sont retirées du catalogue)" : "")."
        )
        lines.append(
            hasAccount ? "Compte : \(done ? "supprimé" : "à supprimer"), avec ses sessions et ses notifications." : "Compte : aucun sur ce site."
        )
        if kept > 0 {
            lines.append(
                "Gardées : \(French.count(kept, "immersion")) où la personne a signé au nom d'une structure (employeur ou accueil) ; elles suivent la durée de conservation."
            )
        }
        return lines
    }

    /// Erases: redactions for our envelopes (synced to the hub and the other structures at the
    /// next sync), then the account and local traces, then the freed bytes. Idempotent: a second
    /// run finds nothing left.
    public func erase(node: OpenNode, actor: String, address: String? = nil, now: Date = Date()) throws {
        if !envelopeIDs.isEmpty {
            try node.store.redact(envelopeIDs, reason: .erasure, threads: immersions, as: node.author, now: now)
        }
        try node.accounts.eraseTraces(email: email, name: name)
        try node.audit.append(
            actor: actor,
            action: .personErased,
            subject: "\(French.count(immersions.count, "immersion")), \(French.count(demands, "demande")), \(French.count(offers, "offre"))",
            address: address,
            now: now
        )
        try node.store.eraseFreedBytes()
    }
}
