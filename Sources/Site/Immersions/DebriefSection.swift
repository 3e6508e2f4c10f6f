import Exchange
import Records
import Workflow

/// The référentiel's debrief in the evaluation form: its questions as they stand today, each
/// with a box, set against what the visitor wrote before coming (their objectives and
/// questions). The questions travel with the form, so the evaluation keeps exactly what was asked.
struct DebriefSection: Sendable {
    struct Field: Sendable {
        let number: Int
        let question: String
        let answer: String
    }

    let framework: String
    let version: String
    let fields: [Field]
    let objectives: [String]
    let questions: [String]
    let prepared: Bool

    init?(_ immersion: Immersion, viewer: ImmersionPage.Viewer, form: Form?) {
        guard let role = viewer.desk.evaluationRole(immersion, by: viewer.actor, today: viewer.today),
            let inForce = try? NetworkRulesDesk(node: viewer.desk.node).framework()
        else { return nil }
        framework = inForce.version
        version = "Questions du référentiel des échanges, \(inForce.label)."
        let answers = form?.all("debriefAnswer") ?? []
        fields = inForce.framework.debriefQuestions.enumerated().map { index, question in
            Field(number: index + 1, question: question, answer: index < answers.count ? answers[index] : "")
        }
        // The visitor's own words, for the visitor's evaluation only.
        let preparation = role == .visitor ? try? viewer.desk.preparation(of: immersion) : nil
        objectives = preparation?.objectives.split(separator: "\n").map(String.init) ?? []
        questions = preparation?.questions ?? []
        prepared = preparation != nil
    }

    /// An evaluation's debrief as the page shows it.
    struct Answer: Sendable {
        let question: String
        let answer: String
    }

    static func answers(_ evaluation: ImmersionEvaluation) -> [Answer] {
        evaluation.debrief.map { Answer(question: $0.question, answer: $0.answer.isEmpty ? "(pas de réponse)" : $0.answer) }
    }
}
