import Records
import Workflow

/// The pilot's view of the follow-ups 3 and 6 months after each immersion: did the network
/// get stronger? Shares of immersions followed by joint work, overall and by pair of sectors.
struct FollowUpView: Sendable {
    struct PairRow: Sendable {
        let label: String
        let followed: Int
        let joint: Int
        let share: String
    }

    let summary: String
    let contact: String?
    let pairs: [PairRow]
    let noFollowUp: Bool

    init(_ f: FollowUpFigures) {
        noFollowUp = f.followed == 0
        let due =
            "\(French.count(f.due, "immersion réalisée", "immersions réalisées")) sur la période \(f.due > 1 ? "ont" : "a") atteint le suivi à 3 mois après la fin"
        summary =
            f.followed == 0
            ? (f.due == 0 ? "Aucune immersion de la période n'a encore atteint son suivi à 3 mois." : "\(due) ; aucun suivi n'est encore rempli.")
            : "\(due) ; \(f.followed) \(f.followed > 1 ? "ont" : "a") un suivi rempli. Après \(f.joint) d'entre elles (\(f.jointShare.map(French.percent) ?? "—")), les deux structures ont travaillé ensemble : situation suivie en commun, orientation, rencontre, formation ou convention."
        contact = f.contactShare.map { "Dans \(French.percent($0)) des réponses, la personne sait qui appeler dans l'autre structure." }
        pairs = f.pairs.map {
            PairRow(
                label: "Professionnels \(SteeringFigures.of($0.visitor)) \(SteeringFigures.into($0.host))",
                followed: $0.followed,
                joint: $0.joint,
                share: French.percent(Double($0.joint) / Double(max($0.followed, 1)))
            )
        }
    }
}
