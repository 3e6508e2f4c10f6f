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

    public static let metaStructureID = "structure_id"
    public static let metaRole = "role"
    public static let metaSigningKey = "signing_public_key"
    public static let metaEpoch = "epoch"
    public static let metaHubStructureID = "hub_structure_id"
    public static let metaHubSigningKey = "hub_signing_key"
    /// Set when the database was restored from a backup: no new record may be written
    /// until our own records have been pulled back from the hub (no fork of our own chain).
    public static let metaRecoveryPending = "recovery_pending"

    /// Creates a new node: directory, keys, database and the structure's signed profile.
    public static func create(
        at path: String,
        profile: (_ signingKey: String, _ encryptionKey: String) -> StructureProfile,
        role: String = "node",
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
        let store = try RecordStore(path: directory.databasePath)
        let structureID = RecordID.make(at: now)
        try store.setMeta(metaStructureID, structureID)
        try store.setMeta(metaRole, role)
        try store.setMeta(metaSigningKey, Base64.encode(signing.publicKey))
        try store.setMeta(metaEpoch, RecordID.make(at: now))
        if role == "hub" {
            try store.setMeta(metaHubStructureID, structureID)
            try store.setMeta(metaHubSigningKey, Base64.encode(signing.publicKey))
        }
        let node = OpenNode(
            directory: directory,
            store: store,
            author: Author(structureID: structureID, identity: signing),
            encryption: encryption
        )
        try store.append(validated, as: node.author, now: now)
        return node
    }

    /// Replaces the database with a backup (the node must be stopped). A new epoch tells
    /// nodes of a restored hub to read its feed again; a restored node may not write until
    /// it has pulled its own records back from the hub, so it never forks its own chain.
    public func restoreDatabase(from backupPath: String) throws -> OpenNode {
        try RecordStore.restore(from: backupPath, to: databasePath)
        let node = try open()
        try node.store.setMeta(Self.metaEpoch, RecordID.make())
        if try node.role() != "hub" { try node.store.setMeta(Self.metaRecoveryPending, "1") }
        return node
    }

    /// Opens an existing node.
    public func open() throws -> OpenNode {
        guard exists else { throw StoreError.notInitialized(path) }
        let store = try RecordStore(path: databasePath)
        guard let structureID = try store.meta(Self.metaStructureID) else { throw StoreError.notInitialized(path) }
        let signing = try SigningIdentity(seed: SecureFiles.readSecret(signingKeyPath))
        let encryption = try EncryptionIdentity(rawRepresentation: SecureFiles.readSecret(encryptionKeyPath))
        return OpenNode(
            directory: self,
            store: store,
            author: Author(structureID: structureID, identity: signing),
            encryption: encryption
        )
    }
}

/// An opened node: its store and its own keys.
public struct OpenNode: Sendable {
    public let directory: NodeDirectory
    public let store: RecordStore
    public let author: Author
    public let encryption: EncryptionIdentity

    public var structureID: String { author.structureID }

    public func role() throws -> String { try store.meta(NodeDirectory.metaRole) ?? "node" }

    public func profile() throws -> StructureProfile? {
        try store.currentRecords(type: .structureProfile, origin: structureID).first?.decode(StructureProfile.self)
    }
}

public enum SecureFiles {
    public struct FileError: Error, CustomStringConvertible {
        public let description: String
    }

    public static func makeDirectory(_ url: URL) throws {
        try FileManager.default.createDirectory(
            at: url,
            withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700]
        )
        // An existing directory keeps its mode: tighten it.
        guard chmod(url.path, 0o700) == 0 else { throw FileError(description: "Impossible de protéger le dossier \(url.path).") }
    }

    /// Writes a secret created with mode 0600 from the start (never readable by others, even briefly).
    public static func writeSecret(_ text: String, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw FileError(description: "Impossible de créer le fichier de clé \(path) (il existe peut-être déjà).") }
        defer { close(fd) }
        let bytes = Array((text + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(fd) == 0 else { throw FileError(description: "Écriture incomplète de \(path).") }
    }

    /// Creates an empty file with mode 0600 (SQLite gives its -wal and -shm files the same mode);
    /// an existing file is never overwritten.
    public static func createPrivateFile(_ path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw FileError(description: "Impossible de créer \(path) (le fichier existe peut-être déjà).") }
        close(fd)
    }

    public static func readSecret(_ path: String) throws -> [UInt8] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
            let bytes = Base64.decode(text.trimmingCharacters(in: .whitespacesAndNewlines))
        else {
            throw FileError(description: "Clé illisible ou absente : \(path).")
        }
        return bytes
    }

    public static func mode(of path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_mode & 0o777)
    }
}
