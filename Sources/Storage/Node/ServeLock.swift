import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Held by `vmvp serve` for as long as it runs (`DIR/serve.lock`, an advisory `flock`): a
/// restore, or a second server, on the same directory is refused instead of writing under a
/// running process. The kernel releases it when the process ends, even after `kill -9`.
public final class ServeLock: Sendable {
    private let descriptor: Int32

    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case held(String)
        case storage(StorageFailure)

        public var description: String {
            switch self {
            case .held(let path):
                "Le nœud de « \(path) » est en service (« vmvp serve » tourne sur ce dossier). L'arrêter d'abord (« systemctl stop vmvp-node », ou vmvp-hub au hub), puis recommencer."
            case .storage(let failure): "Stockage : \(failure.description)"
            }
        }
    }

    static func path(in directory: NodeDirectory) -> String { directory.url.appendingPathComponent("serve.lock").path }

    private init(descriptor: Int32) { self.descriptor = descriptor }

    /// Takes the lock, or says who holds it.
    public static func acquire(_ directory: NodeDirectory) throws(Failure) -> ServeLock {
        let fd = open(path(in: directory), O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .storage(StorageFailure(errno: errno) ?? .cannotOpen) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw .held(directory.path)
        }
        return ServeLock(descriptor: fd)
    }

    /// Throws when a server holds the directory; takes and releases the lock otherwise.
    public static func ensureNotServing(_ directory: NodeDirectory) throws(Failure) {
        _ = try acquire(directory)
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
