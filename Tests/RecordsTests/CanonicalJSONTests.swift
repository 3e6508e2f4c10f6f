import Testing

@testable import Records

@Suite("Canonical JSON")
struct CanonicalJSONTests {
    func canonical(_ text: String) throws -> String {
        try CanonicalJSON.encodeString(JSONParser.parse(text))
    }

    @Test func sortsKeysByUTF8BytesAndDropsWhitespace() throws {
        #expect(try canonical(#" { "b" : 1 , "a" : [ true , null ], "A": "x" } "#) == #"{"A":"x","a":[true,null],"b":1}"#)
        // "é" (C3 A9) sorts after "z" (7A) bytewise; "Z" (5A) before "a".
        #expect(try canonical(#"{"é":1,"z":2,"Z":3,"a":4}"#) == #"{"Z":3,"a":4,"z":2,"é":1}"#)
        #expect(try canonical(#"{"outer":{"y":1,"x":{"b":2,"a":1}}}"#) == #"{"outer":{"x":{"a":1,"b":2},"y":1}}"#)
    }

    @Test func escapesOnlyWhatMustBeEscaped() throws {
        #expect(try canonical(#""a\"b\\c\/d""#) == #""a\"b\\c/d""#)
        #expect(try canonical(#""\n\t\r\b\f""#) == #""\n\t\r\b\f""#)
        #expect(try canonical(#""\u0001\u001f\u007f""#) == "\"\\u0001\\u001f\u{7f}\"")
        #expect(try canonical(#""\u00e9\ud83d\ude00""#) == "\"é😀\"")
    }

    @Test func writesIntegersPlainly() throws {
        #expect(try canonical("[0,-0,7,-12,9007199254740991,-9007199254740991]") == "[0,0,7,-12,9007199254740991,-9007199254740991]")
    }

    @Test(arguments: ["1.0", "1.5", "1e3", "1E3", "-0.5", "[2.0]", #"{"a":3.14}"#, "0e0"])
    func rejectsFloatingPoint(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
        do { _ = try JSONParser.parse(text) } catch {
            #expect(error.kind == .floatNotAllowed)
            #expect(error.description.contains("entiers"))
        }
    }

    @Test(arguments: ["9007199254740992", "-9007199254740992", "123456789012345678901234567890"])
    func rejectsIntegersOutOfRange(_ text: String) {
        #expect(throws: JSONParseError(kind: .integerOutOfRange, offset: 0)) { try JSONParser.parse(text) }
    }

    @Test func encoderRefusesOutOfRangeIntegers() {
        #expect(throws: CanonicalJSON.EncodingError.integerOutOfRange(9_007_199_254_740_992)) {
            try CanonicalJSON.encode(.integer(9_007_199_254_740_992))
        }
    }

    @Test func rejectsDuplicateKeys() {
        do {
            _ = try JSONParser.parse(#"{"a":1,"a":2}"#)
            Issue.record("accepted a duplicate key")
        } catch {
            #expect(error.kind == .duplicateKey("a"))
            #expect(error.description.contains("« a » présente deux fois"))
        }
    }

    @Test(arguments: [
        (#""\ud800""#, JSONParseError.Kind.loneSurrogate),
        (#""\udc00x""#, .loneSurrogate),
        ("01", .invalidNumber),
        ("[1,]", .unexpectedByte(UInt8(ascii: "]"))),
        ("{\"a\":1} x", .trailingData),
        ("\"a\u{01}\"", .controlCharacterInString),
        (#""\x""#, .invalidEscape),
        ("[1", .unexpectedEnd),
        ("NaN", .unexpectedByte(UInt8(ascii: "N"))),
    ])
    func rejectsMalformedInput(_ text: String, _ kind: JSONParseError.Kind) {
        do {
            _ = try JSONParser.parse(text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.kind == kind)
        }
    }

    @Test func rejectsInvalidUTF8() {
        #expect(throws: JSONParseError.self) { try JSONParser.parse([0x22, 0xC3, 0x28, 0x22]) }
    }

    @Test func rejectsExcessiveNesting() {
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(deep) }
    }

    @Test func requiresNFC() throws {
        let decomposed = "e\u{0301}cole"  // "école" with a combining accent
        #expect(throws: CanonicalJSON.EncodingError.self) { try CanonicalJSON.encode(.string(decomposed)) }
        #expect(throws: CanonicalJSON.EncodingError.self) { try CanonicalJSON.encode(.object([decomposed: .null])) }
        let normalized = JSONValue.string(decomposed).normalizedToNFC()
        #expect(try CanonicalJSON.encodeString(normalized) == "\"\u{e9}cole\"")
        #expect(try CanonicalJSON.encode(normalized) == Array("\"\u{e9}cole\"".utf8))
    }

    @Test func canonicalCheckDetectsAnyDeviation() throws {
        #expect(CanonicalJSON.isCanonical(Array(#"{"a":1,"b":[2]}"#.utf8)))
        #expect(!CanonicalJSON.isCanonical(Array(#"{"b":[2],"a":1}"#.utf8)))
        #expect(!CanonicalJSON.isCanonical(Array(#"{"a": 1}"#.utf8)))
        #expect(!CanonicalJSON.isCanonical(Array(#""\u00e9""#.utf8)))
    }
}

@Suite("NFC fast path")
struct NFCTests {
    /// The fast path must agree with full normalisation on both sides of its boundary.
    @Test(arguments: [
        "Éducation spécialisée — « accueil » … 20 €", "œuvre ÿ Ā ɏ", "e\u{0301}", "\u{2126}", "\u{212B}", "A\u{030A}",
        "가", "\u{1100}\u{1161}", "Ω", "\u{0344}", "ﬁ", "x\u{0327}\u{0301}",
    ])
    func fastPathAgreesWithFoundation(_ text: String) {
        let full = text.precomposedStringWithCanonicalMapping
        #expect(Array(UnicodeNormalization.nfc(text).unicodeScalars) == Array(full.unicodeScalars))
        #expect(UnicodeNormalization.isNFC(text) == full.unicodeScalars.elementsEqual(text.unicodeScalars))
    }
}
