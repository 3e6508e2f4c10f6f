import Testing

@testable import Records

@Suite("Sealed bodies and their disclosed metadata")
struct SealedBodyTests {
    static let id = "01a20000-0000-7000-8000-0000000000f1"

    func sealed(disclosing disclosed: SealedBody.Disclosure?) throws -> (SealedBody, EncryptionIdentity) {
        let mine = EncryptionIdentity()
        let theirs = EncryptionIdentity()
        let body = try SealedBody.seal(
            Array("{\"secret\":\"Karim\"}".utf8),
            envelopeID: Self.id,
            to: [("01a20000-0000-7000-8000-00000000000a", mine.publicKey), ("01a20000-0000-7000-8000-00000000000b", theirs.publicKey)],
            disclosing: disclosed
        )
        return (body, theirs)
    }

    @Test func disclosedMetadataTravelsInClearBesideTheSealedContent() throws {
        let (body, reader) = try sealed(disclosing: .init(thread: Self.id, step: "request"))
        let parsed = try SealedBody(json: JSONParser.parse(body.canonicalBytes()))
        #expect(parsed == body && parsed.disclosed == .init(thread: Self.id, step: "request"))
        #expect(String(decoding: try parsed.open(envelopeID: Self.id, with: reader), as: UTF8.self) == "{\"secret\":\"Karim\"}")
        let text = String(decoding: body.canonicalBytes(), as: UTF8.self)
        #expect(text.contains("\"step\":\"request\"") && !text.contains("Karim"))
        let (plain, _) = try sealed(disclosing: nil)
        #expect(try SealedBody(json: JSONParser.parse(plain.canonicalBytes())).disclosed == nil, "disclosure is optional")
    }

    @Test func aFollowUpDisclosesItsCheckpointAndTwoYesNoFacts() throws {
        let disclosure = SealedBody.Disclosure(thread: Self.id, step: "followup", months: 6, joint: true, contact: false)
        let (body, _) = try sealed(disclosing: disclosure)
        #expect(try SealedBody(json: JSONParser.parse(body.canonicalBytes())).disclosed == disclosure)
        let text = String(decoding: body.canonicalBytes(), as: UTF8.self)
        #expect(text.contains(#""disclosed":{"contact":false,"joint":true,"months":6,"step":"followup""#))
    }

    @Test(arguments: [
        #"{"thread":"01a20000-0000-7000-8000-0000000000f1","step":"request","who":"Karim"}"#,
        #"{"thread":"pas-un-identifiant","step":"request"}"#,
        #"{"thread":"01a20000-0000-7000-8000-0000000000f1","step":"Demande acceptée"}"#,
        #"{"thread":"01a20000-0000-7000-8000-0000000000f1"}"#,
        #""request""#,
        #"{"thread":"01a20000-0000-7000-8000-0000000000f1","step":"followup","months":4,"joint":true,"contact":true}"#,
        #"{"thread":"01a20000-0000-7000-8000-0000000000f1","step":"followup","months":3,"joint":"oui","contact":true}"#,
    ])
    func malformedDisclosuresAreRefused(_ disclosed: String) throws {
        let (body, _) = try sealed(disclosing: nil)
        guard case .object(var o) = body.json else { return }
        o["disclosed"] = try JSONParser.parse(disclosed)
        #expect(throws: SealedBody.SealError.self) { try SealedBody(json: .object(o)) }
    }

    /// Fields shorter (or longer) than the algorithm makes them are refused on reading, as the schema says.
    @Test(arguments: [
        ("ciphertext", "AAAA"), ("enc", "AAAA"), ("wrapped", "AAAA"), ("structure", "a"), ("key", "x25519:00"),
    ])
    func fieldsOfTheWrongSizeAreRefused(_ field: String, _ value: String) throws {
        let (body, _) = try sealed(disclosing: nil)
        guard case .object(var o) = try JSONParser.parse(body.canonicalBytes()), case .array(var keys) = o["keys"], case .object(var first) = keys[0]
        else {
            Issue.record("not an object")
            return
        }
        if field == "ciphertext" {
            o["ciphertext"] = .string(value)
        } else {
            first[field] = .string(value)
            keys[0] = .object(first)
            o["keys"] = .array(keys)
        }
        #expect(throws: SealedBody.SealError.self) { try SealedBody(json: .object(o)) }
    }
}
