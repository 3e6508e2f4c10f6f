import Records
import Workflow

/// The host's welcome checklist on the immersion's page, for its referents only: ticked
/// before and during the stay, kept on the host's node.
struct WelcomeSection: Sendable {
    struct Point: Sendable {
        let index: Int
        let text: String
        let checked: Bool
        let ticked: String?
    }

    let points: [Point]
    let editable: Bool
    let done: Int
    let total: Int

    init?(_ immersion: Immersion, viewer: ImmersionPage.Viewer) {
        guard immersion.hostStructure == viewer.structure, viewer.actor.role >= .referent else { return nil }
        let checklist = WelcomeChecklist(node: viewer.desk.node)
        let editable = checklist.mayTick(immersion, by: viewer.actor, today: viewer.today)
        guard let items = try? checklist.items(of: immersion), editable || items.contains(where: { $0.ticked != nil }) else { return nil }
        points = items.enumerated().map { index, item in
            Point(
                index: index + 1,
                text: item.text,
                checked: item.ticked != nil,
                ticked: item.ticked.map { "coché par \($0.by) le \(French.date($0.on))" }
            )
        }
        self.editable = editable
        done = items.filter { $0.ticked != nil }.count
        total = items.count
    }
}
