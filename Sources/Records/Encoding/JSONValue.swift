/// A JSON value restricted to what the protocol allows: no floating-point numbers,
/// integers within ±(2^53−1), objects without duplicate keys.
public enum JSONValue: Sendable, Equatable, Hashable {
    case null
    case bool(Bool)
    case integer(Int64)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Largest magnitude an integer may have, so every implementation (including
    /// those that hold numbers as IEEE doubles) reads the same value.
    public static let maxSafeInteger: Int64 = 9_007_199_254_740_991

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var integerValue: Int64? {
        if case .integer(let i) = self { return i }
        return nil
    }

    public var objectValue: [String: JSONValue]? {
        if case .object(let o) = self { return o }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }

    /// French name of the JSON type, for error messages shown to staff.
    public var typeDescription: String {
        switch self {
        case .null: "null"
        case .bool: "un booléen"
        case .integer: "un nombre entier"
        case .string: "un texte"
        case .array: "une liste"
        case .object: "un objet"
        }
    }

    /// The same value with every string (keys included) put in Unicode NFC,
    /// which canonical encoding requires.
    public func normalizedToNFC() -> JSONValue {
        switch self {
        case .string(let s): .string(UnicodeNormalization.nfc(s))
        case .array(let a): .array(a.map { $0.normalizedToNFC() })
        case .object(let o):
            .object(
                Dictionary(
                    o.map { (UnicodeNormalization.nfc($0.key), $0.value.normalizedToNFC()) },
                    uniquingKeysWith: { first, _ in first }
                )
            )
        default: self
        }
    }
}
