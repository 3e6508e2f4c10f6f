import Foundation
import TestSupport
import Testing

@testable import Records

/// Erasure by redaction (protocol/federation.md, "Redactions"): the record, the residue a
/// holder keeps, the wire marker, and how a verifier pairs erased envelopes with redactions.
/// The vector protocol/vectors/redaction.json is generated from fixed inputs by
/// `VMVP_WRITE_VECTORS=1 swift test --filter RedactionTests`, then checked byte for byte.
@Suite("Redactions")
struct RedactionTests {
    static let vectorURL = TestPaths.repositoryRoot.appendingPathComponent("protocol/vectors/redaction.json")
    static let examples = TestPaths.repositoryRoot.appendingPathComponent("protocol/examples")
    static let seed: [UInt8] = Array(64..<96)
    /// Structure A of federation.md's sealed-body examples (a MECS), its X25519 public key, its
    /// partner B, and the immersion request A sealed to B (examples/sealed_body.immersion-request-mecs-cmp.json).
    static let structure = "01a21343-5ca8-7371-8ecc-f7f1d062682b"
    static let encryptionKey = "ygVQjG2gj7LAdxL7uJBBzny7P9N0/lo/lz/kPv5vims="
    static let partner = "01a21343-5c60-7a64-aa42-3454a7cbc55f"
    static let request = "01a230c4-bf4b-745f-a094-6bb172ad82f3"

    /// A UUIDv7 whose milliseconds are those of `created`, with a fixed tail.
    static func id(_ created: Timestamp, _ n: Int) -> String {
        let hex = Array(String(format: "%012llx", UInt64(created.millisecondsSinceEpoch)))
        return String(hex[0..<8]) + "-" + String(hex[8..<12]) + "-7000-8000-" + String(format: "%012lx", 0xa000 + n)
    }

    static func example(_ name: String) throws -> JSONValue {
        try JSONParser.parse(Array(Data(contentsOf: examples.appendingPathComponent(name))))
    }

    struct Item {
        let name: String
        /// As signed and first relayed.
        let signed: Envelope
        /// As every holder keeps and serves it once the redaction is applied (nil: kept whole).
        let erased: Envelope?
    }

    /// One origin's shared chain: its profile, a demand the visitor wrote, the visitor's sealed
    /// immersion request, and the redaction that erases the demand and the request.
    static func chain() throws -> [Item] {
        let identity = try SigningIdentity(seed: seed)
        let profile = StructureProfile(
            name: "Maison d'enfants à caractère social « Les Tamaris »",
            sector: .social,
            subType: "Maison d'enfants à caractère social (MECS)",
            establishments: [.init(name: "MECS Les Tamaris – internat", commune: "Agde")],
            signingKey: Base64.encode(identity.publicKey),
            encryptionKey: encryptionKey
        )
        let demand = try Demand.validated(example("demand.educatrice-ase-agde.json"))
        let sealed = try SealedBody(json: example("sealed_body.immersion-request-mecs-cmp.json"))
        let times = ["2026-11-25T15:20:00.000Z", "2026-11-28T10:15:00.000Z", "2026-12-01T08:42:10.123Z", "2027-03-20T09:30:00.000Z"]
            .map { Timestamp($0)! }
        let ids = [id(times[0], 1), id(times[1], 2), request, id(times[3], 4)]
        let redaction = Redaction(envelopes: [ids[1], ids[2]], reason: .erasure, threads: [request])
        let items: [(String, RecordType, Visibility, [String], [UInt8])] = [
            ("structure profile (kept)", .structureProfile, .network, [], try CanonicalJSON.encode(profile.json)),
            ("demand written by the visitor, erased", .demand, .network, [], try CanonicalJSON.encode(demand.json)),
            ("immersion request sealed to the host, erased", RecordType(rawValue: "immersion_request"), .parties, [partner], sealed.canonicalBytes()),
            ("redaction erasing the demand and the request", Redaction.recordType, .network, [], try CanonicalJSON.encode(redaction.json)),
        ]
        var result: [Item] = []
        var prev = Digest.genesis
        for (n, item) in items.enumerated() {
            let header = EnvelopeHeader(
                id: ids[n],
                record: ids[n],
                type: item.1,
                originStructure: structure,
                originKey: identity.keyID,
                seq: Int64(n + 1),
                prev: prev,
                created: times[n],
                visibility: item.2,
                recipients: item.3,
                bodyHash: Digest.sha256Hex(item.4)
            )
            let signed = try Envelope.sign(header: header, body: item.4, with: identity)
            prev = signed.hash
            let erased =
                try redaction.envelopes.contains(signed.id)
                ? Envelope(
                    headerBytes: signed.headerBytes,
                    signature: signed.signature,
                    body: RedactionResidue.of(body: signed.body, visibility: item.2),
                    redactedBy: ids[3]
                ) : nil
            result.append(Item(name: item.0, signed: signed, erased: erased))
        }
        return result
    }

