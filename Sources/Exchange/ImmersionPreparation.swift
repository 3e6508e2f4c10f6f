import Records

/// What the visitor prepares once the convention is confirmed (the référentiel's
/// "Préparation"): their objectives and the questions they want answered. Written by the
/// requesting structure (A) for its visitor, sealed to the host (B), who reads it before the
/// first day. Not a step of the state function; a change is a new version of the same record.
public struct ImmersionPreparation: RecordBody, Hashable {
    public static let recordType = RecordType(rawValue: "immersion_preparation")
    public static let visibility = Visibility.parties
    public static let maximumQuestions = 3

    public var request: String
    public var objectives: String
    public var questions: [String]

    public init(request: String, objectives: String, questions: [String]) {
        self.request = request
        self.objectives = objectives
        self.questions = questions
    }

    public init?(json: JSONValue, issues: IssueList) {
        let r = FieldReader(json, issues: issues)
        r.rejectUnknownKeys(allowed: ["request", "objectives", "questions"])
        request = r.text("request", max: 36)
        objectives = r.text("objectives", max: 2_000, multiline: true)
        questions = r.textList("questions", count: 1...Self.maximumQuestions, max: 300)
    }

    public var json: JSONValue {
        .object(["request": .string(request), "objectives": .string(objectives), "questions": .array(questions.map(JSONValue.string))])
    }
}
