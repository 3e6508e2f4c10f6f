import Exchange
import Records
import Workflow

/// The follow-ups 3 and 6 months after an immersion that took place, on its page: what each
/// structure answered, and for whoever answers for this structure, the form (three questions,
/// and consent to list the partnership in the directory). No answer is chosen in advance.
struct FollowUpSection: Sendable {
    struct Answer: Sendable {
        let heading: String
        let facts: [String]
        let practice: String?
    }

    struct Option: Sendable {
        let value: String
        let label: String
        let checked: Bool
    }

    let answers: [Answer]
    /// Whether this person answers a follow-up now, and for which checkpoint ("3" or "6" months).
    let answerable: Bool
    let months: String
    let dueOn: String
    let otherThe: String
    let changing: Bool
    let worked: [Option]
    let kinds: [Option]
    let contact: [Option]
    let listed: [Option]
    let practice: String
    let errors: [String]
    let hasErrors: Bool

    static let fields: Set<String> = ["workedTogether", "jointWork", "knowsWhomToCall", "practice", "listInDirectory", "months"]

    /// How each form of joint work is said.
    static func label(_ kind: ImmersionFollowUp.JointWork) -> String {
        switch kind {
        case .situation: "Un accompagnement commun : la situation d'un jeune suivie ensemble"
        case .orientation: "Une orientation d'un jeune de l'une de nos structures vers l'autre"
        case .rencontre: "Une réunion ou une rencontre de travail"
        case .formation: "Une formation ou une intervention de l'une chez l'autre"
        case .convention: "Une convention entre nos deux structures"
        }
    }

    /// nil before the first checkpoint when nothing was answered, and for a cancelled immersion or a no-show.
    init?(_ immersion: Immersion, viewer: ImmersionPage.Viewer, form: Form?, issues: [ValidationIssue]) {
        let desk = viewer.desk
        let written = (try? desk.followUps(of: immersion)) ?? []
        let checkpoint = desk.followUpCheckpoint(immersion, by: viewer.actor, today: viewer.today)
        guard checkpoint != nil || !written.isEmpty else { return nil }
        let names = viewer.names
        // A form sent by another of the page's forms says nothing of the follow-up.
        let form = form?["months"].isEmpty == false ? form : nil
        answers = written.map { answer in
            let f = answer.followUp
            let who = names[answer.structure] ?? .unknown
            var facts = [
                f.workedTogether
                    ? "Travail en commun depuis l'immersion : oui (\(f.jointWork.map { Self.label($0).lowercased() }.joined(separator: " ; ")))."
                    : "Travail en commun depuis l'immersion : pas encore.",
                "Sait qui appeler dans l'autre structure : \(f.knowsWhomToCall ? "oui" : "non").",
            ]
            if f.workedTogether { facts.append("Partenariat dans l'annuaire du réseau : \(f.listInDirectory ? "accepté" : "refusé").") }
            return Answer(
                heading: "Suivi à \(f.months) mois — \(French.capitalized(who.the)), le \(French.date(Day.today(answer.written.date)))",
                facts: facts,
                practice: f.practice.isEmpty ? nil : f.practice
            )
        }
        answerable = checkpoint != nil
        months = checkpoint.map { String($0.months) } ?? ""
        dueOn = checkpoint.map { French.date($0.day) } ?? ""
        otherThe = (names[immersion.counterpart(of: viewer.structure)] ?? .unknown).the
        let mine = written.first { $0.structure == viewer.structure && $0.followUp.months == checkpoint?.months }?.followUp
        changing = mine != nil
        // What the form shows: what was just typed, else this structure's own earlier answer, else nothing.
        func typed(_ key: String, _ earlier: Bool?) -> String? { form.map { $0[key] } ?? earlier.map { $0 ? "1" : "0" } }
        func yesNo(_ key: String, _ earlier: Bool?, no: String) -> [Option] {
            let value = typed(key, earlier)
            return [Option(value: "1", label: "Oui", checked: value == "1"), Option(value: "0", label: no, checked: value == "0")]
        }
        worked = yesNo("workedTogether", mine?.workedTogether, no: "Non, pas encore")
        let ticked = form.map { Set($0.all("jointWork")) } ?? Set((mine?.jointWork ?? []).map(\.rawValue))
        kinds = ImmersionFollowUp.JointWork.allCases.map { Option(value: $0.rawValue, label: Self.label($0), checked: ticked.contains($0.rawValue)) }
        contact = yesNo("knowsWhomToCall", mine?.knowsWhomToCall, no: "Non")
        listed = yesNo("listInDirectory", mine.flatMap { $0.workedTogether ? $0.listInDirectory : nil }, no: "Non")
        practice = form?["practice"] ?? mine?.practice ?? ""
        errors = issues.filter { Self.fields.contains(String($0.field.prefix { $0 != "[" })) }.map(\.sentence)
        hasErrors = !errors.isEmpty
    }
}
