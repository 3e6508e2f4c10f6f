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
    static func line(_ text: String = "") {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
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
