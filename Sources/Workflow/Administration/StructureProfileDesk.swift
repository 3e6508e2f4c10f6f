import Foundation
import Records
import Storage

/// A structure's admin keeps its directory card up to date. Each save signs a new version of
/// the same profile record (so every node replaces the old card) and keeps the structure's
/// public keys as they are: the card describes the structure, it does not change who signs.
public struct StructureProfileDesk: Sendable {
    public let node: OpenNode

    public init(node: OpenNode) { self.node = node }

    /// What a person edits: everything but the keys.
    public struct Draft: Sendable, Equatable {
        public var name: String
        public var article: StructureProfile.Article
        public var sector: Sector?
        public var subType: String
        public var establishments: [StructureProfile.Establishment]
        public var resourcePerson: Contact?
        public var description: String

        public init(
            name: String,
            article: StructureProfile.Article,
            sector: Sector?,
            subType: String,
            establishments: [StructureProfile.Establishment],
            resourcePerson: Contact?,
            description: String
        ) {
            self.name = name
            self.article = article
            self.sector = sector
            self.subType = subType
            self.establishments = establishments
            self.resourcePerson = resourcePerson
            self.description = description
        }

        public init(_ profile: StructureProfile) {
            self.init(
                name: profile.name,
                article: profile.article,
                sector: profile.sector,
                subType: profile.subType,
                establishments: profile.establishments,
                resourcePerson: profile.resourcePerson,
                description: profile.description
            )
        }
    }

    /// The card as the directory shows it now, with its record id and number of versions.
    public func current() throws -> (record: String, profile: StructureProfile, versions: Int)? {
        guard let stored = try node.store.currentRecords(type: .structureProfile, origin: node.structureID).first else { return nil }
        return (stored.record, try stored.decode(StructureProfile.self), try node.store.versions(of: stored.record).count)
    }

    /// Signs the edited card as a new version; an unchanged card signs nothing (returns false).
    /// Bad input throws the record's `ValidationError`, naming each field, and stores nothing.
    @discardableResult
    public func save(_ draft: Draft, by actor: AdministrativeActor, now: Date = Date()) throws -> Bool {
        guard let (record, profile, _) = try current() else { throw AdministrationError.noProfile }
        var json = StructureProfile(
            name: draft.name,
            article: draft.article,
            sector: draft.sector ?? profile.sector,
            subType: draft.subType,
            establishments: draft.establishments,
            resourcePerson: draft.resourcePerson,
            description: draft.description,
            signingKey: profile.signingKey,
            encryptionKey: profile.encryptionKey
        ).json
        if draft.sector == nil, case .object(var o) = json {
            o["sector"] = .string("")
            json = .object(o)
        }
        let edited = try StructureProfile.validated(json)
        guard edited != profile else { return false }
        try node.store.append(edited, record: record, as: node.author, now: now)
        try node.audit.append(actor: actor.name, action: .profileEdited, subject: edited.name, address: actor.address, now: now)
        return true
    }
}
