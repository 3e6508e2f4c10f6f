import Exchange
import Foundation
import Records
import Storage

/// One thing a person must do ("À traiter"), with a stable key so it is notified once.
public struct ToDoItem: Sendable, Equatable {
    public enum Kind: String, Sendable { case answer, agreeDates, convention, sign, prepare, evaluate, followUp }

    public let key: String
    public let kind: Kind
    public let immersion: String
    public let title: String
    public let detail: String
    /// Past the expected delay (a request unanswered for more than 10 days, an evaluation after its reminders).
    public let overdue: Bool
}

/// What each person has to do, computed from the immersions and the calendar.
public struct ToDoList: Sendable {
    /// A request unanswered for this many days is flagged to the host's referents and counted for the MDA.
    public static let answerDelayDays = 10
    /// Evaluation reminders, in days after the end.
    public static let evaluationReminderDays = [3, 10]

    public let desk: ImmersionDesk

    public init(node: OpenNode) {
        desk = ImmersionDesk(node: node)
    }

    public func items(for actor: Actor, today: Day, names: [String: StructureName]) throws -> [ToDoItem] {
        let me = desk.node.structureID
        var items: [ToDoItem] = []
        for immersion in try desk.book.all() {
            let visitor = "\(immersion.request.visitorName) (\((names[immersion.visitorStructure] ?? .unknown).name))"
            let isVisitor = immersion.visitorStructure == me && actor.email.lowercased() == immersion.request.visitorEmail.lowercased()
            let isHostReferent = immersion.hostStructure == me && actor.role >= .referent
            let isVisitorReferent = immersion.visitorStructure == me && actor.role >= .referent
            func add(_ kind: ToDoItem.Kind, _ suffix: String, _ title: String, _ detail: String, overdue: Bool = false) {
                items.append(
                    ToDoItem(
                        key: "\(kind.rawValue):\(immersion.id):\(suffix)",
                        kind: kind,
                        immersion: immersion.id,
                        title: title,
                        detail: detail,
                        overdue: overdue
                    )
                )
            }
            let state = immersion.state(today: today)
            switch state {
            case .requested where isHostReferent:
                let waiting = today.daysSinceEpoch - Day.today(immersion.requestedAt.date).daysSinceEpoch
                let overdue = waiting > Self.answerDelayDays
                add(
                    .answer,
                    overdue ? "late" : "new",
                    "Répondre à la demande de \(visitor)",
                    "Demande reçue le \(Day.today(immersion.requestedAt.date).french) ; dates souhaitées : \(French.dates(immersion.request.period))"
                        + (overdue ? " — sans réponse depuis \(waiting) jours." : "."),
                    overdue: overdue
                )
            case .counterProposed(let period) where isVisitor || isVisitorReferent:
                add(
                    .agreeDates,
                    period.from.description,
                    "Dates proposées \((names[immersion.hostStructure] ?? StructureName("structure d'accueil", article: .la)).by)",
                    "Nouvelles dates proposées : \(French.dates(period)). Acceptez-les ou annulez la demande."
                )
            case .awaitingSignatures:
                if immersion.currentConvention == nil {
                    if isHostReferent {
                        add(
                            .convention,
                            "first",
                            "Établir la convention avec \(visitor)",
                            "Les dates sont convenues : la convention reste à établir."
                        )
                    }
                } else {
                    let version = immersion.conventions.last?.convention.versionHash.prefix(12) ?? ""
                    for party in desk.signableParties(immersion, by: actor, today: today) {
                        let who =
                            switch party {
                            case .visitor: "pour vous-même"
                            case .employer: "pour votre structure, en tant qu'employeur"
                            case .host: "pour la structure d'accueil"
                            }
                        add(
                            .sign,
                            "\(party.rawValue):\(version)",
                            "Signer la convention (\(who))",
                            "Immersion de \(visitor), \(French.dates(immersion.period))."
                        )
                    }
                }
            case .confirmed(let period) where desk.mayPrepare(immersion, by: actor, today: today):
                if try desk.preparation(of: immersion) == nil {
                    add(
                        .prepare,
                        "objectifs",
                        "Préparer votre immersion \((names[immersion.hostStructure] ?? .unknown).at)",
                        "Écrivez vos objectifs et vos questions avant le \(period.from.french) : la structure d'accueil les lira avant votre arrivée."
                    )
                }
            case .completed(let period):
                if let role = desk.evaluationRole(immersion, by: actor, today: today) {
                    let since = today.daysSinceEpoch - period.to.daysSinceEpoch
                    let reminder = Self.evaluationReminderDays.last { since >= $0 }
                    let title = role == .visitor ? "Évaluer votre immersion" : "Évaluer l'immersion de \(visitor)"
                    add(
                        .evaluate,
                        "\(role.rawValue):\(reminder.map { "r\($0)" } ?? "due")",
                        title,
                        "Terminée le \(period.to.french)" + (reminder.map { " — rappel : \($0) jours après la fin." } ?? "."),
                        overdue: reminder != nil
                    )
                }
                if let checkpoint = desk.followUpCheckpoint(immersion, by: actor, today: today),
                    try !desk.followUps(of: immersion).contains(where: { $0.structure == me && $0.followUp.months == checkpoint.months })
                {
                    let late = today >= checkpoint.day.adding(days: ImmersionDesk.followUpReminderDays)
                    let other = names[immersion.counterpart(of: me)] ?? .unknown
                    add(
                        .followUp,
                        "\(checkpoint.months):\(late ? "late" : "due")",
                        "Suivi à \(checkpoint.months) mois : l'immersion de \(visitor)",
                        "Immersion terminée le \(period.to.french). Avez-vous travaillé avec \(other.the) depuis ? Trois questions, une minute."
                            + (late ? " Rappel : le suivi était attendu le \(checkpoint.day.french)." : ""),
                        overdue: late
                    )
                }
            default:
                break
            }
        }
        return items
    }

}
