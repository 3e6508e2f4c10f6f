import TestSupport
import Testing

@testable import Records

@Suite("Record size limits")
struct RecordLimitsTests {
    @Test func aFullOfferFitsItsLimit() throws {
        // Every long text at its maximum length, in characters that take the most bytes.
        let long = JSONValue.string(String(repeating: "\u{1F600}", count: 4000))
        let keys = [
            "observableMissions", "observableJobProfiles", "observerProfile", "proposedContents", "specialConditions", "expectedEffectsHost",
            "expectedEffectsVisitor",
        ]
        let offer = try Offer.validated(Samples.offer(Dictionary(uniqueKeysWithValues: keys.map { ($0, long) })))
        #expect(offer.canonicalBytes().count <= RecordLimits.maximum(for: .offer)!)
    }

    @Test func unknownTypesAndOversizedBodiesAreNamed() {
        #expect(RecordLimits.problem(type: .offer, size: 1000, unknownAllowed: false) == nil)
        #expect(RecordLimits.problem(type: .offer, size: 300 * 1024, unknownAllowed: false)?.contains("300 Kio pour 256 Kio") == true)
        #expect(RecordLimits.problem(type: RecordType(rawValue: "future_type"), size: 10, unknownAllowed: false)?.contains("inconnu") == true)
        #expect(RecordLimits.problem(type: RecordType(rawValue: "future_type"), size: 10, unknownAllowed: true) == nil)
    }
}
