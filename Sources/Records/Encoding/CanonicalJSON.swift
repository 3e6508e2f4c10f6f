import Foundation

/// The protocol's canonical encoding (see protocol/README.md, "Canonical encoding"):
/// keys sorted by their UTF-8 bytes, no insignificant whitespace, strings in NFC
/// written as UTF-8 with only the mandatory escapes, integers in plain decimal.
public enum CanonicalJSON {
    public enum EncodingError: Error, Equatable, Sendable, CustomStringConvertible {
        case integerOutOfRange(Int64)
        case notNFC(String)

        public var description: String {
            switch self {
            case .integerOutOfRange(let i): "Nombre entier hors limites : \(i)."
            case .notNFC(let s): "Texte non normalisé en Unicode NFC : « \(s.prefix(40)) »."
            }
        }
    }

    public static func encode(_ value: JSONValue) throws(EncodingError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        try write(value, into: &out)
        return out
    }

    public static func encodeString(_ value: JSONValue) throws(EncodingError) -> String {
        String(decoding: try encode(value), as: UTF8.self)
    }

    /// True when `bytes` is exactly the canonical encoding of the value it parses to.
    public static func isCanonical(_ bytes: [UInt8]) -> Bool {
        guard let value = try? JSONParser.parse(bytes), let again = try? encode(value) else { return false }
        return again == bytes
    }

    static func write(_ value: JSONValue, into out: inout [UInt8]) throws(EncodingError) {
        switch value {
        case .null: out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
        case .bool(let b): out.append(contentsOf: b ? Array("true".utf8) : Array("false".utf8))
        case .integer(let i):
            guard i >= -JSONValue.maxSafeInteger, i <= JSONValue.maxSafeInteger else { throw .integerOutOfRange(i) }
            out.append(contentsOf: String(i).utf8)
        case .string(let s): try writeString(s, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (n, item) in items.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                try write(item, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            let sorted = members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            for (n, member) in sorted.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                try writeString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                try write(member.value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    static let hexDigits = Array("0123456789abcdef".utf8)

    static func writeString(_ s: String, into out: inout [UInt8]) throws(EncodingError) {
        guard UnicodeNormalization.isNFC(s) else { throw .notNFC(s) }
        out.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            switch byte {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x00..<0x20:
                out.append(contentsOf: Array("\\u00".utf8))
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

/// Unicode NFC through Foundation, with a fast path for text that is NFC by construction.
public enum UnicodeNormalization {
    /// Scalars that are NFC whatever surrounds them (NFC_Quick_Check = Yes and canonical
    /// combining class 0): everything below U+0300, where combining marks begin, and the
    /// common punctuation of French text (dashes, quotes, ellipsis, euro sign).
    @inline(__always)
    static func isAlwaysNFC(_ v: UInt32) -> Bool {
        v < 0x300 || (0x2010...0x2027).contains(v) || v == 0x20AC
    }

    static func isTriviallyNFC(_ s: String) -> Bool {
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return true }
        return s.unicodeScalars.allSatisfy { isAlwaysNFC($0.value) }
    }

    public static func nfc(_ s: String) -> String {
        if isTriviallyNFC(s) { return s }
        return s.precomposedStringWithCanonicalMapping
    }

    public static func isNFC(_ s: String) -> Bool {
        if isTriviallyNFC(s) { return true }
        // String == compares canonical equivalence, so compare the scalars instead.
        return s.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(s.unicodeScalars)
    }
}
