/// A strict JSON parser (RFC 8259) that enforces the protocol's restrictions while
/// reading: floating-point numbers, out-of-range integers, duplicate keys, invalid
/// UTF-8 and lone surrogates are rejected, not silently converted.
public struct JSONParseError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        case unexpectedEnd
        case unexpectedByte(UInt8)
        case floatNotAllowed
        case integerOutOfRange
        case invalidNumber
        case duplicateKey(String)
        case invalidEscape
        case loneSurrogate
        case controlCharacterInString
        case invalidUTF8
        case tooDeep
        case trailingData
    }

    public let kind: Kind
    public let offset: Int

    public var description: String {
        let at = "(octet \(offset))"
        switch kind {
        case .unexpectedEnd: return "JSON incomplet : le texte s'arrête trop tôt \(at)."
        case .unexpectedByte(let b):
            let shown = (0x20..<0x7f).contains(b) ? "« \(Character(Unicode.Scalar(b))) »" : String(format: "0x%02x", b)
            return "JSON invalide : caractère inattendu \(shown) \(at)."
        case .floatNotAllowed: return "Nombre décimal interdit \(at) : seuls les nombres entiers sont acceptés."
        case .integerOutOfRange: return "Nombre entier hors limites \(at) : il doit rester entre -(2^53-1) et 2^53-1."
        case .invalidNumber: return "Nombre mal écrit \(at)."
        case .duplicateKey(let k): return "Clé « \(k) » présente deux fois dans le même objet \(at)."
        case .invalidEscape: return "Séquence d'échappement invalide dans un texte \(at)."
        case .loneSurrogate: return "Caractère Unicode incomplet (demi-paire de substitution) \(at)."
        case .controlCharacterInString: return "Caractère de contrôle non échappé dans un texte \(at)."
        case .invalidUTF8: return "Texte qui n'est pas de l'UTF-8 valide \(at)."
        case .tooDeep: return "JSON trop imbriqué \(at)."
        case .trailingData: return "Données en trop après la fin du JSON \(at)."
        }
    }
}

