/// A partnership born of the bourse, declared by one structure with its consent to show it in
/// the network's directory (the référentiel's follow-up, seed 004: the network's memory that
/// outlives the people who drove it). The directory lists a partnership only when both
/// structures declare each other; either withdraws its declaration with a tombstone.
public struct Partnership: RecordBody, Hashable {
    public static let recordType = RecordType(rawValue: "partnership")
    public static let visibility = Visibility.network

    /// The other structure's id.
    public var partner: String
    /// The immersion (its request's record id) the partnership was born of.
    public var immersion: String
    /// The immersion's first day.
    public var since: Day

    public init(partner: String, immersion: String, since: Day) {
        self.partner = partner
        self.immersion = immersion
        self.since = since
    }

    public init?(json: JSONValue, issues: IssueList) {
        let r = FieldReader(json, issues: issues)
        r.rejectUnknownKeys(allowed: ["partner", "immersion", "since"])
        partner = r.text("partner", max: 36)
        immersion = r.text("immersion", max: 36)
        let since = r.day("since")
        if !partner.isEmpty, !RecordID.isWellFormed(partner) {
            issues.add("partner", "identifiant de structure mal formé.")
        }
        if !immersion.isEmpty, !RecordID.isWellFormed(immersion) {
            issues.add("immersion", "identifiant d'immersion mal formé (celui de sa demande).")
        }
        guard let since else { return nil }
        self.since = since
    }

    public var json: JSONValue {
        .object(["partner": .string(partner), "immersion": .string(immersion), "since": .string(since.description)])
    }
}
