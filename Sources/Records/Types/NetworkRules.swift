/// The convention template the MDA (Maison des Adolescents) publishes for the whole network,
/// replacing the default one shipped with the software. Published by the hub only.
public struct ConventionTemplateRecord: RecordBody, Hashable {
    public static let recordType = RecordType(rawValue: "convention_template")
    public static let visibility = Visibility.network

    /// The placeholders a template must keep: without them a convention would lose its dates,
    /// places or ethical principles. The parties come either all at once (`{{parties}}`, each
    /// printed in its own block) or one by one (`partyPlaceholders`).
    public static let requiredPlaceholders = ["dates", "horaires", "lieux", "programme", "principes"]
    public static let partyPlaceholders = ["visiteur", "employeur", "accueil"]

    public var title: String
    public var text: String
    public var principles: String

    public init(title: String, text: String, principles: String) {
        self.title = title
        self.text = text
        self.principles = principles
    }

    public init?(json: JSONValue, issues: IssueList) {
        let r = FieldReader(json, issues: issues)
        r.rejectUnknownKeys(allowed: ["title", "text", "principles"])
        title = r.text("title", max: 200)
        text = r.text("text", max: 20_000, multiline: true)
        principles = r.text("principles", max: 10_000, multiline: true)
        let parties = text.contains("{{parties}}") ? [] : Self.partyPlaceholders
        let missing = (parties + Self.requiredPlaceholders).filter { !text.contains("{{\($0)}}") }
        if !text.isEmpty && !missing.isEmpty {
            issues.add("text", "le modèle doit contenir " + missing.map { "{{\($0)}}" }.joined(separator: ", ") + ".")
        }
    }

    public var json: JSONValue { .object(["title": .string(title), "text": .string(text), "principles": .string(principles)]) }
}

/// The reciprocity rule as the hub sets it. The source's rule ("a structure that asks for an
/// immersion must offer one in return") is the floor: a structure needs at least one published
/// offer to ask. The hub may only make it stricter.
public struct ReciprocityPolicy: RecordBody, Hashable {
    public static let recordType = RecordType(rawValue: "reciprocity_policy")
    public static let visibility = Visibility.network

    /// The floor, which no policy can lower.
    public static let floor = ReciprocityPolicy(minimumPublishedOffers: 1)

    public var minimumPublishedOffers: Int
    /// When a structure has sent this many days more than it hosted, it must have an open
    /// period in its published offers (one not yet over) before it asks again. Nil: no threshold.
    public var maximumDaysOwed: Int?

    public init(minimumPublishedOffers: Int, maximumDaysOwed: Int? = nil) {
        self.minimumPublishedOffers = minimumPublishedOffers
        self.maximumDaysOwed = maximumDaysOwed
    }

    public init?(json: JSONValue, issues: IssueList) {
        let r = FieldReader(json, issues: issues)
        r.rejectUnknownKeys(allowed: ["minimumPublishedOffers", "maximumDaysOwed"])
        if case .integer(let i)? = r.object["minimumPublishedOffers"], i < 1 {
            issues.add("minimumPublishedOffers", "la règle de réciprocité ne peut pas être désactivée : au moins 1 offre publiée.")
            return nil
        }
        maximumDaysOwed = r.integer("maximumDaysOwed", in: 1...365, unit: "jours", required: false).map(Int.init)
        guard let minimum = r.integer("minimumPublishedOffers", in: 1...20, unit: "offres") else { return nil }
        minimumPublishedOffers = Int(minimum)
    }

    public var json: JSONValue {
        var o: [String: JSONValue] = ["minimumPublishedOffers": .integer(Int64(minimumPublishedOffers))]
        if let maximumDaysOwed { o["maximumDaysOwed"] = .integer(Int64(maximumDaysOwed)) }
        return .object(o)
    }
}
