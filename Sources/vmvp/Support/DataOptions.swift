import ArgumentParser
import Foundation
import Storage

/// `--data DIR`, defaulting to `$VMVP_DATA`, then `./vmvp-data`.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Dossier de données du nœud (défaut : $VMVP_DATA, sinon ./vmvp-data).", valueName: "DIR"))
    var data: String?

    var path: String {
        data ?? ProcessInfo.processInfo.environment["VMVP_DATA"].flatMap { $0.isEmpty ? nil : $0 } ?? "./vmvp-data"
    }

    func openNode() throws -> OpenNode {
        try NodeDirectory(path: path).open()
    }
}

enum Output {
    /// Unbuffered, so that lines reach a pipe or the journal as soon as they are written.
    static func line(_ text: String = "") { write(Array((text + "\n").utf8)) }

    static func error(_ text: String) { write(Array((text + "\n").utf8), to: STDERR_FILENO) }

    /// Writes every byte, or stops the command: quietly with SIGPIPE's status when the reader went
    /// away (`vmvp status | head -1`, as coreutils do; vmvp ignores the signal itself, see
    /// `VMVP.main`), with a French sentence when the output cannot be written (disk full…).
    static func write(_ bytes: [UInt8], to descriptor: Int32 = STDOUT_FILENO) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written >= 0 {
                offset += written
                continue
            }
            switch errno {
            case EINTR, EAGAIN: continue
            case EPIPE: Foundation.exit(128 + SIGPIPE)
            default:
                if descriptor != STDERR_FILENO {
                    error("Erreur : impossible d'écrire la sortie de la commande (\(String(cString: strerror(errno)))).")
                }
                Foundation.exit(1)
            }
        }
    }
}

/// Reads a JSON file given by staff, turning I/O failures into a French sentence.
func readInputFile(_ path: String) throws -> [UInt8] {
    if path == "-" { return Array(FileHandle.standardInput.readDataToEndOfFile()) }
    guard let data = FileManager.default.contents(atPath: path) else {
        throw StaffMessage("Impossible de lire le fichier « \(path) » : vérifier le chemin.")
    }
    guard data.count <= 1_000_000 else { throw StaffMessage("Le fichier « \(path) » est trop gros (1 Mo au plus).") }
    return Array(data)
}
