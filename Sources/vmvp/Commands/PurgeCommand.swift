import ArgumentParser
import Foundation
import Records
import Storage
import Workflow

/// The retention policy on the node's accounts, on demand (`serve` applies it daily by itself).
struct PurgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract: "Applique les durées de conservation aux comptes et aux enregistrements de ce nœud (le serveur le fait chaque jour).",
        discussion: """
            Les durées sont celles que publie la Maison des Adolescents (par défaut : une demande \
            d'immersion sans suite est effacée 1 an après sa dernière étape, une immersion signée 3 ans \
            après son dernier jour, une demande de découverte ou une offre close 1 an après). L'autre \
            structure de chaque immersion efface aussi sa part. Un compte sans connexion depuis 2 ans \
            est désactivé ; s'il reste inutilisé 3 mois de plus, il est supprimé. Les traces techniques (sessions expirées, liens à usage unique utilisés ou \
            expirés, échecs de connexion) sont supprimées après 30 jours, le journal d'administration \
            après 1 an. Avec --dry-run, rien n'est \
            modifié : la commande dit ce qui serait fait.
            """
    )
    @OptionGroup var data: DataOptions
    @Flag(name: .customLong("dry-run"), help: "Montre ce qui serait purgé sans rien modifier.") var dryRun = false

    func run() throws {
        let node = try data.openNode()
        let report = dryRun ? try Retention.preview(node: node) : try Retention.run(node: node)
        for line in Self.report(report, preview: dryRun) { Output.line(line) }
    }

    static func report(_ report: Retention.Report, preview: Bool) -> [String] {
        var lines: [String] = []
        if !report.records.isEmpty {
            let count = French.count(report.records.count, "enregistrement")
            lines.append(
                preview
                    ? "À effacer (durée de conservation dépassée) : \(count) ; l'autre structure de chaque immersion effacera aussi sa part."
                    : "Effacés (durée de conservation dépassée) : \(count)."
            )
            lines += report.records.map { "  \($0.label) (échéance : \(French.date($0.due)))" }
        }
        if report.followed > 0 {
            lines.append(
                "Effacements suivis à la demande d'une autre structure : \(French.count(report.followed, "demande d'effacement", "demandes d'effacement"))."
            )
        }
        let purge = report.accounts
        func account(_ entry: AccountPurge.Entry) -> String {
            "  \(entry.name) <\(entry.email)>, dernière activité le \(French.day(entry.lastActive))"
        }
        let (deactivate, delete) = preview ? ("À désactiver", "À supprimer") : ("Désactivés", "Supprimés")
        if !purge.deactivated.isEmpty {
            lines.append("\(deactivate) (aucune connexion depuis 2 ans) : \(French.count(purge.deactivated.count, "compte")).")
            lines += purge.deactivated.map(account)
        }
        if !purge.deleted.isEmpty {
            lines.append("\(delete) (désactivés depuis 3 mois, toujours inutilisés) : \(French.count(purge.deleted.count, "compte")).")
            lines += purge.deleted.map(account)
        }
        for entry in purge.keptLastAdmin {
            lines.append(
                "Gardé actif : \(entry.name) <\(entry.email)> n'a pas servi depuis 2 ans, mais c'est le dernier administrateur du nœud. Nommer un autre administrateur."
            )
        }
        let traces = purge.expiredSessions + purge.spentLinks + purge.loginFailures
        if traces > 0 {
            lines.append(
                "\(preview ? "Traces techniques à supprimer" : "Traces techniques supprimées") : \(French.count(purge.expiredSessions, "session expirée", "sessions expirées")), \(French.count(purge.spentLinks, "lien à usage unique", "liens à usage unique")), \(French.count(purge.loginFailures, "échec de connexion", "échecs de connexion"))."
            )
        }
        if purge.auditEntries > 0 {
            let entries = French.count(purge.auditEntries, "entrée", "entrées")
            lines.append(
                "Journal d'administration : \(entries) de plus d'un an \(preview ? "à supprimer" : "supprimée\(French.s(purge.auditEntries))")."
            )
        }
        if report.isEmpty {
            lines.append(preview ? "Rien à purger aujourd'hui." : "Rien à purger : aucune donnée n'a dépassé sa durée de conservation.")
        }
        return lines
    }
}
