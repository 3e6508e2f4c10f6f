/// Retracts a record its own origin wrote. The envelope's `record` names the
/// retracted record; the body says why.
public struct Tombstone: RecordBody, Hashable {
    public static let recordType = RecordType.tombstone
    public static let visibility = Visibility.network

    public var reason: String

    public init(reason: String) { self.reason = reason }

    public init?(json: JSONValue, issues: IssueList) {
        let r = FieldReader(json, issues: issues)
        r.rejectUnknownKeys(allowed: ["reason"])
        reason = r.text("reason", required: false, max: 500, multiline: true)
    }

    public var json: JSONValue { .object(["reason": .string(reason)]) }
}
