import ArgumentParser
import Foundation
import Records
import Site
import Storage
import Workflow

struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Comptes du site de ce nœud (ils restent sur le nœud, jamais envoyés au hub).",
        discussion:
            "Le premier administrateur se crée ici ; ensuite, les administrateurs invitent les autres personnes depuis la page « Comptes » du site.",
        subcommands: [Add.self, List.self, ResetLink.self]
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
                if let problem = PasswordPolicy.problem(password) { throw StaffMessage("Mot de passe refusé : \(problem)") }
            } else {
                password = Authenticator.temporaryPassword()
            }
            let desk = AccountDesk(node: node, siteURL: "", bcryptCost: SiteConfiguration().bcryptCost)
            do {
                _ = try desk.create(email: email, name: name, role: role, password: password, by: .commandLine)
            } catch let refusal as Refusal {
                throw StaffMessage(refusal.message)
            }
            Output.line("Compte créé : \(name) <\(email)>, \(role.label).")
            if !passwordStdin {
                Output.line("Mot de passe provisoire (affiché une seule fois) : \(password)")
                Output.line("La personne le change ensuite sur la page « Mon compte » du site.")
            }
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
            for account in accounts {
                let status =
                    switch account.status {
                    case .active: ""
                    case .invited: " (invitation en attente)"
                    case .deactivated: " (désactivé)"
                    }
                Output.line("- \(account.name) <\(account.email)> — \(account.role.label)\(status)")
            }
        }
    }

    struct ResetLink: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-link",
            abstract: "Affiche un lien de réinitialisation du mot de passe d'un compte (valable une heure, une seule fois).",
            discussion:
                "Pour l'administrateur qui a perdu son propre mot de passe : sur le site, un autre administrateur peut aussi le faire, depuis la page « Comptes »."
        )
        @OptionGroup var data: DataOptions
        @Option(help: "Adresse électronique du compte.") var email: String
        @Option(name: .customLong("site-url"), help: "Adresse publique du site (défaut : $VMVP_SITE_URL, sinon http://127.0.0.1:8080).")
        var siteURL: String?

        func run() throws {
            let node = try data.openNode()
            guard let account = try node.accounts.account(email: email) else { throw StaffMessage("Aucun compte pour \(email) sur ce nœud.") }
            let url = siteURL ?? ProcessInfo.processInfo.environment["VMVP_SITE_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? "http://127.0.0.1:8080"
            let link: IssuedLink
            do { link = try AccountDesk(node: node, siteURL: url).resetLink(account.id, by: .commandLine) } catch let refusal as Refusal {
                throw StaffMessage(refusal.message)
            }
            Output.line(
                "Lien de réinitialisation pour \(account.name) <\(account.email)>, valable jusqu'au \(French.dateTimeWithZone(link.expires)) :"
            )
            Output.line(link.url)
            Output.line("À transmettre en main propre ou par un canal sûr : il permet de choisir le mot de passe de ce compte.")
        }
    }
}
