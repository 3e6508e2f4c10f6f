import Foundation
import Testing

@testable import Records

/// Builds envelopes for one origin by hand, to test chain and signature rules.
struct ChainBuilder {
    let identity = SigningIdentity()
    let structure = RecordID.make()
    var envelopes: [Envelope] = []

    mutating func add(body: JSONValue = .object(["reason": .string("x")]), seq: Int64? = nil, prev: String? = nil) throws -> Envelope {
        let bytes = try CanonicalJSON.encode(body)
        let id = RecordID.make()
        let header = EnvelopeHeader(
            id: id,
            record: id,
            type: .tombstone,
            originStructure: structure,
            originKey: identity.keyID,
            seq: seq ?? Int64(envelopes.count + 1),
            prev: prev ?? (envelopes.last?.hash ?? Digest.genesis),
            created: .now(),
            visibility: .network,
            recipients: [],
            bodyHash: Digest.sha256Hex(bytes)
        )
        let envelope = try Envelope.sign(header: header, body: bytes, with: identity)
        envelopes.append(envelope)
        return envelope
    }
}

@Suite("Envelopes and chains")
struct EnvelopeTests {
    @Test func signAndVerifyRoundTrip() throws {
        var chain = ChainBuilder()
        let envelope = try chain.add()
        try envelope.verify(publicKey: chain.identity.publicKey)
        let again = try Envelope(wireLine: envelope.wireLine)
        #expect(again == envelope)
        #expect(CanonicalJSON.isCanonical(envelope.wireLine))
        try again.verify(publicKey: chain.identity.publicKey)
    }

    @Test func everyHeaderByteFlipIsDetected() throws {
        var chain = ChainBuilder()
        let envelope = try chain.add()
        for index in envelope.headerBytes.indices {
            var bytes = envelope.headerBytes
            bytes[index] ^= 0x01
            do {
                let tampered = try Envelope(headerBytes: bytes, signature: envelope.signature, body: envelope.body)
                try tampered.verify(publicKey: chain.identity.publicKey)
                Issue.record("flip at \(index) went unnoticed")
            } catch {}
        }
    }

    @Test func everyBodyByteFlipIsDetected() throws {
        var chain = ChainBuilder()
        let envelope = try chain.add(body: .object(["reason": .string("Offre retirée : période passée")]))
        for index in envelope.body.indices {
            var body = envelope.body
            body[index] ^= 0x20
            let tampered = try Envelope(headerBytes: envelope.headerBytes, signature: envelope.signature, body: body)
            #expect(throws: EnvelopeError.bodyHashMismatch) { try tampered.verify(publicKey: chain.identity.publicKey) }
        }
    }

    @Test func wrongKeyIsRefused() throws {
        var chain = ChainBuilder()
        let envelope = try chain.add()
        let other = SigningIdentity()
        #expect(throws: EnvelopeError.keyMismatch(chain.identity.keyID)) { try envelope.verify(publicKey: other.publicKey) }
    }

    @Test func signatureFromAnotherKeyUnderOurKeyIDIsRefused() throws {
        var chain = ChainBuilder()
        let envelope = try chain.add()
        let forged = try Envelope(headerBytes: envelope.headerBytes, signature: SigningIdentity().sign(envelope.headerBytes), body: envelope.body)
        #expect(throws: EnvelopeError.badSignature) { try forged.verify(publicKey: chain.identity.publicKey) }
    }

    @Test func nonCanonicalHeaderIsRefused() throws {
        var chain = ChainBuilder()
        let envelope = try chain.add()
        let spaced = Array(String(decoding: envelope.headerBytes, as: UTF8.self).replacingOccurrences(of: ",", with: ", ").utf8)
        #expect(throws: EnvelopeError.headerNotCanonical) { try Envelope(headerBytes: spaced, signature: envelope.signature, body: envelope.body) }
    }

    @Test func headerFieldRulesAreEnforced() throws {
        var chain = ChainBuilder()
        let envelope = try chain.add()
        guard case .object(var o) = try JSONParser.parse(envelope.headerBytes) else {
            Issue.record("not an object")
            return
        }
        let cases: [(String, JSONValue?)] = [
            ("v", .integer(2)), ("seq", .integer(0)), ("visibility", .string("public")),
            ("recipients", .array([.string(chain.structure)])), ("extra", .string("x")), ("bodyHash", .string("abc")),
            ("created", .string("2026-11-25 10:00:00")), ("id", nil),
        ]
        for (key, value) in cases {
            var copy = o
            copy[key] = value
            #expect(throws: EnvelopeError.self, "\(key)") { try EnvelopeHeader(json: .object(copy)) }
        }
        o["seq"] = .integer(1)
        o["prev"] = .string(String(repeating: "a", count: 64))
        #expect(throws: EnvelopeError.self) { try EnvelopeHeader(json: .object(o)) }
    }

    @Test func soundChainHasNoFault() throws {
        var chain = ChainBuilder()
        for _ in 0..<5 { _ = try chain.add() }
        #expect(ChainCheck.check(chain.envelopes).isEmpty)
        #expect(ChainCheck.check(chain.envelopes.reversed()).isEmpty, "order of arrival does not matter")
    }