public enum JSONParser {
    static let maxDepth = 64

    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8))
    }

    public static func parse<Bytes: Collection<UInt8>>(_ bytes: Bytes) throws(JSONParseError) -> JSONValue {
        let array = Array(bytes)
        return try array.withUnsafeBufferPointer { (buffer) throws(JSONParseError) -> JSONValue in
            var reader = Reader(bytes: buffer)
            reader.skipWhitespace()
            let value = try reader.parseValue(depth: 0)
            reader.skipWhitespace()
            if reader.index != buffer.count { throw JSONParseError(kind: .trailingData, offset: reader.index) }
            return value
        }
    }

    struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        func fail(_ kind: JSONParseError.Kind) -> JSONParseError {
            JSONParseError(kind: kind, offset: index)
        }

        func peek() throws(JSONParseError) -> UInt8 {
            guard index < bytes.count else { throw fail(.unexpectedEnd) }
            return bytes[index]
        }

        mutating func expect(_ literal: StaticString) throws(JSONParseError) {
            let count = literal.utf8CodeUnitCount
            let start = literal.utf8Start
            for i in 0..<count {
                guard index < bytes.count else { throw fail(.unexpectedEnd) }
                guard bytes[index] == start[i] else { throw fail(.unexpectedByte(bytes[index])) }
                index += 1
            }
        }

        mutating func parseValue(depth: Int) throws(JSONParseError) -> JSONValue {
            guard depth < JSONParser.maxDepth else { throw fail(.tooDeep) }
            let byte = try peek()
            switch byte {
            case UInt8(ascii: "{"): return try parseObject(depth: depth)
            case UInt8(ascii: "["): return try parseArray(depth: depth)
            case UInt8(ascii: "\""): return .string(try parseString())
            case UInt8(ascii: "t"):
                try expect("true")
                return .bool(true)
            case UInt8(ascii: "f"):
                try expect("false")
                return .bool(false)
            case UInt8(ascii: "n"):
                try expect("null")
                return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .integer(try parseInteger())
            default: throw fail(.unexpectedByte(byte))
            }
        }

        mutating func parseObject(depth: Int) throws(JSONParseError) -> JSONValue {
            index += 1
            var result: [String: JSONValue] = [:]
            skipWhitespace()
            if try peek() == UInt8(ascii: "}") {
                index += 1
                return .object(result)
            }
            while true {
                skipWhitespace()
                guard try peek() == UInt8(ascii: "\"") else { throw fail(.unexpectedByte(bytes[index])) }
                let keyOffset = index
                let key = try parseString()
                skipWhitespace()
                guard try peek() == UInt8(ascii: ":") else { throw fail(.unexpectedByte(bytes[index])) }
                index += 1
                skipWhitespace()
                let value = try parseValue(depth: depth + 1)
                if result.updateValue(value, forKey: key) != nil {
                    throw JSONParseError(kind: .duplicateKey(key), offset: keyOffset)
                }
                skipWhitespace()
                let next = try peek()
                index += 1
                if next == UInt8(ascii: "}") { return .object(result) }
                guard next == UInt8(ascii: ",") else {
                    index -= 1
                    throw fail(.unexpectedByte(next))
                }
            }
        }

        mutating func parseArray(depth: Int) throws(JSONParseError) -> JSONValue {
            index += 1
            var result: [JSONValue] = []
            skipWhitespace()
            if try peek() == UInt8(ascii: "]") {
                index += 1
                return .array(result)
            }
            while true {
                skipWhitespace()
                result.append(try parseValue(depth: depth + 1))
                skipWhitespace()
                let next = try peek()
                index += 1
                if next == UInt8(ascii: "]") { return .array(result) }
                guard next == UInt8(ascii: ",") else {
                    index -= 1
                    throw fail(.unexpectedByte(next))
                }
            }
        }

        mutating func parseInteger() throws(JSONParseError) -> Int64 {
            let start = index
            var negative = false
            if bytes[index] == UInt8(ascii: "-") {
                negative = true
                index += 1
            }
            guard index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) else {
                throw fail(index < bytes.count ? .invalidNumber : .unexpectedEnd)
            }
            if bytes[index] == UInt8(ascii: "0"), index + 1 < bytes.count,
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index + 1])
            {
                throw JSONParseError(kind: .invalidNumber, offset: start)
            }
            var magnitude: Int64 = 0
            var overflow = false
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                if !overflow {
                    magnitude = magnitude &* 10 &+ Int64(bytes[index] - UInt8(ascii: "0"))
                    if magnitude > JSONValue.maxSafeInteger { overflow = true }
                }
                index += 1
            }
            if index < bytes.count {
                let b = bytes[index]
                if b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E") {
                    throw JSONParseError(kind: .floatNotAllowed, offset: start)
                }
            }
            if overflow { throw JSONParseError(kind: .integerOutOfRange, offset: start) }
            return negative ? -magnitude : magnitude
        }

        mutating func parseString() throws(JSONParseError) -> String {
            index += 1  // opening quote
            // Fast path: no escapes; validate the UTF-8 slice in one go.
            let start = index
            while index < bytes.count {
                let b = bytes[index]
                if b == UInt8(ascii: "\"") {
                    let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
                    guard let s = String(validating: slice, as: UTF8.self) else {
                        throw JSONParseError(kind: .invalidUTF8, offset: start)
                    }
                    index += 1
                    return s
                }
                if b == UInt8(ascii: "\\") { break }
                if b < 0x20 { throw fail(.controlCharacterInString) }
                index += 1
            }
            guard index < bytes.count else { throw fail(.unexpectedEnd) }
            // Slow path with escapes.
            var buffer = Array(bytes[start..<index])
            while true {
                guard index < bytes.count else { throw fail(.unexpectedEnd) }
                let b = bytes[index]
                if b == UInt8(ascii: "\"") {
                    index += 1
                    guard let s = String(validating: buffer, as: UTF8.self) else {
                        throw JSONParseError(kind: .invalidUTF8, offset: start)
                    }
                    return s
                }
                if b < 0x20 { throw fail(.controlCharacterInString) }
                if b != UInt8(ascii: "\\") {
                    buffer.append(b)
                    index += 1
                    continue
                }
                index += 1
                guard index < bytes.count else { throw fail(.unexpectedEnd) }
                let e = bytes[index]
                index += 1
                switch e {
                case UInt8(ascii: "\""): buffer.append(0x22)
                case UInt8(ascii: "\\"): buffer.append(0x5C)
                case UInt8(ascii: "/"): buffer.append(0x2F)
                case UInt8(ascii: "b"): buffer.append(0x08)
                case UInt8(ascii: "f"): buffer.append(0x0C)
                case UInt8(ascii: "n"): buffer.append(0x0A)
                case UInt8(ascii: "r"): buffer.append(0x0D)
                case UInt8(ascii: "t"): buffer.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try parseHex4()
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                            throw fail(.loneSurrogate)
                        }
                        index += 2
                        let low = try parseHex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw fail(.loneSurrogate) }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(scalar) {
                        throw fail(.loneSurrogate)
                    }
                    guard let u = Unicode.Scalar(scalar) else { throw fail(.invalidEscape) }
                    buffer.append(contentsOf: Array(String(Character(u)).utf8))
                default:
                    index -= 1
                    throw fail(.invalidEscape)
                }
            }
        }

        mutating func parseHex4() throws(JSONParseError) -> UInt32 {
            guard index + 4 <= bytes.count else { throw fail(.unexpectedEnd) }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let b = bytes[index]
                let digit: UInt32
                switch b {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
                default: throw fail(.invalidEscape)
                }
                value = value << 4 | digit
                index += 1
            }
            return value
        }
    }
}
