import Foundation
import Records
import Storage

/// The legal information a node's site publishes: its own `legal_notice`, completed field by
/// field by the hub's (the network's defaults), else the texts shipped with the software.
/// The node's admins edit its own; the hub's admins edit the network's.
public struct LegalDesk: Sendable {
    public let node: OpenNode

    public init(node: OpenNode) { self.node = node }

    /// This node's own notice (on the hub, the network's defaults) and its record id.
    public func own() throws -> (record: String, notice: LegalNotice)? {
        try latest(origin: node.structureID)
    }

    /// The hub's notice, which completes every structure's; nil on the hub itself.
    public func network() throws -> LegalNotice? {
        guard try node.role() != .hub, let hub = try node.settings[.hubStructureID] else { return nil }
        return try latest(origin: hub)?.notice
    }

    /// What the site shows: its own texts, else the network's.
    public func inForce() throws -> LegalNotice {
        (try own()?.notice ?? LegalNotice()).completed(by: try network())
    }

    /// Signs a new version of this node's notice; an unchanged notice signs nothing (false).
    /// Bad input throws the record's `ValidationError`, naming each field, and stores nothing.
    @discardableResult
    public func publish(_ draft: LegalNotice, by actor: AdministrativeActor, now: Date = Date()) throws -> Bool {
        let notice = try LegalNotice.validated(draft.json)
        let current = try own()
        if current?.notice == notice { return false }
        try node.store.append(notice, record: current?.record, as: node.author, now: now)
        try node.audit.append(actor: actor.name, action: .legalNoticeEdited, subject: "Informations légales", address: actor.address, now: now)
        return true
    }

    func latest(origin: String) throws -> (record: String, notice: LegalNotice)? {
        try node.store.currentRecords(type: LegalNotice.recordType, origin: origin)
            .max { $0.created < $1.created }
            .flatMap { stored in (try? stored.decode(LegalNotice.self)).map { (stored.record, $0) } }
    }
}
