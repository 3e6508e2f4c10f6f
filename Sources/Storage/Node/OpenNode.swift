import Foundation
import Records

/// An opened node: its own keys, and the stores over its database, one per responsibility.
public struct OpenNode: Sendable {
    public let directory: NodeDirectory
    public let database: NodeDatabase
    public let author: Author
    public let encryption: EncryptionIdentity

    public init(directory: NodeDirectory, database: NodeDatabase, author: Author, encryption: EncryptionIdentity) {
        self.directory = directory
        self.database = database
        self.author = author
        self.encryption = encryption
    }

    public var structureID: String { author.structureID }

    /// The signed record log and the current state derived from it.
    public var store: RecordStore { RecordStore(database: database) }
    /// The site's accounts and sessions (never synced).
    public var accounts: AccountStore { AccountStore(database: database) }
    /// Single-use activation and password-reset links of the site's accounts (never synced).
    public var accountLinks: AccountLinks { AccountLinks(database: database) }
    /// The network's members, from the hub-signed member records.
    public var members: MemberDirectory { MemberDirectory(database: database) }
    /// The hub's invitations, push batches and contacts (empty on a partner node).
    public var hub: HubStore { HubStore(database: database) }
    public var notifications: NotificationLog { NotificationLog(database: database) }
    /// One-time form tokens of the site (never synced).
    public var submissions: FormSubmissions { FormSubmissions(database: database) }
    public var settings: NodeSettings { NodeSettings(database: database) }
    /// Administrative acts on this node (never synced).
    public var audit: AuditLog { AuditLog(database: database) }

    public func role() throws -> NodeRole { try settings[.role].flatMap(NodeRole.init) ?? .node }

    public func profile() throws -> StructureProfile? {
        try store.currentRecords(type: .structureProfile, origin: structureID).first?.decode(StructureProfile.self)
    }
}
