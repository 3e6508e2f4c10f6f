import ArgumentParser
import Foundation
import Records
import Site
import Storage

struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Comptes du site de ce nœud (ils restent sur le nœud, jamais envoyés au hub).",
        subcommands: [Add.self, List.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Crée un compte ; un mot de passe provisoire est affiché une seule fois.",
            discussion:
                "Rôles : admin (administrateur du nœud, ou personnel de la MDA sur le hub), referent (personne ressource : publie les offres), professionnel (consulte, écrit des demandes)."
        )
        @OptionGroup var data: DataOptions
        @Option(help: "Adresse électronique professionnelle (identifiant de connexion).") var email: String
        @Option(help: "Nom et prénom.") var name: String
        @Option(help: "Rôle : admin, referent ou professionnel.") var role: String
        @Flag(name: .customLong("password-stdin"), help: "Lit le mot de passe sur l'entrée standard au lieu d'en créer un.") var passwordStdin = false

        func run() throws {
            let node = try data.openNode()
            guard let role = Role(rawValue: role) else { throw StaffMessage("Rôle « \(self.role) » inconnu : admin, referent ou professionnel.") }
            guard Formats.isEmail(email) else { throw StaffMessage("Adresse électronique invalide : « \(email) ».") }
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw StaffMessage("Le nom ne doit pas être vide.") }
            guard try node.accounts.account(email: email) == nil else { throw StaffMessage("Un compte existe déjà pour \(email).") }
            let password: String
            if passwordStdin {
                password = (readLine(strippingNewline: true) ?? "")
                guard password.count >= 12 else { throw StaffMessage("Mot de passe trop court : 12 caractères au moins.") }
            } else {
                password = Authenticator.temporaryPassword()
            }
            _ = try node.accounts.add(
                email: email,
                name: name,
                role: role,
                passwordHash: Authenticator.hashPassword(password, cost: SiteConfiguration().bcryptCost)
            )
            Output.line("Compte créé : \(name) <\(email)>, \(role.label).")
            if !passwordStdin { Output.line("Mot de passe provisoire (affiché une seule fois) : \(password)") }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Liste les comptes du site de ce nœud.")
        @OptionGroup var data: DataOptions

        func run() throws {
            let accounts = try data.openNode().accounts.all()
            if accounts.isEmpty {
                Output.line("Aucun compte. Créer le premier : vmvp user add --email … --name … --role admin")
                return
            }
            for account in accounts { Output.line("- \(account.name) <\(account.email)> — \(account.role.label)") }
        }
    }
}
