import Foundation
import Records

#if canImport(Glibc)
import Glibc
#endif

/// Files only the service account may read: directories 0700, secrets and the database 0600.
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
