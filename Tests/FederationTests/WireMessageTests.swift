import Foundation
import Records
import TestSupport
import Testing

@testable import Federation
@testable import Storage

/// The typed sync messages read every published example of protocol/examples/sync/ and write
/// it back as the same canonical JSON: the code and the protocol's schemas say the same thing.
@Suite("Wire messages match the protocol's examples")
struct WireMessageTests {
    static let examples = TestPaths.repositoryRoot.appendingPathComponent("protocol/examples/sync")

    static func example(_ name: String) throws -> JSONValue {
        try JSONParser.parse(Array(try Data(contentsOf: examples.appendingPathComponent(name))))
    }

    static func roundTrip<Message: WireMessage>(_ type: Message.Type, _ name: String) throws {
        let json = try example(name)
        let message = try Message(wire: json)
        #expect(try CanonicalJSON.encode(message.wire) == CanonicalJSON.encode(json), "\(name)")
    }

    @Test func everyValidExampleRoundTrips() throws {
        try Self.roundTrip(HeadResponse.self, "head-response.example.json")
        try Self.roundTrip(PushRequest.self, "push-request.example.json")
        try Self.roundTrip(PushResponse.self, "push-response.accepted.json")
        try Self.roundTrip(PushResponse.self, "push-response.gap.json")
        try Self.roundTrip(PushResponse.self, "push-response.replayed.json")
        try Self.roundTrip(ChangesResponse.self, "changes-response.example.json")
        try Self.roundTrip(OwnResponse.self, "own-response.example.json")
        try Self.roundTrip(EnrollmentRequest.self, "enroll-request.example.json")
        try Self.roundTrip(EnrollmentResponse.self, "enroll-response.example.json")
    }

    @Test func aMissingFieldIsNamed() throws {
        #expect(throws: WireError(field: "batch", expected: "un texte")) {
            try PushRequest(wire: Self.example("push-request.invalid.missing-batch.json"))
        }
    }

    @Test func theHubsStoredPageEncodingIsTheMessagesCanonicalForm() throws {
        let json = try Self.example("changes-response.example.json")
        let message = try ChangesResponse(wire: json)
        let raw = message.envelopes.map {
            RawEnvelope(id: $0.id, headerBytes: $0.headerBytes, signature: $0.signature, body: $0.body)
        }
        let page = ChangesPage(raw: raw, next: message.next, more: message.more)
        #expect(ChangesResponse.encode(page, epoch: message.epoch) == (try CanonicalJSON.encode(json)))
    }

    @Test func theHubsCacheServesTheSameBytesAndNeverAnErasedEnvelopesEarlierForm() throws {
        let message = try ChangesResponse(wire: Self.example("changes-response.example.json"))
        let raw = message.envelopes.map {
            RawEnvelope(id: $0.id, headerBytes: $0.headerBytes, signature: $0.signature, body: $0.body)
        }
        let page = ChangesPage(raw: raw, next: message.next, more: message.more)
        let cache = WireLineCache(capacity: 2)
        let plain = ChangesResponse.encode(page, epoch: message.epoch)
        #expect(ChangesResponse.encode(page, epoch: message.epoch, line: cache.line) == plain)
        #expect(ChangesResponse.encode(page, epoch: message.epoch, line: cache.line) == plain, "served again from the cache")
        // Erased: the same id with its residue and the redaction's id is another line.
        var erased = raw[0]
        erased = RawEnvelope(id: erased.id, headerBytes: erased.headerBytes, signature: erased.signature, body: Array("{}".utf8), redactedBy: "r")
        #expect(cache.line(for: erased) == erased.wireLine && cache.line(for: erased) != raw[0].wireLine)
        // Bounded: two generations of at most `capacity` lines.
        for n in 0..<10 {
            _ = cache.line(for: RawEnvelope(id: "id-\(n)", headerBytes: raw[0].headerBytes, signature: raw[0].signature, body: raw[0].body))
        }
        #expect(cache.count <= 4)
    }

    @Test func anOversizedPushIsCountedWithoutReadingItsEnvelopes() throws {
        let items = Array(repeating: JSONValue.string("not an envelope"), count: Wire.maxEnvelopesPerBatch + 1)
        let request = try PushRequest(wire: .object(["batch": .string(RecordID.make()), "envelopes": .array(items)]))
        #expect(request.count == Wire.maxEnvelopesPerBatch + 1)
        #expect(request.envelopes.isEmpty && request.unreadable.isEmpty)
    }

    @Test func errorsReadAsTheyAreWritten() throws {
        let json = try Self.example("error.invitation-refused.json")
        let error = ProtocolError.from(json, status: 403)
        #expect(error.code == "invitation_refused")
        #expect(try CanonicalJSON.encode(error.wire) == CanonicalJSON.encode(json))
    }
}
