import Foundation
import Records

#if canImport(Glibc)
import Glibc
#endif

/// The on-disk layout of a node's data directory:
///
///     DIR/node.sqlite           the record log and current state
///     DIR/keys/signing.key      Ed25519 seed (Base64), mode 0600
///     DIR/keys/encryption.key   X25519 private key (Base64), mode 0600
///
/// The directory and `keys/` are created 0700: only the service account reads them.
public struct NodeDirectory: Sendable {
    public let url: URL

    public init(path: String) {
        url = URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
    }

    public var path: String { url.path }
    public var databasePath: String { url.appendingPathComponent("node.sqlite").path }
    public var keysDirectory: URL { url.appendingPathComponent("keys", isDirectory: true) }
    public var signingKeyPath: String { keysDirectory.appendingPathComponent("signing.key").path }
    public var encryptionKeyPath: String { keysDirectory.appendingPathComponent("encryption.key").path }

    public var exists: Bool { FileManager.default.fileExists(atPath: databasePath) }

    /// Creates a new node: directory, keys, database and the structure's signed profile.
    public static func create(
        at path: String,
        profile: (_ signingKey: String, _ encryptionKey: String) -> StructureProfile,
        role: NodeRole = .node,
        now: Date = Date()
    ) throws -> OpenNode {
        let directory = NodeDirectory(path: path)
        guard !directory.exists else { throw StoreError.alreadyInitialized(directory.path) }
        try SecureFiles.makeDirectory(directory.url)
        try SecureFiles.makeDirectory(directory.keysDirectory)
        let signing = SigningIdentity()
        let encryption = EncryptionIdentity()
        let body = profile(Base64.encode(signing.publicKey), Base64.encode(encryption.publicKey))
        // Validate before touching anything else on disk.
        let validated: StructureProfile
        do { validated = try StructureProfile.validated(body.json) } catch { throw StoreError.invalidRecord(error) }
        try SecureFiles.writeSecret(Base64.encode(signing.seed), to: directory.signingKeyPath)
        try SecureFiles.writeSecret(Base64.encode(encryption.rawRepresentation), to: directory.encryptionKeyPath)
        // Accounts and sessions live here too: the database is as private as the keys.
        try SecureFiles.createPrivateFile(directory.databasePath)
        let database = try NodeDatabase(path: directory.databasePath, pageSize: role == .hub ? 4_096 : NodeDatabase.nodePageSize)
        let settings = NodeSettings(database: database)
        let structureID = RecordID.make(at: now)
        try settings.set(.structureID, structureID)
        try settings.set(.role, role.rawValue)
        try settings.set(.signingKey, Base64.encode(signing.publicKey))
        try settings.set(.epoch, RecordID.make(at: now))
        if role == .hub {
            try settings.set(.hubStructureID, structureID)
            try settings.set(.hubSigningKey, Base64.encode(signing.publicKey))
        }
        let node = OpenNode(
            directory: directory,
            database: database,
            author: Author(structureID: structureID, identity: signing),
            encryption: encryption
        )
        try node.store.append(validated, as: node.author, now: now)
        return node
    }

    /// Replaces the database with a backup (the node must be stopped). A new epoch tells
    /// nodes of a restored hub to read its feed again; a restored node may not write until
    /// it has pulled its own records back from the hub, so it never forks its own chain.
    public func restoreDatabase(from backupPath: String) throws -> OpenNode {
        try ServeLock.ensureNotServing(self)
        try NodeDatabase.restore(from: backupPath, to: databasePath)
        let node = try open()
        try node.settings.set(.epoch, RecordID.make())
        if try node.role() != .hub { try node.settings.set(.recoveryPending, "1") }
        return node
    }

    /// Opens an existing node.
    public func open() throws -> OpenNode {
        guard exists else { throw StoreError.notInitialized(path) }
        let database = try NodeDatabase(path: databasePath)
        guard let structureID = try NodeSettings(database: database)[.structureID] else { throw StoreError.notInitialized(path) }
        let signing = try SigningIdentity(seed: SecureFiles.readSecret(signingKeyPath))
        let encryption = try EncryptionIdentity(rawRepresentation: SecureFiles.readSecret(encryptionKeyPath))
        return OpenNode(
            directory: self,
            database: database,
            author: Author(structureID: structureID, identity: signing),
            encryption: encryption
        )
    }
}
