import Records

/// Step 4: one version of the convention, written by the host structure. Each version is its
/// own record; parties sign a version by its `versionHash`.
public struct ImmersionConvention: RecordBody, Hashable {
    public static let recordType = RecordType(rawValue: "immersion_convention")
    public static let visibility = Visibility.parties

    public var request: String
    public var convention: Convention

    public init(request: String, convention: Convention) {
        self.request = request
        self.convention = convention
    }

    static let personKeys: Set<String> = ["name", "role", "structure", "email", "phone"]

    public init?(json: JSONValue, issues: IssueList) {
        let r = FieldReader(json, issues: issues)
        r.rejectUnknownKeys(allowed: [
            "request", "visitor", "employer", "host", "period", "hours", "places", "programme",
            "principles", "practicalNotes", "template",
        ])
        request = r.recordID("request")
        func person(_ key: String) -> Convention.Person? {
            guard let p = r.nested(key) else { return nil }
            p.rejectUnknownKeys(allowed: Self.personKeys)
            let email = p.text("email", required: false, max: 200)
            if !email.isEmpty && !Formats.isEmail(email) { issues.add(p.field("email"), "adresse électronique mal formée.") }
            return Convention.Person(
                name: p.text("name", max: 120),
                role: p.text("role", max: 120),
                structure: p.text("structure", max: 200),
                email: email,
                phone: p.text("phone", required: false, max: 40)
            )
        }
        let visitor = person("visitor")
        let employer = person("employer")
        let host = person("host")
        let period = r.periods("period", count: 1...1).first
        let hours = r.text("hours", max: 500, multiline: true)
        let places = r.text("places", max: 1000, multiline: true)
        let programme = r.text("programme", max: 6000, multiline: true)
        let principles = r.text("principles", max: 10_000, multiline: true)
        let practicalNotes = r.text("practicalNotes", required: false, max: 4000, multiline: true)
        let template = r.text("template", max: 20_000, multiline: true)
        guard let visitor, let employer, let host, let period else { return nil }
        convention = Convention(
            visitor: visitor,
            employer: employer,
            host: host,
            period: period,
            hours: hours,
            places: places,
            programme: programme,
            principles: principles,
            practicalNotes: practicalNotes,
            template: template
        )
    }

    public var json: JSONValue {
        func person(_ p: Convention.Person) -> JSONValue {
            .object([
                "name": .string(p.name), "role": .string(p.role), "structure": .string(p.structure), "email": .string(p.email),
                "phone": .string(p.phone),
            ])
        }
        let c = convention
        return .object([
            "request": .string(request), "visitor": person(c.visitor), "employer": person(c.employer), "host": person(c.host),
            "period": .array([c.period.json]), "hours": .string(c.hours), "places": .string(c.places), "programme": .string(c.programme),
            "principles": .string(c.principles), "practicalNotes": .string(c.practicalNotes), "template": .string(c.template),
        ])
    }
}

/// Step 7: after the end date, the visitor (from A's node) and the host's referent (from B's
/// node) each write an evaluation. When the visitor did not come, a short form says so.
public struct ImmersionEvaluation: RecordBody, Hashable {
    public static let recordType = RecordType(rawValue: "immersion_evaluation")
    public static let visibility = Visibility.parties

    public enum Role: String, Sendable, CaseIterable { case visitor, host }

    public var request: String
    public var role: Role
    /// False: the visitor did not come (short form: only `comments` is asked).
    public var attended: Bool
    /// The offer's expected effects, as the evaluator read them, set against what was observed.
    public var expected: String
    public var observed: String
    /// What changed in their view of the other's work.
    public var changedView: String
    public var satisfaction: Int?
    public var wouldRecommend: Bool?
    public var comments: String
    /// The visitor's own practice: what they will change (the point of the exchange).
    public var practiceChanges: String
    /// The référentiel version whose debrief questions were asked (an `exchange_framework`
    /// envelope id, or "standard" for the software's own); nil when none were.
    public var framework: String?
    /// The debrief: each question as it was asked, with its answer.
    public var debrief: [DebriefAnswer]

    /// One question of the référentiel's debrief and what the evaluator answered.
    public struct DebriefAnswer: Sendable, Hashable {
        public let question: String
        public let answer: String

        public init(question: String, answer: String) {
            self.question = question
            self.answer = answer
        }
    }

    public init(
        request: String,
        role: Role,
        attended: Bool,
        expected: String = "",
        observed: String = "",
        changedView: String = "",
        satisfaction: Int? = nil,
        wouldRecommend: Bool? = nil,
        comments: String = "",
        practiceChanges: String = "",
        framework: String? = nil,
        debrief: [DebriefAnswer] = []
    ) {
        self.request = request
        self.role = role
        self.attended = attended
        self.expected = expected
        self.observed = observed
        self.changedView = changedView
        self.satisfaction = satisfaction
        self.wouldRecommend = wouldRecommend
        self.comments = comments
        self.practiceChanges = practiceChanges
        self.framework = framework
        self.debrief = debrief
    }

    public init?(json: JSONValue, issues: IssueList) {
        let r = FieldReader(json, issues: issues)
        r.rejectUnknownKeys(allowed: [
            "request", "role", "attended", "expected", "observed", "changedView", "satisfaction",
            "wouldRecommend", "comments", "practiceChanges", "framework", "debrief",
        ])
        request = r.recordID("request")
        let role = r.choice("role", Role.self)
        let attended = r.bool("attended")
        let full = attended ?? true
        expected = r.text("expected", required: full, max: 4000, multiline: true)
        observed = r.text("observed", required: full, max: 4000, multiline: true)
        changedView = r.text("changedView", required: full, max: 4000, multiline: true)
        satisfaction = r.integer("satisfaction", in: 1...5, unit: "sur 5", required: full).map(Int.init)
        // Absent: the evaluator does not know, or the question does not apply.
        wouldRecommend = r.object["wouldRecommend"] == nil ? nil : r.bool("wouldRecommend")
        comments = r.text("comments", required: !full, max: 4000, multiline: true)
        practiceChanges = r.text("practiceChanges", required: false, max: 4000, multiline: true)
        if role == .host && !practiceChanges.isEmpty {
            issues.add("practiceChanges", "réservé à la personne accueillie.")
        }
        framework = r.object["framework"] == nil ? nil : r.text("framework", max: 64)
        debrief = r.list("debrief", required: false, count: 0...10) { value, path in
            let item = FieldReader(value, path: path, issues: issues)
            item.rejectUnknownKeys(allowed: ["question", "answer"])
            return DebriefAnswer(question: item.text("question", max: 300), answer: item.text("answer", required: false, max: 2000, multiline: true))
        }
        if !debrief.isEmpty && framework == nil {
            issues.add("framework", "indiquez la version du référentiel dont viennent les questions du débriefing.")
        }
        guard let role, let attended else { return nil }
        self.role = role
        self.attended = attended
    }

    public var json: JSONValue {
        var o: [String: JSONValue] = [
            "request": .string(request), "role": .string(role.rawValue), "attended": .bool(attended), "expected": .string(expected),
            "observed": .string(observed), "changedView": .string(changedView), "comments": .string(comments),
            "practiceChanges": .string(practiceChanges),
        ]
        if let satisfaction { o["satisfaction"] = .integer(Int64(satisfaction)) }
        if let wouldRecommend { o["wouldRecommend"] = .bool(wouldRecommend) }
        if let framework { o["framework"] = .string(framework) }
        if !debrief.isEmpty {
            o["debrief"] = .array(debrief.map { .object(["question": .string($0.question), "answer": .string($0.answer)]) })
        }
        return .object(o)
    }
}