    static func text(_ bytes: [UInt8]) -> JSONValue { .string(String(decoding: bytes, as: UTF8.self)) }

    /// A wire line with its `redacted` member replaced (nil: removed), the rest unchanged.
    static func wireLine(of envelope: Envelope, redacted: JSONValue?) throws -> [UInt8] {
        guard case .object(var o) = envelope.wireJSON else { return [] }
        o["redacted"] = redacted
        return try CanonicalJSON.encode(.object(o))
    }

    static func document() throws -> JSONValue {
        let identity = try SigningIdentity(seed: seed)
        let items = try chain()
        let envelopes: [JSONValue] = try items.map { item in
            let e = item.signed
            var o: [String: JSONValue] = [
                "name": .string(item.name),
                "type": .string(e.header.type.rawValue),
                "header": e.header.json,
                "headerCanonicalHex": .string(Hex.encode(e.headerBytes)),
                "bodyHash": .string(e.header.bodyHash),
                "signature": .string(Hex.encode(e.signature)),
                "envelopeHash": .string(e.hash),
            ]
            if let erased = item.erased {
                o["erased"] = .bool(true)
                o["originalBody"] = try JSONParser.parse(e.body)
                o["originalBodyCanonicalHex"] = .string(Hex.encode(e.body))
                o["originalWireLine"] = text(e.wireLine)
                o["redacted"] = .string(erased.redactedBy ?? "")
                o["residue"] = try JSONParser.parse(erased.body)
                o["residueCanonicalHex"] = .string(Hex.encode(erased.body))
                o["residueHash"] = .string(Digest.sha256Hex(erased.body))
                o["wireLine"] = text(erased.wireLine)
            } else {
                o["erased"] = .bool(false)
                o["body"] = try JSONParser.parse(e.body)
                o["bodyCanonicalHex"] = .string(Hex.encode(e.body))
                o["wireLine"] = text(e.wireLine)
            }
            return .object(o)
        }
        let held = items.map { $0.erased ?? $0.signed }
        let erasures = LogVerifier.erasures(in: held).erasures.map { e -> JSONValue in
            .object([
                "envelope": .string(e.envelopeID), "origin": .string(e.origin), "redaction": .string(e.redaction),
                "reason": .string(e.reason.rawValue), "at": .string(e.at.description),
            ])
        }
        let demand = items[1].erased!
        let withoutRedaction = LogVerifier.erasures(in: Array(held.prefix(3))).faults
        let rejected: [JSONValue] = [
            .object([
                "name": .string("the erased demand without its redacted member"),
                "wireLine": text(try wireLine(of: demand, redacted: nil)),
                "error": .string("bodyHashMismatch"),
                "message": .string(EnvelopeError.bodyHashMismatch.description),
            ]),
            .object([
                "name": .string("the erased demand with a redacted member that is not a lowercase UUID"),
                "wireLine": text(try wireLine(of: demand, redacted: .string(demand.redactedBy!.uppercased()))),
                "error": .string("malformed"),
                "message": .string(EnvelopeError.malformed("« redacted » doit être un identifiant d'enregistrement").description),
            ]),
            .object([
                "name": .string("the first three envelopes as served, without the redaction: a fault per erased envelope"),
                "envelopes": .array(held.prefix(3).map { .string($0.id) }),
                "faults": .array(withoutRedaction.map { .string($0.description) }),
            ]),
        ]
        return .object([
            "description": .string(
                "One origin's shared chain as its holders keep it after a redaction (protocol/federation.md, 'Redactions'): the envelopes marked erased carry the residue of their body and the member 'redacted'; their header and signature are those signed, so 'bodyHash' is the hash of 'originalBody', not of the residue. Signed with a fixed Ed25519 seed; the sealed request is examples/sealed_body.immersion-request-mecs-cmp.json. See protocol/README.md, 'Test vectors'."
            ),
            "signingSeedHex": .string(Hex.encode(seed)),
            "publicKeyHex": .string(Hex.encode(identity.publicKey)),
            "publicKeyBase64": .string(Base64.encode(identity.publicKey)),
            "keyId": .string(identity.keyID),
            "structureId": .string(structure),
            "envelopes": .array(envelopes),
            "erasures": .array(erasures),
            "rejected": .array(rejected),
        ])
    }