    @Test func missingSequenceNumberBreaksTheChain() throws {
        var chain = ChainBuilder()
        for _ in 0..<5 { _ = try chain.add() }
        var gapped = chain.envelopes
        let removed = gapped.remove(at: 2)
        let faults = ChainCheck.check(gapped)
        #expect(faults.count == 1)
        #expect(faults.first?.envelopeID == chain.envelopes[3].id)
        #expect(faults.first?.problem.contains("manque le numéro \(removed.header.seq)") == true)
    }

    @Test func duplicateAndRelinkedSequencesAreFaults() throws {
        var chain = ChainBuilder()
        for _ in 0..<3 { _ = try chain.add() }
        let duplicate = try chain.add(seq: 2, prev: chain.envelopes[0].hash)
        let faults = ChainCheck.check(chain.envelopes)
        #expect(faults.contains { $0.envelopeID == duplicate.id && $0.problem.contains("double") })

        var other = ChainBuilder()
        _ = try other.add()
        let wrongPrev = try other.add(prev: String(repeating: "1", count: 64))
        #expect(ChainCheck.check(other.envelopes).map(\.envelopeID) == [wrongPrev.id])
    }

    @Test func logVerifierFindsKeysInProfilesAndNamesFaultyRecords() throws {
        let identity = SigningIdentity()
        let structure = RecordID.make()
        let profile = StructureProfile(
            name: "Mission locale de Sète",
            sector: .informationOrientation,
            signingKey: Base64.encode(identity.publicKey),
            encryptionKey: Base64.encode(EncryptionIdentity().publicKey)
        )
        let body = profile.canonicalBytes()
        let id = RecordID.make()
        let header = EnvelopeHeader(
            id: id,
            record: id,
            type: .structureProfile,
            originStructure: structure,
            originKey: identity.keyID,
            seq: 1,
            prev: Digest.genesis,
            created: .now(),
            visibility: .network,
            recipients: [],
            bodyHash: Digest.sha256Hex(body)
        )
        let envelope = try Envelope.sign(header: header, body: body, with: identity)
        var verifier = LogVerifier()
        verifier.learnKeys(from: [envelope])
        #expect(verifier.verify([envelope]).isEmpty)

        var stranger = ChainBuilder()
        let unknown = try stranger.add()
        #expect(verifier.verify([envelope, unknown]).map(\.envelopeID) == [unknown.id])
    }
}

@Suite("Identifiers and time")
struct IdentifierTests {
    @Test func recordIDsAreTimeSortableUUIDv7() {
        var rng = SystemRandomNumberGenerator()
        let a = RecordID.make(milliseconds: 1_700_000_000_000, using: &rng)
        let b = RecordID.make(milliseconds: 1_700_000_000_001, using: &rng)
        #expect(a < b)
        #expect(RecordID.isWellFormed(a))
        #expect(Array(a)[14] == "7")
        #expect(!RecordID.isWellFormed("not-a-uuid"))
        #expect(!RecordID.isWellFormed(a.uppercased()))
    }

    @Test func keyIDsHashThePublicKey() {
        let identity = SigningIdentity()
        #expect(identity.keyID == "ed25519:" + Digest.sha256Hex(identity.publicKey).prefix(32))
    }

    @Test func timestampsHaveOneSpelling() throws {
        let t = try #require(Timestamp("2026-11-25T14:05:09.120Z"))
        #expect(t.description == "2026-11-25T14:05:09.120Z")
        #expect(Timestamp(t.date) == t)
        #expect(Timestamp("2026-11-25T14:05:09Z") == nil)
        #expect(Timestamp("2026-11-25T14:05:09.120+01:00") == nil)
        #expect(Timestamp(milliseconds: 0).description == "1970-01-01T00:00:00.000Z")
    }

    @Test func daysParseOnlyRealDates() throws {
        #expect(Day("2028-02-29") != nil)
        #expect(Day("2027-02-29") == nil)
        #expect(Day("2027-13-01") == nil)
        #expect(Day("2027-1-01") == nil)
        let d = try #require(Day("2027-03-15"))
        #expect(Day(daysSinceEpoch: d.daysSinceEpoch) == d)
        #expect(d.adding(days: 17).description == "2027-04-01")
        #expect(d.french == "15 mars 2027")
        #expect(Day("2027-04-01")!.french == "1er avril 2027", "the first of the month, as French writes it")
        #expect(Period.month("2027-02")?.to.description == "2027-02-28")
    }

    /// A parties record addressed to its own origin only would be private to nobody else.
    @Test func aPartiesRecordCannotNameItsOriginAsRecipient() throws {
        let identity = SigningIdentity()
        let origin = RecordID.make()
        let other = RecordID.make()
        for (recipients, refused) in [([origin], true), ([origin, other].sorted(), true), ([other], false)] {
            let id = RecordID.make()
            let header = EnvelopeHeader(
                id: id,
                record: id,
                type: .tombstone,
                originStructure: origin,
                originKey: identity.keyID,
                seq: 1,
                prev: Digest.genesis,
                created: .now(),
                visibility: .parties,
                recipients: recipients,
                bodyHash: Digest.sha256Hex([])
            )
            if refused {
                #expect(throws: EnvelopeError.self) { try EnvelopeHeader(json: header.json) }
            } else {
                #expect(throws: Never.self) { try EnvelopeHeader(json: header.json) }
            }
        }
    }
}
