import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Whether a node's data directory takes writes now, checked by writing, and how much room
/// is left. `vmvp status` and the status page use it: when the disk is full or read-only the
/// node cannot even record why its synchronisations fail, so the reason is found afresh.
public struct StorageHealth: Sendable, Equatable {
    /// Nil when a test write succeeded.
    public let failure: StorageFailure?
    /// Bytes available to the service account, if the file system says.
    public let freeBytes: UInt64?

    public static func check(_ directory: NodeDirectory) -> StorageHealth {
        StorageHealth(failure: probe(directory), freeBytes: freeBytes(directory.path))
    }

    /// "écriture possible, 12,4 Go libres" or the failure.
    public var summary: String {
        let room = freeBytes.map { ", \(Self.french(bytes: $0)) libres" } ?? ""
        guard let failure else { return "écriture possible\(room)" }
        return "\(failure.label), écriture impossible\(room)"
    }

    static func french(bytes: UInt64) -> String {
        let units: [(Double, String)] = [(1_073_741_824, "Go"), (1_048_576, "Mo"), (1024, "ko")]
        for (size, unit) in units where Double(bytes) >= size {
            let value = Double(bytes) / size
            let text = value >= 100 ? String(Int(value.rounded())) : String(format: "%.1f", value).replacingOccurrences(of: ".", with: ",")
            return "\(text) \(unit)"
        }
        return "\(bytes) octets"
    }

    /// Writes, syncs and removes a small file beside the database.
    static func probe(_ directory: NodeDirectory) -> StorageFailure? {
        let path = directory.url.appendingPathComponent(".write-check").path
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return StorageFailure(errno: errno) ?? .cannotOpen }
        defer {
            close(fd)
            unlink(path)
        }
        let block = [UInt8](repeating: 0, count: 4096)
        let written = block.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        if written != block.count { return written < 0 ? StorageFailure(errno: errno) ?? .inputOutput : .diskFull }
        if fsync(fd) != 0 { return StorageFailure(errno: errno) ?? .inputOutput }
        return nil
    }

    static func freeBytes(_ path: String) -> UInt64? {
        var stats = statvfs()
        guard statvfs(path, &stats) == 0 else { return nil }
        return UInt64(stats.f_bavail) * UInt64(stats.f_frsize)
    }
}