    // MARK: - The vector

    @Test func vectorFileIsUpToDate() throws {
        let value = try Self.document()
        if ProcessInfo.processInfo.environment["VMVP_WRITE_VECTORS"] == "1" {
            try VectorTests.pretty(value).write(to: Self.vectorURL)
        }
        #expect(try VectorTests.load("redaction.json") == value, "redaction.json differs from what the implementation produces")
    }

    @Test func implementationReproducesTheRedactionVector() throws {
        let document = try VectorTests.load("redaction.json")
        let identity = try SigningIdentity(seed: try #require(Hex.decode(document["signingSeedHex"]?.stringValue ?? "")))
        #expect(identity.keyID == document["keyId"]?.stringValue)
        var held: [Envelope] = []
        for vector in try #require(document["envelopes"]?.arrayValue) {
            let header = try EnvelopeHeader(json: try #require(vector["header"]))
            let headerBytes = try header.canonicalBytes()
            #expect(Hex.encode(headerBytes) == vector["headerCanonicalHex"]?.stringValue)
            let erased = vector["erased"] == .bool(true)
            let signedBody = try CanonicalJSON.encode(try #require(erased ? vector["originalBody"] : vector["body"]))
            #expect(Digest.sha256Hex(signedBody) == header.bodyHash)
            let signed = try Envelope.sign(header: header, body: signedBody, with: identity)
            #expect(Hex.encode(signed.signature) == vector["signature"]?.stringValue)
            #expect(signed.hash == vector["envelopeHash"]?.stringValue)
            let line = Array(try #require(vector["wireLine"]?.stringValue).utf8)
            let served = try Envelope(wireLine: line)
            #expect(served.wireLine == line)
            // Signature and canonical body are checked; the hash only while the body is whole.
            try served.verify(publicKey: identity.publicKey)
            if erased {
                #expect(String(decoding: signed.wireLine, as: UTF8.self) == vector["originalWireLine"]?.stringValue)
                let residue = RedactionResidue.of(body: signedBody, visibility: header.visibility)
                #expect(Hex.encode(residue) == vector["residueCanonicalHex"]?.stringValue)
                #expect(try CanonicalJSON.encode(try #require(vector["residue"])) == residue)
                #expect(served.body == residue && served.redactedBy == vector["redacted"]?.stringValue)
                #expect(Digest.sha256Hex(residue) != header.bodyHash)
            } else {
                #expect(served == signed)
            }
            held.append(served)
        }
        var verifier = LogVerifier()
        verifier.learnKeys(from: held)
        #expect(verifier.verify(held).isEmpty)
        let result = LogVerifier.erasures(in: held)
        #expect(result.faults.isEmpty)
        let expected = try #require(document["erasures"]?.arrayValue)
        #expect(result.erasures.map(\.envelopeID) == expected.map { $0["envelope"]?.stringValue })
        #expect(result.erasures.map(\.redaction) == expected.map { $0["redaction"]?.stringValue })
        #expect(result.erasures.map(\.reason.rawValue) == expected.map { $0["reason"]?.stringValue })
        #expect(result.erasures.map(\.at.description) == expected.map { $0["at"]?.stringValue })
        #expect(result.erasures.allSatisfy { $0.origin == document["structureId"]?.stringValue })

        let rejected = try #require(document["rejected"]?.arrayValue)
        let withoutMarker = try Envelope(wireLine: Array(try #require(rejected[0]["wireLine"]?.stringValue).utf8))
        #expect(throws: EnvelopeError.bodyHashMismatch) { try withoutMarker.verify(publicKey: identity.publicKey) }
        #expect(EnvelopeError.bodyHashMismatch.description == rejected[0]["message"]?.stringValue)
        do {
            _ = try Envelope(wireLine: Array((rejected[1]["wireLine"]?.stringValue ?? "").utf8))
            Issue.record("a marker that is not a lowercase UUID was accepted")
        } catch {
            #expect(error.description == rejected[1]["message"]?.stringValue)
        }
        let faults = LogVerifier.erasures(in: Array(held.prefix(3))).faults
        #expect(faults.map { .string($0.description) } == rejected[2]["faults"]?.arrayValue)
        #expect(faults.count == 2)
    }

    // MARK: - The wire marker

    @Test func aRedactedEnvelopeRoundTripsThroughItsCanonicalWireLine() throws {
        let items = try Self.chain()
        let erased = try #require(items[1].erased)
        let line = erased.wireLine
        #expect(CanonicalJSON.isCanonical(line))
        #expect(try CanonicalJSON.encode(erased.wireJSON) == line)
        let text = String(decoding: line, as: UTF8.self)
        #expect(text.hasPrefix(#"{"body":"e30=","header":{"#))
        #expect(text.contains(#"},"redacted":"\#(items[3].signed.id)","signature":""#))
        let again = try Envelope(wireLine: line)
        #expect(again == erased)
        #expect(again.redactedBy == items[3].signed.id)
        try again.verify(publicKey: try SigningIdentity(seed: Self.seed).publicKey)
        // The same bytes read without the marker are a whole envelope whose body was altered.
        let whole = try Envelope(wireLine: Self.wireLine(of: erased, redacted: nil))
        #expect(whole.redactedBy == nil && whole != erased)
        #expect(throws: EnvelopeError.bodyHashMismatch) { try whole.verify(publicKey: try SigningIdentity(seed: Self.seed).publicKey) }
        // A whole envelope has no marker on the wire.
        #expect(!String(decoding: items[1].signed.wireLine, as: UTF8.self).contains("redacted"))
    }

    @Test func aMarkerThatIsNotARecordIDIsRefused() throws {
        let erased = try #require(try Self.chain()[1].erased)
        for bad: JSONValue in [.string(erased.redactedBy!.uppercased()), .string("effacé"), .string(""), .integer(4), .null] {
            #expect(throws: EnvelopeError.self) { try Envelope(wireLine: Self.wireLine(of: erased, redacted: bad)) }
        }
        #expect(throws: EnvelopeError.malformed("« redacted » doit être un identifiant d'enregistrement")) {
            try Envelope(wireLine: Self.wireLine(of: erased, redacted: .string("not-a-uuid")))
        }
        #expect(throws: EnvelopeError.malformed("« redacted » doit être un identifiant d'enregistrement")) {
            try Envelope(headerBytes: erased.headerBytes, signature: erased.signature, body: erased.body, redactedBy: "R1")
        }
        #expect(throws: EnvelopeError.malformed("champ « redacted » : identifiant d'enregistrement attendu")) {
            try Envelope(wireLine: Self.wireLine(of: erased, redacted: .integer(4)))
        }
    }

    @Test func anErasedBodyMustStillBeACanonicalObjectAndTheHeaderStillSigned() throws {
        let identity = try SigningIdentity(seed: Self.seed)
        let erased = try #require(try Self.chain()[1].erased)
        for body in ["[]", #"{ }"#, #"{"b":1,"a":2}"#, ""] {
            let changed = try Envelope(
                headerBytes: erased.headerBytes,
                signature: erased.signature,
                body: Array(body.utf8),
                redactedBy: erased.redactedBy
            )
            #expect(throws: EnvelopeError.bodyNotCanonical) { try changed.verify(publicKey: identity.publicKey) }
        }
        var signature = erased.signature
        signature[3] ^= 0x10
        let forged = try Envelope(headerBytes: erased.headerBytes, signature: signature, body: erased.body, redactedBy: erased.redactedBy)
        #expect(throws: EnvelopeError.badSignature) { try forged.verify(publicKey: identity.publicKey) }
    }

    // MARK: - The record

    static func ids(_ n: Int) -> [String] { (1...n).map { String(format: "01a230c4-bf4b-745f-a094-%012lx", $0) } }

    static func issues(_ json: JSONValue) -> [ValidationIssue] {
        do {
            _ = try Redaction.validated(json)
            return []
        } catch { return error.issues }
    }

    @Test func aValidRedactionReadsBackAndOmitsEmptyThreads() throws {
        let ids = Self.ids(3)
        let body = try Redaction.validated(.object(["envelopes": .array(ids.map { .string($0) }), "reason": .string("retention")]))
        #expect(body.envelopes == ids && body.reason == .retention && body.threads.isEmpty)
        #expect(try CanonicalJSON.encodeString(body.json) == #"{"envelopes":["\#(ids[0])","\#(ids[1])","\#(ids[2])"],"reason":"retention"}"#)
        // The initializer sorts and removes duplicates; the reader accepts "threads": [] as absent.
        let built = Redaction(envelopes: [ids[2], ids[0], ids[2], ids[1]], reason: .erasure, threads: [ids[1], ids[0], ids[1]])
        #expect(built.envelopes == ids && built.threads == [ids[0], ids[1]])
        #expect(try Redaction.validated(built.json) == built)
        let emptyThreads = try Redaction.validated(
            .object(["envelopes": .array([.string(ids[0])]), "reason": .string("erasure"), "threads": .array([])])
        )
        #expect(emptyThreads.threads.isEmpty && emptyThreads.json["threads"] == nil)
    }

    @Test func unsortedDuplicatedEmptyOrUnknownIsRefusedInFrench() throws {
        let ids = Self.ids(2)
        func body(_ envelopes: [String], reason: String = "erasure", threads: [String]? = nil) -> JSONValue {
            var o: [String: JSONValue] = ["envelopes": .array(envelopes.map { .string($0) }), "reason": .string(reason)]
            if let threads { o["threads"] = .array(threads.map { .string($0) }) }
            return .object(o)
        }
        let sortedMessage = "la liste doit être triée et sans doublon."
        #expect(Self.issues(body([ids[1], ids[0]])) == [ValidationIssue(field: "envelopes", message: sortedMessage)])
        #expect(Self.issues(body([ids[0], ids[0]])) == [ValidationIssue(field: "envelopes", message: sortedMessage)])
        #expect(Self.issues(body([ids[0]], threads: [ids[1], ids[0]])) == [ValidationIssue(field: "threads", message: sortedMessage)])
        #expect(Self.issues(body([])) == [ValidationIssue(field: "envelopes", message: "doit contenir au moins 1 élément.")])
        #expect(
            Self.issues(body([ids[0]], reason: "oubli")) == [
                ValidationIssue(field: "reason", message: "valeur « oubli » inconnue ; valeurs possibles : erasure, retention.")
            ]
        )
        #expect(
            Self.issues(body([ids[0].uppercased()])) == [
                ValidationIssue(field: "envelopes[0]", message: "identifiant d'enregistrement attendu (UUID en minuscules).")
            ]
        )
        #expect(
            Self.issues(.object(["envelopes": .array([.string(ids[0])]), "reason": .string("erasure"), "who": .string("x")])) == [
                ValidationIssue(field: "who", message: "champ inconnu : il ne fait pas partie de ce type de fiche.")
            ]
        )
        #expect(
            Self.issues(.object(["envelopes": .array([.string(ids[0])])])) == [
                ValidationIssue(field: "reason", message: "champ obligatoire manquant.")
            ]
        )
        let tooMany = Self.ids(Redaction.maximumEnvelopes + 1)
        #expect(
            Self.issues(body(tooMany)) == [ValidationIssue(field: "envelopes", message: "doit contenir entre 1 et 1000 éléments (reçu : 1001).")]
        )
        #expect(Self.issues(body(Self.ids(Redaction.maximumEnvelopes))).isEmpty)
    }

    /// The examples of protocol/examples/ say what the code says: the valid ones read, the
    /// invalid ones are refused.
    @Test func theProtocolExamplesAgreeWithTheReader() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.examples.path).filter { $0.hasPrefix("redaction.") }.sorted()
        #expect(names.count >= 5)
        for name in names {
            let issues = Self.issues(try Self.example(name))
            if name.hasPrefix("redaction.invalid.") {
                #expect(!issues.isEmpty, "\(name) was accepted")
            } else {
                #expect(issues.isEmpty, "\(name): \(issues)")
            }
        }
    }

    // MARK: - The residue

    @Test func theResidueOfASealedBodyKeepsOnlyItsDisclosedMetadataAndParties() throws {
        let a = EncryptionIdentity()
        let b = EncryptionIdentity()
        let (first, second) = ("01a21343-5ca8-7371-8ecc-f7f1d062682b", "01a21343-5c60-7a64-aa42-3454a7cbc55f")
        let disclosed = SealedBody.Disclosure(
            thread: Self.request,
            step: "accept",
            period: Period(from: Day("2027-03-09")!, to: Day("2027-03-10")!)
        )
        let clear = Array(#"{"visitorName":"Nadia Benali"}"#.utf8)
        let sealed = try SealedBody.seal(
            clear,
            envelopeID: Self.request,
            to: [(first, a.publicKey), (second, b.publicKey)],
            disclosing: disclosed
        )
        let residue = RedactionResidue.of(body: sealed.canonicalBytes(), visibility: .parties)
        #expect(
            String(decoding: residue, as: UTF8.self)
                == #"{"disclosed":{"period":{"from":"2027-03-09","to":"2027-03-10"},"step":"accept","thread":"\#(Self.request)"},"structures":["\#(second)","\#(first)"]}"#
        )
        #expect(CanonicalJSON.isCanonical(residue))
        let metadata = try #require(RedactionResidue.metadata(of: residue))
        #expect(metadata.disclosed == disclosed && metadata.structures == [second, first])
        // Without disclosed metadata, only the parties remain.
        let bare = try SealedBody.seal(clear, envelopeID: Self.request, to: [(first, a.publicKey), (second, b.publicKey)])
        #expect(
            String(decoding: RedactionResidue.of(body: bare.canonicalBytes(), visibility: .parties), as: UTF8.self)
                == #"{"structures":["\#(second)","\#(first)"]}"#
        )
        // The published residues are those of the published sealed bodies.
        let published = [
            ("sealed_body.immersion-convention-cmp-mecs.json", "redaction_residue.convention-cmp-mecs.json"),
            ("sealed_body.message-cmp-mecs.json", "redaction_residue.message-sans-metadonnees.json"),
        ]
        for (sealedName, residueName) in published {
            let sealedBody = try SealedBody(json: Self.example(sealedName)).canonicalBytes()
            let expected = try CanonicalJSON.encode(Self.example(residueName))
            #expect(RedactionResidue.of(body: sealedBody, visibility: .parties) == expected, "\(residueName)")
        }
    }

    @Test func theResidueOfAClearBodyIsEmpty() throws {
        let demand = try CanonicalJSON.encode(try Demand.validated(Self.example("demand.educatrice-ase-agde.json")).json)
        #expect(RedactionResidue.of(body: demand, visibility: .network) == Array("{}".utf8))
        #expect(RedactionResidue.of(body: demand, visibility: .local) == Array("{}".utf8))
        // Only a parties body is read as sealed; one that is not sealed leaves nothing either.
        let sealed = try SealedBody(json: Self.example("sealed_body.message-cmp-mecs.json")).canonicalBytes()
        #expect(RedactionResidue.of(body: sealed, visibility: .network) == Array("{}".utf8))
        #expect(RedactionResidue.of(body: demand, visibility: .parties) == Array("{}".utf8))
        #expect(RedactionResidue.metadata(of: Array("{}".utf8)) == nil)
        #expect(try CanonicalJSON.encode(Self.example("redaction_residue.contenu-en-clair.json")) == Array("{}".utf8))
    }

    // MARK: - Verifying erasures

    @Test func anErasedEnvelopeWithoutAMatchingRedactionOfItsOriginIsAFault() throws {
        let items = try Self.chain()
        let erased = try #require(items[1].erased)
        let redaction = items[3].signed
        let problem = "contenu effacé sans demande d'effacement de son auteur détenue ici (\(redaction.id))."
        // Held with its redaction: an erasure, no fault.
        let paired = LogVerifier.erasures(in: [erased, redaction])
        #expect(paired.faults.isEmpty && paired.erasures.map(\.envelopeID) == [erased.id])
        #expect(paired.erasures.first?.reason == .erasure && paired.erasures.first?.at == redaction.header.created)
        // No redaction held.
        #expect(LogVerifier.erasures(in: [erased]).faults == [LogFault(envelopeID: erased.id, problem: problem)])

        // The same redaction id, signed by another structure: not its origin's, so a fault.
        let other = SigningIdentity()
        let body = try CanonicalJSON.encode(Redaction(envelopes: [erased.id], reason: .erasure).json)
        let foreignHeader = EnvelopeHeader(
            id: redaction.id,
            record: redaction.id,
            type: Redaction.recordType,
            originStructure: Self.partner,
            originKey: other.keyID,
            seq: 1,
            prev: Digest.genesis,
            created: redaction.header.created,
            visibility: .network,
            recipients: [],
            bodyHash: Digest.sha256Hex(body)
        )
        let foreign = try Envelope.sign(header: foreignHeader, body: body, with: other)
        let result = LogVerifier.erasures(in: [erased, foreign])
        #expect(result.erasures.isEmpty)
        #expect(result.faults == [LogFault(envelopeID: erased.id, problem: problem)])

        // A redaction of the same origin that does not name it, or one itself erased, does not count.
        let request = try #require(items[2].erased)
        let namesOther = try Self.resign(
            redaction,
            body: try CanonicalJSON.encode(Redaction(envelopes: [items[0].signed.id], reason: .erasure).json)
        )
        #expect(LogVerifier.erasures(in: [request, namesOther]).faults.map(\.envelopeID) == [request.id])
        let redactionErased = try Envelope(
            headerBytes: redaction.headerBytes,
            signature: redaction.signature,
            body: Array("{}".utf8),
            redactedBy: redaction.id
        )
        #expect(LogVerifier.erasures(in: [erased, redactionErased]).faults.count == 2)
    }

    /// The envelope with another body, signed again by the vector's key.
    static func resign(_ envelope: Envelope, body: [UInt8]) throws -> Envelope {
        var header = envelope.header
        header.bodyHash = Digest.sha256Hex(body)
        return try Envelope.sign(header: header, body: body, with: try SigningIdentity(seed: seed))
    }
}
