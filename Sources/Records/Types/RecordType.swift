/// The kind of record an envelope carries. Unknown kinds are relayed and stored
/// but not interpreted, so that older nodes keep working when new kinds appear.
public struct RecordType: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let structureProfile = RecordType(rawValue: "structure_profile")
    public static let offer = RecordType(rawValue: "offer")
    public static let demand = RecordType(rawValue: "demand")
    public static let tombstone = RecordType(rawValue: "tombstone")

    public var description: String { rawValue }

    /// Lowercase letters, digits and underscores, starting with a letter.
    public static func isWellFormed(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard (1...40).contains(u.count), (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(u[0]) else { return false }
        return u.allSatisfy {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "_")
        }
    }
}

/// Who may receive a record (enforced by the hub on push and on pull).
public enum Visibility: String, Sendable, CaseIterable, Codable {
    /// Every member of the network.
    case network
    /// Only the origin and the listed recipients; the body is sealed to them.
    case parties
    /// Never leaves the node that wrote it.
    case local
}

/// A record body: decoded from JSON with every problem reported, encoded canonically.
public protocol RecordBody: Sendable {
    static var recordType: RecordType { get }
    /// The visibility this kind of record always has.
    static var visibility: Visibility { get }
    /// Reads and validates; `issues` receives every problem found.
    init?(json: JSONValue, issues: IssueList)
    var json: JSONValue { get }
}

extension RecordBody {
    /// Decodes and validates, throwing a `ValidationError` listing every problem.
    /// `normalize: false` skips NFC normalisation for bodies already known to be canonical.
    public static func validated(_ json: JSONValue, normalize: Bool = true) throws(ValidationError) -> Self {
        let issues = IssueList()
        let value = Self(json: normalize ? json.normalizedToNFC() : json, issues: issues)
        guard let value, issues.isEmpty else { throw ValidationError(issues.issues) }
        return value
    }

    public static func validated(jsonText: String) throws(ValidationError) -> Self {
        let json: JSONValue
        do { json = try JSONParser.parse(jsonText) } catch {
            throw ValidationError([ValidationIssue(field: "(fichier)", message: error.description)])
        }
        return try validated(json)
    }

    /// Checks a value built in code against the same rules as a body read from JSON,
    /// returning it as it will be stored (text trimmed and normalised).
    public func validated() throws(ValidationError) -> Self { try Self.validated(json) }

    /// Canonical body bytes; the record has been validated so this cannot fail
    /// for anything but a programming error.
    public func canonicalBytes() -> [UInt8] {
        do { return try CanonicalJSON.encode(json) } catch {
            preconditionFailure("validated record is not encodable: \(error)")
        }
    }
}

/// The record kinds this implementation understands, by type name.
public enum KnownRecordTypes {
    public static let all: [RecordType: any RecordBody.Type] = [
        StructureProfile.recordType: StructureProfile.self,
        Offer.recordType: Offer.self,
        Demand.recordType: Demand.self,
        Tombstone.recordType: Tombstone.self,
        Member.recordType: Member.self,
        Revocation.recordType: Revocation.self,
        Message.recordType: Message.self,
        GlossaryEntry.recordType: GlossaryEntry.self,
        ConventionTemplateRecord.recordType: ConventionTemplateRecord.self,
        ReciprocityPolicy.recordType: ReciprocityPolicy.self,
        LegalNotice.recordType: LegalNotice.self,
        Redaction.recordType: Redaction.self,
        RetentionPolicy.recordType: RetentionPolicy.self,
        ExchangeFramework.recordType: ExchangeFramework.self,
        Partnership.recordType: Partnership.self,
    ]

    /// Kinds only the hub may publish: the member directory and the network's shared rules.
    public static let hubOnly: Set<RecordType> = [
        Member.recordType, Revocation.recordType, GlossaryEntry.recordType,
        ConventionTemplateRecord.recordType, ReciprocityPolicy.recordType, RetentionPolicy.recordType, ExchangeFramework.recordType,
    ]

    /// Decodes a clear body already known to be canonical; nil for unknown kinds.
    public static func decode(_ type: RecordType, json: JSONValue) -> Result<any RecordBody, ValidationError>? {
        guard let kind = all[type] else { return nil }
        do { return .success(try kind.validated(json, normalize: false)) } catch { return .failure(error) }
    }
}
