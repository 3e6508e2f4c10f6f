/// The network's frame of reference for immersions, the "référentiel pour les échanges" the
/// source names among the bourse's tools (seed 000): what an immersion is for, how the visitor
/// prepares, what to observe, how the host welcomes, and the questions of the debrief.
/// Published by the hub only, as new versions of one record; the software ships a default
/// (`Sources/Exchange/Texts/referentiel.txt`).
public struct ExchangeFramework: RecordBody, Hashable {
    public static let recordType = RecordType(rawValue: "exchange_framework")
    public static let visibility = Visibility.network

    /// The purpose of an immersion, in the network's words.
    public var purpose: String
    /// What the visitor prepares before the first day (objectives, three questions).
    public var preparation: String
    /// The headings of the observation grid the visitor fills in during the stay.
    public var observationGrid: [String]
    /// What the host checks before and during the stay.
    public var welcomeChecklist: [String]
    /// The questions of the debrief, asked in the evaluation.
    public var debriefQuestions: [String]

    public init(purpose: String, preparation: String, observationGrid: [String], welcomeChecklist: [String], debriefQuestions: [String]) {
        self.purpose = purpose
        self.preparation = preparation
        self.observationGrid = observationGrid
        self.welcomeChecklist = welcomeChecklist
        self.debriefQuestions = debriefQuestions
    }

    public init?(json: JSONValue, issues: IssueList) {
        let r = FieldReader(json, issues: issues)
        r.rejectUnknownKeys(allowed: ["purpose", "preparation", "observationGrid", "welcomeChecklist", "debriefQuestions"])
        purpose = r.text("purpose", max: 5_000, multiline: true)
        preparation = r.text("preparation", max: 3_000, multiline: true)
        observationGrid = r.textList("observationGrid", count: 1...12, max: 200)
        welcomeChecklist = r.textList("welcomeChecklist", count: 1...20, max: 300)
        debriefQuestions = r.textList("debriefQuestions", count: 1...10, max: 300)
    }

    public var json: JSONValue {
        .object([
            "purpose": .string(purpose), "preparation": .string(preparation),
            "observationGrid": .array(observationGrid.map(JSONValue.string)),
            "welcomeChecklist": .array(welcomeChecklist.map(JSONValue.string)),
            "debriefQuestions": .array(debriefQuestions.map(JSONValue.string)),
        ])
    }
}
