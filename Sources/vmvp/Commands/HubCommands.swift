import ArgumentParser
import Federation
import Foundation
import Records
import Storage
import Workflow

extension HubService {
    /// The MDA's administrative acts, as the site does them (same records, same audit log).
    var administration: NetworkAdministration { NetworkAdministration(node: node, caFingerprint: caFingerprint) }
}

struct HubCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hub",
        abstract: "Administration du hub de la MDA : invitations, membres, révocations, certificat du serveur, règles du réseau.",
        subcommands: [Invite.self, Members.self, Revoke.self, ServerCertificate.self, Reciprocity.self, Retention.self, Template.self]
    )

    static func open(_ data: DataOptions) throws -> HubService {
        let node = try data.openNode()
        guard try node.role() == .hub else {
            throw StaffMessage("Ce dossier contient un nœud de structure, pas le hub (créé par « vmvp init --hub »).")
        }
        return try HubService(node: node)
    }

    struct Invite: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Crée un code d'invitation à usage unique pour inscrire une structure.")
        @OptionGroup var data: DataOptions
        @Option(help: "Nom de la structure invitée, tel qu'il apparaîtra dans l'annuaire.") var structure: String
        @Option(help: "Secteur de la structure (facultatif).") var sector: String?
        @Option(name: .customLong("valid-hours"), help: "Durée de validité du code, en heures.") var validHours: Int = 72
        @Option(help: "Renouvellement : identifiant d'une structure déjà inscrite, qui pourra s'inscrire à nouveau avec de nouvelles clés.")
        var renew: String?
        @Option(help: "Adresse électronique de la personne qui installera le nœud (facultatif, pour mémoire).") var email: String?

        func run() throws {
            let hub = try HubCommand.open(data)
            let sector = try sector.map { text in
                guard let s = Sector(rawValue: text) else { throw StaffMessage("Secteur « \(text) » inconnu.") }
                return s
            }
            let issued: NetworkAdministration.IssuedInvitation
            do {
                issued = try hub.administration.invite(
                    structureName: structure,
                    sector: sector,
                    email: email,
                    renewing: renew,
                    validityHours: validHours,
                    by: .commandLine
                )
            } catch let error as AdministrationError {
                throw StaffMessage(error.description)
            }
            Output.line("Code d'invitation pour « \(issued.structureName) » (valable \(validHours) h, une seule fois) :")
            Output.line(issued.code.description)
            Output.line("À transmettre par un canal sûr. Sur le nœud de la structure : vmvp enroll --hub https://ADRESSE:PORT --code CODE")
        }
    }

    struct Members: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Liste les structures inscrites.")
        @OptionGroup var data: DataOptions

        func run() throws {
            let hub = try HubCommand.open(data)
            let members = try hub.node.members.members()
            if members.isEmpty {
                Output.line("Aucune structure inscrite pour l'instant.")
                return
            }
            for member in members {
                let state = member.revokedAt.map { "révoquée le \($0)" } ?? "active"
                Output.line("- \(member.name) — \(member.structure) [\(state)] clé \(member.keyID)")
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Révoque une structure : son certificat est refusé aussitôt, ses nouvelles signatures rejetées partout."
        )
        @OptionGroup var data: DataOptions
        @Argument(help: "Identifiant de la structure (voir « vmvp hub members »).") var structure: String
        @Option(help: "Raison de la révocation.") var reason: String = ""

        func run() throws {
            let hub = try HubCommand.open(data)
            do {
                let envelopes = try hub.administration.revoke(structure: structure, reason: reason, by: .commandLine)
                Output.line(
                    "Structure \(structure) révoquée (\(French.count(envelopes.count, "clé"))). La révocation sera diffusée à tous les nœuds."
                )
            } catch let error as AdministrationError {
                throw StaffMessage(error.description)
            }
        }
    }

    struct ServerCertificate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "server-certificate",
            abstract: "Renouvelle le certificat du serveur du hub (par exemple pour ajouter un nom d'hôte)."
        )
        @OptionGroup var data: DataOptions
        @Option(name: .customLong("host"), help: "Nom d'hôte ou adresse IP du hub (répéter l'option).") var hosts: [String] = [
            "localhost", "127.0.0.1", "::1",
        ]

        func run() throws {
            let hub = try HubCommand.open(data)
            try hub.files.issueServerCertificate(ca: hub.files.loadCA(), hosts: hosts)
            Output.line("Nouveau certificat du serveur émis pour : \(hosts.joined(separator: ", ")). Redémarrer « vmvp serve ».")
        }
    }
}
