import Foundation
import TestSupport
import Testing

@testable import Records

/// The published test vectors (protocol/vectors/). They are generated from fixed
/// inputs by `VMVP_WRITE_VECTORS=1 swift test --filter VectorTests`; the tests then
/// check that the implementation reproduces every byte, and that altered vectors fail.
@Suite("Protocol test vectors")
struct VectorTests {
    static let directory = TestPaths.repositoryRoot.appendingPathComponent("protocol/vectors")
    static let seed: [UInt8] = Array(0..<32)
    static let encryptionSecret: [UInt8] = Array(32..<64)
    static let structure = "01936f2a-4c00-7000-8000-00000000a001"

    static func id(_ n: Int) -> String { String(format: "01936f2a-4c%02x-7000-8000-0000000000%02x", n, n) }
    static func time(_ minute: Int) -> Timestamp { Timestamp("2026-11-20T09:\(String(format: "%02d", minute)):00.000Z")! }

    /// Fixed records forming one origin's chain: profile, offer, demand, offer update, tombstone.
    static func chain() throws -> [(name: String, envelope: Envelope, body: JSONValue)] {
        let identity = try SigningIdentity(seed: seed)
        let encryption = try EncryptionIdentity(rawRepresentation: encryptionSecret)
        let profile = StructureProfile(
            name: "Centre médico-psychologique infanto-juvénile de Béziers",
            sector: .sanitaire,
            subType: "CMP infanto-juvénile",
            establishments: [.init(name: "CMP Foch", commune: "Béziers")],
            resourcePerson: Contact(
                name: "Claire Martin",
                role: "Cadre de santé",
                email: "claire.martin@ch-beziers.example",
                phone: "04 67 00 00 00"
            ),
            description: "Soins psychiques ambulatoires pour les 0-18 ans.\nAccueil sur rendez-vous.",
            signingKey: Base64.encode(identity.publicKey),
            encryptionKey: Base64.encode(encryption.publicKey)
        )
        let offer = try Offer.validated(Samples.offerJSON())
        let updated = try Offer.validated(
            Samples.offer(["capacity": .integer(3), "specialConditions": .string("Tenue discrète ; « secret partagé » expliqué à l'arrivée.")])
        )
        let demand = try Demand.validated(Samples.demandJSON())
        let items: [(String, RecordType, JSONValue, String)] = [
            ("structure profile", .structureProfile, profile.json, id(1)),
            ("offer, first version", .offer, offer.json, id(2)),
            ("demand", .demand, demand.json, id(3)),
            ("offer, second version of record 2", .offer, updated.json, id(2)),
            ("tombstone retracting the offer", .tombstone, Tombstone(reason: "Période passée").json, id(2)),
        ]
        var result: [(String, Envelope, JSONValue)] = []
        var prev = Digest.genesis
        for (n, item) in items.enumerated() {
            let body = try CanonicalJSON.encode(item.2)
            let header = EnvelopeHeader(
                id: id(n + 1),
                record: item.3,
                type: item.1,
                originStructure: structure,
                originKey: identity.keyID,
                seq: Int64(n + 1),
                prev: prev,
                created: time(n),
                visibility: .network,
                recipients: [],
                bodyHash: Digest.sha256Hex(body)
            )
            let envelope = try Envelope.sign(header: header, body: body, with: identity)
            prev = envelope.hash
            result.append((item.0, envelope, item.2))
        }
        return result
    }

