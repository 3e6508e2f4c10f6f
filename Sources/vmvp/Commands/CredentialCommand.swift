import ArgumentParser
import Exchange
import Foundation
import Records
import Storage
import Workflow

struct CredentialCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credential",
        abstract: "Attestations numériques (fichiers .jwt) : vérifier une attestation, publier les clés de l'annuaire.",
        subcommands: [Verify.self, Keys.self]
    )

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Vérifie une attestation numérique avec l'annuaire des membres de ce nœud et dit ce qu'elle atteste.",
            discussion:
                "Vérifie la signature, que la clé appartient bien à la structure qui délivre l'attestation et qu'elle n'était pas révoquée à sa délivrance. Code de sortie 0 si l'attestation est authentique, 1 sinon, avec la raison."
        )
        @OptionGroup var data: DataOptions
        @Option(help: "Fichier de l'attestation (.jwt).") var file: String

        func run() throws {
            let node = try data.openNode()
            guard let bytes = FileManager.default.contents(atPath: file) else {
                throw StaffMessage("Impossible de lire le fichier « \(file) » : vérifier le chemin.")
            }
            let verified: CredentialCheck.Verified
            do {
                verified = try Credentials(node: node).verify(String(decoding: bytes.prefix(CredentialCheck.maxBytes + 1), as: UTF8.self))
            } catch let refusal as CredentialRefusal {
                throw StaffMessage("Attestation refusée : \(refusal.reason)", exitCode: 1)
            }
            let names = try node.structureNames()
            Output.line(verified.headline(names: names))
            for fact in verified.facts(names: names) { Output.line("  \(fact.label) : \(fact.value)") }
        }
    }

    struct Keys: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Écrit les clés de signature de l'annuaire des membres en JSON Web Key Set (JWKS), pour vérifier une attestation avec une bibliothèque JOSE."
        )
        @OptionGroup var data: DataOptions

        func run() throws {
            let node = try data.openNode()
            Output.line(try CanonicalJSON.encodeString(CredentialCheck.keySet(node.members.signingKeys())))
        }
    }
}
