import Exchange
import Foundation
import Records
import Workflow

/// "Référentiel des échanges", as every person of the network reads it.
struct FrameworkPage: PageModel {
    static let template = "framework"

    let purpose: [String]
    let preparation: [String]
    let observationGrid: [String]
    let welcomeChecklist: [String]
    let debriefQuestions: [String]
    let version: String
    let editable: Bool
    let notice: String?

    init(_ inForce: FrameworkInForce, editable: Bool, notice: String? = nil) {
        let framework = inForce.framework
        purpose = framework.purpose.split(separator: "\n").map(String.init)
        preparation = framework.preparation.split(separator: "\n").map(String.init)
        observationGrid = framework.observationGrid
        welcomeChecklist = framework.welcomeChecklist
        debriefQuestions = framework.debriefQuestions
        version = inForce.label
        self.editable = editable
        self.notice = notice
    }
}

/// The hub's form for a new version of the référentiel, with the earlier versions listed.
struct FrameworkFormPage: PageModel {
    static let template = "frameworkForm"

    struct Version: Sendable {
        let number: Int
        let date: String
        let text: String
    }

    /// One box of the form.
    struct Box: Sendable {
        let key: String
        let label: String
        let value: String
        let error: String?
        let rows: Int
    }

    let boxes: [Box]
    let summary: ErrorSummary
    let versions: [Version]
    let hasVersions: Bool
    let csrf: String
    let formToken: String

    var hasFormErrors: Bool { summary.hasErrors }

    static let labels = [
        ("purpose", "Finalité d'une immersion", 6), ("preparation", "Ce que la personne prépare avant l'immersion", 4),
        ("observationGrid", "Grille d'observation : une rubrique par ligne (12 au plus)", 7),
        ("welcomeChecklist", "Accueil : ce que la structure d'accueil vérifie, un point par ligne (20 au plus)", 6),
        ("debriefQuestions", "Débriefing : une question par ligne (10 au plus)", 5),
    ]

    /// `typed`: the form's five boxes as typed (lists one item per line).
    init(
        typed: [String: String],
        errors: [String: String] = [:],
        history: [PublishedVersion<ExchangeFramework>],
        csrf: String,
        formToken: String
    ) {
        boxes = Self.labels.map { key, label, rows in Box(key: key, label: label, value: typed[key] ?? "", error: errors[key], rows: rows) }
        summary = ErrorSummary(Self.labels.compactMap { key, label, _ in errors[key].map { .init(anchor: key, label: label, message: $0) } })
        versions = history.map { Version(number: $0.number, date: French.day($0.created), text: FrameworkText.render($0.body)) }
        hasVersions = !versions.isEmpty
        self.csrf = csrf
        self.formToken = formToken
    }

    /// The boxes of a référentiel, to start editing from the one in force.
    static func boxes(_ framework: ExchangeFramework) -> [String: String] {
        [
            "purpose": framework.purpose, "preparation": framework.preparation,
            "observationGrid": framework.observationGrid.joined(separator: "\n"),
            "welcomeChecklist": framework.welcomeChecklist.joined(separator: "\n"),
            "debriefQuestions": framework.debriefQuestions.joined(separator: "\n"),
        ]
    }

    /// The référentiel the boxes describe (lists: one item per line, a leading "- " is dropped).
    static func draft(_ typed: [String: String]) -> ExchangeFramework {
        func lines(_ key: String) -> [String] { FrameworkText.items(typed[key]?.split(separator: "\n").map(String.init)) }
        return ExchangeFramework(
            purpose: (typed["purpose"] ?? "").split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                .joined(separator: "\n"),
            preparation: (typed["preparation"] ?? "").split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }.joined(separator: "\n"),
            observationGrid: lines("observationGrid"),
            welcomeChecklist: lines("welcomeChecklist"),
            debriefQuestions: lines("debriefQuestions")
        )
    }
}