    static func recordsDocument() throws -> JSONValue {
        let identity = try SigningIdentity(seed: seed)
        let records: [JSONValue] = try chain().map { item in
            .object([
                "name": .string(item.name),
                "type": .string(item.envelope.header.type.rawValue),
                "body": item.body,
                "bodyCanonicalHex": .string(Hex.encode(item.envelope.body)),
                "bodyHash": .string(item.envelope.header.bodyHash),
                "header": item.envelope.header.json,
                "headerCanonicalHex": .string(Hex.encode(item.envelope.headerBytes)),
                "signature": .string(Hex.encode(item.envelope.signature)),
                "envelopeHash": .string(item.envelope.hash),
                "wireLine": .string(String(decoding: item.envelope.wireLine, as: UTF8.self)),
            ])
        }
        return .object([
            "description": .string("One origin's chain signed with a fixed Ed25519 seed. See protocol/README.md, 'Test vectors'."),
            "signingSeedHex": .string(Hex.encode(seed)),
            "publicKeyHex": .string(Hex.encode(identity.publicKey)),
            "publicKeyBase64": .string(Base64.encode(identity.publicKey)),
            "keyId": .string(identity.keyID),
            "structureId": .string(structure),
            "records": .array(records),
        ])
    }

    static let canonicalCases: [(String, String)] = [
        (#" { "b" : 1 , "a" : [ true , false , null ] } "#, #"{"a":[true,false,null],"b":1}"#),
        (#"{"é":1,"z":2,"Z":3,"a":4,"aa":5}"#, #"{"Z":3,"a":4,"aa":5,"z":2,"é":1}"#),
        (#""quote \" backslash \\ slash \/ tab \t nl \n cr \r bs \b ff \f""#, #""quote \" backslash \\ slash / tab \t nl \n cr \r bs \b ff \f""#),
        (#""\u0000\u0001\u001F\u007F\u00E9\uD83D\uDE00""#, "\"\\u0000\\u0001\\u001f\u{7f}é😀\""),
        ("[0, -0, 42, -42, 9007199254740991, -9007199254740991]", "[0,0,42,-42,9007199254740991,-9007199254740991]"),
        (#"{"nested":{"y":{},"x":[]}}"#, #"{"nested":{"x":[],"y":{}}}"#),
    ]

    static let rejectCases: [(String, String)] = [
        ("1.0", "floating-point number"), ("1e2", "floating-point number"), ("[-0.0]", "floating-point number"),
        ("9007199254740992", "integer out of range"), ("-9007199254740992", "integer out of range"),
        (#"{"a":1,"a":1}"#, "duplicate key"), (#""\uD800""#, "lone surrogate"), ("01", "leading zero"),
        ("[1,]", "trailing comma"), ("NaN", "not JSON"), (#"{"a":1} {"#, "trailing data"),
    ]

    /// Valid JSON whose strings are not in NFC: it has no canonical form.
    static let notNFCCases: [(String, String)] = [(#""e\u0301cole""#, "string not in NFC (e + combining acute)")]

    static func canonicalDocument() throws -> JSONValue {
        .object([
            "description": .string(
                "Canonical encoding cases. 'canonical': input and its canonical form. 'reject': inputs a reader must refuse. 'notNFC': valid JSON with no canonical form."
            ),
            "canonical": .array(
                canonicalCases.map {
                    .object(["input": .string($0.0), "canonical": .string($0.1), "canonicalHex": .string(Hex.encode(Array($0.1.utf8)))])
                }
            ),
            "reject": .array(rejectCases.map { .object(["input": .string($0.0), "reason": .string($0.1)]) }),
            "notNFC": .array(notNFCCases.map { .object(["input": .string($0.0), "reason": .string($0.1)]) }),
        ])
    }

    /// Vectors are stored pretty-printed for people; the values inside are what counts.
    static func pretty(_ value: JSONValue) throws -> Data {
        let object = try JSONSerialization.jsonObject(with: Data(CanonicalJSON.encode(value)))
        var data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        data.append(0x0A)
        return data
    }

    static func load(_ name: String) throws -> JSONValue {
        try JSONParser.parse(Array(Data(contentsOf: directory.appendingPathComponent(name))))
    }

    @Test func vectorFilesAreUpToDate() throws {
        let documents = [("records.json", try Self.recordsDocument()), ("canonical.json", try Self.canonicalDocument())]
        if ProcessInfo.processInfo.environment["VMVP_WRITE_VECTORS"] == "1" {
            try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
            for (name, value) in documents { try Self.pretty(value).write(to: Self.directory.appendingPathComponent(name)) }
        }
        for (name, value) in documents {
            #expect(try Self.load(name) == value, "\(name) differs from what the implementation produces")
        }
    }

    @Test func implementationReproducesEveryRecordVectorByteForByte() throws {
        let document = try Self.load("records.json")
        let identity = try SigningIdentity(seed: try #require(Hex.decode(document["signingSeedHex"]?.stringValue ?? "")))
        #expect(Hex.encode(identity.publicKey) == document["publicKeyHex"]?.stringValue)
        #expect(identity.keyID == document["keyId"]?.stringValue)
        var envelopes: [Envelope] = []
        for vector in try #require(document["records"]?.arrayValue) {
            let body = try CanonicalJSON.encode(try #require(vector["body"]))
            #expect(Hex.encode(body) == vector["bodyCanonicalHex"]?.stringValue)
            #expect(Digest.sha256Hex(body) == vector["bodyHash"]?.stringValue)
            let header = try EnvelopeHeader(json: try #require(vector["header"]))
            let headerBytes = try header.canonicalBytes()
            #expect(Hex.encode(headerBytes) == vector["headerCanonicalHex"]?.stringValue)
            let envelope = try Envelope.sign(header: header, body: body, with: identity)
            #expect(Hex.encode(envelope.signature) == vector["signature"]?.stringValue)
            #expect(envelope.hash == vector["envelopeHash"]?.stringValue)
            #expect(String(decoding: envelope.wireLine, as: UTF8.self) == vector["wireLine"]?.stringValue)
            try envelope.verify(publicKey: identity.publicKey)
            envelopes.append(envelope)
        }
        var verifier = LogVerifier()
        verifier.learnKeys(from: envelopes)
        #expect(verifier.verify(envelopes).isEmpty)
    }

    @Test func alteredVectorsFail() throws {
        let document = try Self.load("records.json")
        let publicKey = try #require(Hex.decode(document["publicKeyHex"]?.stringValue ?? ""))
        for vector in try #require(document["records"]?.arrayValue) {
            let header = try #require(Hex.decode(vector["headerCanonicalHex"]?.stringValue ?? ""))
            let body = try #require(Hex.decode(vector["bodyCanonicalHex"]?.stringValue ?? ""))
            let signature = try #require(Hex.decode(vector["signature"]?.stringValue ?? ""))
            try Envelope(headerBytes: header, signature: signature, body: body).verify(publicKey: publicKey)
            for position in [0, header.count / 2, header.count - 2] {
                var h = header
                h[position] ^= 0x04
                #expect(throws: EnvelopeError.self) { try Envelope(headerBytes: h, signature: signature, body: body).verify(publicKey: publicKey) }
            }
            for position in [1, body.count / 2, body.count - 2] {
                var b = body
                b[position] ^= 0x04
                #expect(throws: EnvelopeError.bodyHashMismatch) {
                    try Envelope(headerBytes: header, signature: signature, body: b).verify(publicKey: publicKey)
                }
            }
            var s = signature
            s[5] ^= 0x80
            #expect(throws: EnvelopeError.badSignature) { try Envelope(headerBytes: header, signature: s, body: body).verify(publicKey: publicKey) }
        }
    }

    @Test func canonicalVectorsHold() throws {
        let document = try Self.load("canonical.json")
        for case_ in try #require(document["canonical"]?.arrayValue) {
            let input = try #require(case_["input"]?.stringValue)
            #expect(try CanonicalJSON.encodeString(JSONParser.parse(input)) == case_["canonical"]?.stringValue)
        }
        for case_ in try #require(document["reject"]?.arrayValue) {
            #expect(throws: JSONParseError.self) { try JSONParser.parse(case_["input"]?.stringValue ?? "") }
        }
        for case_ in try #require(document["notNFC"]?.arrayValue) {
            let value = try JSONParser.parse(case_["input"]?.stringValue ?? "")
            #expect(throws: CanonicalJSON.EncodingError.self) { try CanonicalJSON.encode(value) }
        }
    }
}
