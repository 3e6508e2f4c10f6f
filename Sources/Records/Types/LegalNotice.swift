/// What the law asks a French public-service site to publish about itself: who publishes it and
/// hosts it (mentions légales), whom to contact about personal data, and its accessibility
/// statement (RGAA). The hub publishes the network's defaults; each structure may publish its
/// own, and its site shows, field by field, its own text, else the hub's.
public struct LegalNotice: RecordBody, Hashable {
    public static let recordType = RecordType(rawValue: "legal_notice")
    public static let visibility = Visibility.network

    /// The RGAA's three levels of conformity.
    public enum Conformity: String, Sendable, CaseIterable {
        case none = "non_conforme"
        case partial = "partiellement_conforme"
        case full = "totalement_conforme"

        public var label: String {
            switch self {
            case .none: "non conforme"
            case .partial: "partiellement conforme"
            case .full: "totalement conforme"
            }
        }
    }

    /// Every text field, by its JSON key, with its maximum length; all optional.
    public static let textFields: [(key: String, max: Int)] = [
        ("publisher", 1000), ("publicationDirector", 200), ("host", 1000), ("dataProtectionOfficer", 1000),
        ("accessibilityAudit", 2000), ("accessibilityIssues", 5000), ("accessibilityContact", 1000),
    ]

    /// The texts, by JSON key (absent: not given).
    public var texts: [String: String]
    public var conformity: Conformity?

    public init(texts: [String: String] = [:], conformity: Conformity? = nil) {
        self.texts = texts.filter { !$0.value.isEmpty }
        self.conformity = conformity
    }

    public init?(json: JSONValue, issues: IssueList) {
        let r = FieldReader(json, issues: issues)
        r.rejectUnknownKeys(allowed: Set(Self.textFields.map(\.key) + ["conformity"]))
        var texts: [String: String] = [:]
        for field in Self.textFields {
            let value = r.text(field.key, required: false, max: field.max, multiline: true)
            if !value.isEmpty {
                texts[field.key] = value
            } else if r.object[field.key] != nil {
                issues.add(field.key, "ne doit pas être vide : un texte non donné s'omet.")
            }
        }
        self.texts = texts
        conformity = r.object["conformity"] == nil ? nil : r.choice("conformity", Conformity.self)
    }

    public var json: JSONValue {
        var o = texts.mapValues { JSONValue.string($0) }
        if let conformity { o["conformity"] = .string(conformity.rawValue) }
        return .object(o)
    }

    public subscript(_ key: String) -> String? { texts[key] }

    /// This structure's notice completed by the network's: its own text where it gave one.
    public func completed(by network: LegalNotice?) -> LegalNotice {
        LegalNotice(texts: (network?.texts ?? [:]).merging(texts) { _, own in own }, conformity: conformity ?? network?.conformity)
    }
}
