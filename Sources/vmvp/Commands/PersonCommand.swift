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
        subcommands: [Export.self, Erase.self]
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
                Output.write(bytes)
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

    struct Erase: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Efface les données d'une personne sur ce nœud et, à la synchronisation suivante, sur le hub et chez l'autre structure de ses immersions (droit à l'effacement, RGPD).",
            discussion: """
                Efface les immersions que la personne a faites comme visiteur ou visiteuse, ses demandes, \
                les offres dont elle est le contact, son compte et ses traces. Les immersions où elle a signé \
                au nom d'une structure sont gardées. Les chiffres du pilotage de la Maison des Adolescents \
                restent inchangés. Sans --yes, la commande dit seulement ce qu'elle effacerait.
                """
        )
        @OptionGroup var data: DataOptions
        @Option(help: "Adresse électronique de la personne.") var email: String
        @Option(help: "Nom et prénom, pour une personne sans compte sur ce nœud (ses demandes de découverte la nomment ainsi).")
        var name: String?
        @Flag(help: "Confirme l'effacement (sans cette option, rien n'est modifié).") var yes = false

        func run() throws {
            guard Formats.isEmail(email) else { throw StaffMessage("Adresse électronique invalide : « \(email) ».") }
            let node = try data.openNode()
            let erasure = try PersonErasure(node: node, email: email, name: name)
            guard !erasure.isEmpty else {
                Output.line("Ce nœud ne garde rien au sujet de \(erasure.email) : rien à effacer.")
                return
            }
            if !yes { Output.line("Rien n'est modifié : relancer avec --yes pour effacer.") }
            for line in erasure.summary(done: yes) { Output.line(line) }
            guard yes else { return }
            try erasure.erase(node: node, actor: "ligne de commande")
            Output.line("Effacement enregistré ; il atteindra le hub et les autres structures à la prochaine synchronisation.")
        }
    }
}
