import Foundation
import GRDB

#if canImport(Glibc)
import Glibc
#endif

/// A storage failure (SQLite or the file system) told to staff in French. SQLite's own text
/// is English and may quote the statement it ran; it never reaches a person, only this.
public enum StorageFailure: Error, Sendable, Equatable, CustomStringConvertible {
    case diskFull
    case readOnly
    case permissionDenied
    case busy
    case corrupt
    case cannotOpen
    case inputOutput
    case other(code: Int32)

    /// The failure behind `error`, or nil when it is not a storage failure.
    public init?(_ error: any Error) {
        if let failure = error as? StorageFailure {
            self = failure
        } else if let database = error as? DatabaseError {
            self = Self(sqlite: database.resultCode)
        } else if let posix = error as? POSIXError {
            guard let failure = Self(errno: posix.code.rawValue) else { return nil }
            self = failure
        } else if let cocoa = error as? CocoaError, let underlying = cocoa.userInfo[NSUnderlyingErrorKey] as? NSError,
            underlying.domain == NSPOSIXErrorDomain, let failure = Self(errno: Int32(underlying.code))
        {
            self = failure
        } else if let cocoa = error as? CocoaError, cocoa.code == .fileWriteOutOfSpace {
            self = .diskFull
        } else if let cocoa = error as? CocoaError, cocoa.code == .fileWriteVolumeReadOnly {
            self = .readOnly
        } else {
            return nil
        }
    }

    init(sqlite code: ResultCode) {
        switch code.primaryResultCode {
        case .SQLITE_FULL: self = .diskFull
        case .SQLITE_READONLY: self = .readOnly
        case .SQLITE_PERM, .SQLITE_AUTH: self = .permissionDenied
        case .SQLITE_BUSY, .SQLITE_LOCKED: self = .busy
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: self = .corrupt
        case .SQLITE_CANTOPEN: self = .cannotOpen
        case .SQLITE_IOERR: self = .inputOutput
        default: self = .other(code: code.primaryResultCode.rawValue)
        }
    }

    init?(errno code: Int32) {
        switch code {
        case ENOSPC, EDQUOT: self = .diskFull
        case EROFS: self = .readOnly
        case EACCES, EPERM: self = .permissionDenied
        case EIO: self = .inputOutput
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .diskFull:
            "disque plein : le nœud ne peut plus rien enregistrer. Libérer de la place sur le disque du dossier de données ; rien n'a été enregistré."
        case .readOnly:
            "dossier de données en lecture seule : le nœud ne peut rien enregistrer. Vérifier que le disque est monté en écriture ; rien n'a été enregistré."
        case .permissionDenied:
            "accès refusé au dossier de données : le service n'a pas le droit d'y écrire. Vérifier le propriétaire et les droits du dossier ; rien n'a été enregistré."
        case .busy:
            "la base de données est occupée par un autre programme depuis trop longtemps. Réessayer dans un instant ; rien n'a été enregistré."
        case .corrupt:
            "la base de données est endommagée. Arrêter le nœud et restaurer la dernière sauvegarde (« vmvp restore »)."
        case .cannotOpen:
            "la base de données ne s'ouvre pas (fichier absent, dossier inaccessible ou disque démonté)."
        case .inputOutput:
            "erreur de lecture ou d'écriture sur le disque. Vérifier l'état du disque ; rien n'a été enregistré."
        case .other(let code):
            "erreur de la base de données (code SQLite \(code)) ; rien n'a été enregistré."
        }
    }

    /// SQLite reports some full or read-only disks only as an I/O error or a file it cannot
    /// open (creating the shared-memory file, for one): ask the file system which it is.
    public func refined(at path: String) -> StorageFailure {
        guard self == .inputOutput || self == .cannotOpen else { return self }
        var stats = statvfs()
        guard statvfs(path, &stats) == 0 else { return self }
        if stats.f_flag & UInt(ST_RDONLY) != 0 { return .readOnly }
        if stats.f_bavail == 0 { return .diskFull }
        return self
    }

    /// The failure in a few words: "disque plein".
    public var label: String {
        switch self {
        case .diskFull: "disque plein"
        case .readOnly: "dossier de données en lecture seule"
        case .permissionDenied: "accès refusé au dossier de données"
        case .busy: "base de données occupée"
        case .corrupt: "base de données endommagée"
        case .cannotOpen: "base de données impossible à ouvrir"
        case .inputOutput: "erreur de lecture ou d'écriture sur le disque"
        case .other(let code): "erreur de la base de données (code SQLite \(code))"
        }
    }

    /// One sentence for staff: "Stockage : disque plein : …".
    public var sentence: String { "Stockage : \(description)" }
}
