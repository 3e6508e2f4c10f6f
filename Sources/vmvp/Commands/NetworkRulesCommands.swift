import ArgumentParser
import Exchange
import Foundation
import Records
import Storage
import Workflow

/// The network's shared rules, which only the hub publishes.
extension HubCommand {
    struct Reciprocity: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reciprocity",
            abstract:
                "Règle de réciprocité : nombre d'offres publiées qu'une structure doit avoir pour demander une immersion (au moins 1, jamais désactivée)."
        )
        @OptionGroup var data: DataOptions
        @Option(name: .customLong("min-offers"), help: "Nombre minimal d'offres publiées (1 à 20).") var minOffers: Int = 1
        @Option(
            name: .customLong("max-days-owed"),
            help:
                "Écart (jours envoyés moins jours accueillis) au-delà duquel une structure doit ouvrir une nouvelle période d'accueil avant de demander (1 à 365 ; sans cette option, pas de seuil)."
        )
        var maxDaysOwed: Int?

        func run() throws {
            let hub = try HubCommand.open(data)
            let published: Bool
            do {
                published = try NetworkRulesDesk(node: hub.node).publishReciprocity(
                    ReciprocityPolicy(minimumPublishedOffers: minOffers, maximumDaysOwed: maxDaysOwed),
                    by: .commandLine
                )
            } catch let error as Records.ValidationError {
                throw StaffMessage(error.description)
            }
            guard published else {
                Output.line("Cette règle est déjà celle en vigueur : rien n'a été publié.")
                return
            }
            Output.line(
                "Règle publiée : une structure doit avoir au moins \(French.count(minOffers, "offre")) publiée\(French.s(minOffers)) pour demander une immersion"
                    + (maxDaysOwed.map { " et, au-delà de \($0) jours envoyés de plus qu'accueillis, une période d'accueil ouverte" } ?? "")
                    + ". Elle sera diffusée à tous les nœuds."
            )
        }
    }

    struct Retention: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "retention",
            abstract: "Durées de conservation du réseau, en jours : chaque nœud efface chaque jour ce qui les a dépassées.",
            discussion: "Sans option, publie les valeurs par défaut (365, 1095, 365, 730 et 90 jours)."
        )
        @OptionGroup var data: DataOptions
        @Option(name: .customLong("unrealised-days"), help: "Demande d'immersion sans suite, après sa dernière étape (30 à 3650).")
        var unrealised = RetentionPolicy.standard.unrealisedDays
        @Option(name: .customLong("immersion-days"), help: "Immersion signée, après son dernier jour (30 à 3650).")
        var immersion = RetentionPolicy.standard.immersionDays
        @Option(name: .customLong("closed-days"), help: "Demande de découverte ou offre close (30 à 3650).")
        var closed = RetentionPolicy.standard.closedDays
        @Option(name: .customLong("account-unused-days"), help: "Compte sans connexion, avant d'être désactivé (90 à 3650).")
        var unused = RetentionPolicy.standard.accountUnusedDays
        @Option(name: .customLong("account-grace-days"), help: "Compte désactivé, avant d'être supprimé (7 à 365).")
        var grace = RetentionPolicy.standard.accountGraceDays

        func run() throws {
            let hub = try HubCommand.open(data)
            let policy = RetentionPolicy(
                unrealisedDays: unrealised,
                immersionDays: immersion,
                closedDays: closed,
                accountUnusedDays: unused,
                accountGraceDays: grace
            )
            let published: Bool
            do {
                published = try NetworkRulesDesk(node: hub.node).publishRetention(policy, by: .commandLine)
            } catch let error as Records.ValidationError {
                throw StaffMessage(error.description)
            }
            guard published else {
                Output.line("Ces durées sont déjà celles en vigueur : rien n'a été publié.")
                return
            }
            Output.line("Durées de conservation publiées ; chaque nœud les appliquera à son prochain passage quotidien :")
            for field in RetentionPolicy.fields { Output.line("  \(field.label) : \(French.duration(days: policy.days(field.key)))") }
        }
    }

    struct Template: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "convention-template",
            abstract: "Publie le modèle de convention du réseau (texte français avec des {{champs}}), à la place du modèle livré avec le logiciel."
        )
        @OptionGroup var data: DataOptions
        @Option(help: "Fichier texte du modèle (UTF-8). Sans --file, écrit le modèle par défaut pour le modifier.") var file: String?
        @Option(help: "Fichier texte des principes éthiques (facultatif ; sinon ceux du modèle par défaut).") var principles: String?
        @Option(help: "Titre du modèle.") var title: String = "Convention d'immersion du réseau"

        func run() throws {
            guard let file else {
                Output.line(ConventionTemplate.text)
                return
            }
            let hub = try HubCommand.open(data)
            let text = String(decoding: try readInputFile(file), as: UTF8.self)
            let principlesText = try principles.map { String(decoding: try readInputFile($0), as: UTF8.self) } ?? ConventionTemplate.principles
            let published: Bool
            do {
                published = try NetworkRulesDesk(node: hub.node).publishTemplate(
                    ConventionTemplateRecord(title: title, text: text, principles: principlesText),
                    by: .commandLine
                )
            } catch let error as Records.ValidationError {
                throw StaffMessage(error.description)
            }
            guard published else {
                Output.line("Ce modèle est déjà celui en vigueur : rien n'a été publié.")
                return
            }
            Output.line("Modèle de convention publié ; les prochaines conventions l'utiliseront (les conventions déjà établies gardent le leur).")
        }
    }
}
