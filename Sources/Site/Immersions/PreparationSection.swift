import Exchange
import Records
import Workflow

/// The visitor's preparation on the immersion's page: what they wrote (read by both
/// structures), and for the visitor the form to write or change it, with the printable
/// booklet ("carnet d'immersion") once the convention is signed.
struct PreparationSection: Sendable {
    struct Question: Sendable {
        let number: Int
        let value: String
        /// The first question is required; the other two are optional.
        let first: Bool
    }

    let objectives: [String]
    let questions: [String]
    let written: Bool
    let forHost: Bool
    let editable: Bool
    let objectivesValue: String
    let questionFields: [Question]
    let error: String?
    let carnet: Bool
    let preparationText: String

    /// nil when the immersion has nothing to prepare yet (not signed by all) and nothing was written.
    init?(
        _ immersion: Immersion,
        viewer: ImmersionPage.Viewer,
        form: Form?,
        issues: [ValidationIssue]
    ) {
        let state = immersion.state(today: viewer.today)
        let signed: Bool
        switch state {
        case .confirmed, .inProgress, .completed: signed = true
        default: signed = false
        }
        let prepared = try? viewer.desk.preparation(of: immersion)
        let editable = viewer.desk.mayPrepare(immersion, by: viewer.actor, today: viewer.today)
        guard signed || prepared != nil else { return nil }
        objectives = prepared?.objectives.split(separator: "\n").map(String.init) ?? []
        questions = prepared?.questions ?? []
        written = prepared != nil
        forHost = immersion.hostStructure == viewer.structure
        self.editable = editable
        let typed = form.map { $0.all("question") } ?? prepared?.questions ?? []
        objectivesValue = form?["objectives"] ?? prepared?.objectives ?? ""
        questionFields = (0..<ImmersionPreparation.maximumQuestions).map {
            Question(number: $0 + 1, value: $0 < typed.count ? typed[$0] : "", first: $0 == 0)
        }
        error = issues.first { $0.field.hasPrefix("objectives") || $0.field.hasPrefix("questions") }.map(\.sentence)
        carnet = signed && immersion.visitorStructure == viewer.structure
        preparationText = (try? NetworkRulesDesk(node: viewer.desk.node).framework().framework.preparation) ?? ""
    }
}
