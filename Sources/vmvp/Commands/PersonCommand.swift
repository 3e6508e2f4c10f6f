import ArgumentParser
import Foundation
import Records
import Storage
import Workflow

/// A person's rights, for the node's admin who receives a request by other means than the site.
struct PersonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "person",
        abstract: "Données personnelles d'une personne (droit d'accès et de portabilité, RGPD).",
        subcommands: [Export.self]
    )

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Écrit tout ce que ce nœud garde au sujet d'une personne, en JSON (protocol/personal-data.md).",
            discussion: "Le même fichier que la personne télécharge depuis « Mon compte » → « Mes données »."
        )
        @OptionGroup var data: DataOptions
        @Option(help: "Adresse électronique de la personne.") var email: String
        @Option(help: "Fichier à écrire (0600) ; sans cette option, la sortie standard.") var output: String?

        func run() throws {
            guard Formats.isEmail(email) else { throw StaffMessage("Adresse électronique invalide : « \(email) ».") }
            let node = try data.openNode()
            let person = try PersonalData(node: node, email: email)
            let bytes = try CanonicalJSON.encode(try person.json(node: node)) + Array("\n".utf8)
            guard let output else {
                FileHandle.standardOutput.write(Data(bytes))
                return
            }
            // Personal data: a new file only its owner reads, never one overwritten.
            try SecureFiles.createPrivateFile(output)
            guard let handle = FileHandle(forWritingAtPath: output) else { throw StaffMessage("Impossible d'écrire \(output).") }
            defer { try? handle.close() }
            try handle.write(contentsOf: Data(bytes))
            let count = person.immersions.count
            Output.line(
                "Données de \(person.email) écrites dans \(output) : \(French.count(count, "immersion")), \(French.count(person.demands.count, "demande")), compte \(person.account == nil ? "absent" : "présent")."
            )
        }
    }
}
