/// How large the body of each record type may be, as signed (for `parties` records, the sealed
/// body): a member cannot stall the others with a record too big to relay, and a page of the
/// changes feed stays well under what a node accepts (protocol/federation.md, "Limits").
///
/// The figures leave room above what validation allows of the clear bodies (every text field
/// at its maximum length, in the longest UTF-8 and JSON escapes), and above that, for sealed
/// bodies, for Base64 and one wrapped key per party.
public enum RecordLimits {
    public static let kibibyte = 1024

    /// Every record type of protocol version 1, with its maximum body size in bytes.
    public static let maximumBodyBytes: [RecordType: Int] = [
        .structureProfile: 256 * kibibyte,
        .offer: 256 * kibibyte,
        .demand: 64 * kibibyte,
        .tombstone: 16 * kibibyte,
        RecordType(rawValue: "member"): 16 * kibibyte,
        RecordType(rawValue: "revocation"): 16 * kibibyte,
        RecordType(rawValue: "glossary_entry"): 16 * kibibyte,
        RecordType(rawValue: "convention_template"): 256 * kibibyte,
        RecordType(rawValue: "reciprocity_policy"): 4 * kibibyte,
        RecordType(rawValue: "legal_notice"): 128 * kibibyte,
        RecordType(rawValue: "redaction"): 128 * kibibyte,
        RecordType(rawValue: "retention_policy"): 4 * kibibyte,
        RecordType(rawValue: "exchange_framework"): 128 * kibibyte,
        RecordType(rawValue: "partnership"): 4 * kibibyte,
        // Sealed to their parties.
        RecordType(rawValue: "message"): sealed,
        RecordType(rawValue: "immersion_request"): sealed,
        RecordType(rawValue: "immersion_answer"): sealed,
        RecordType(rawValue: "immersion_convention"): sealed,
        RecordType(rawValue: "convention_signature"): sealed,
        RecordType(rawValue: "immersion_cancellation"): sealed,
        RecordType(rawValue: "immersion_evaluation"): sealed,
        RecordType(rawValue: "immersion_credential"): sealed,
        RecordType(rawValue: "immersion_preparation"): sealed,
        RecordType(rawValue: "immersion_followup"): sealed,
    ]

    /// A sealed body: Base64 of a clear body of at most 256 KiB, with the keys wrapped for its parties.
    public static let sealed = 512 * kibibyte

    /// The largest body of any type: what a node accepts from the hub for a type it does not
    /// know (a newer version's), and the bound the changes feed's page size is computed from.
    public static let largest = sealed

    /// The limit for `type`, nil when the type is not part of the protocol.
    public static func maximum(for type: RecordType) -> Int? { maximumBodyBytes[type] }

    /// Why a body of `size` bytes cannot be a `type` record, in French; nil when it fits.
    public static func problem(type: RecordType, size: Int, unknownAllowed: Bool) -> String? {
        guard let limit = maximum(for: type) ?? (unknownAllowed ? largest : nil) else {
            return "type d'enregistrement inconnu « \(type) » : le hub ne relaie que les types du protocole."
        }
        guard size <= limit else {
            return "enregistrement trop volumineux : \(size / kibibyte) Kio pour \(limit / kibibyte) Kio au plus (type \(type))."
        }
        return nil
    }
}
