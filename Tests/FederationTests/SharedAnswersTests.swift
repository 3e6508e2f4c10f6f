import NIOCore
import Testing

@testable import Federation
@testable import Storage

/// The members a ring wakes share one encoded answer when their pages are the same, and only then.
@Suite("Shared answers of the changes feed")
struct SharedAnswersTests {
    func raw(_ id: String, body: String = "corps", redactedBy: String? = nil) -> RawEnvelope {
        RawEnvelope(id: id, headerBytes: Array("{}".utf8), signature: [1, 2, 3], body: Array(body.utf8), redactedBy: redactedBy)
    }

    @Test func theSamePageIsEncodedOnceAndAnswersEveryone() {
        let answers = SharedAnswers()
        var encodings = 0
        let page = ChangesPage(raw: [raw("a"), raw("b")], next: 12, more: false)
        let expected = ChangesResponse.encode(page, epoch: "e1")
        func answer(_ page: ChangesPage, epoch: String = "e1") -> ByteBuffer {
            answers.answer(for: page, epoch: epoch) {
                encodings += 1
                return ChangesResponse.encode(page, epoch: epoch)
            }
        }
        #expect(Array(buffer: answer(page)) == expected)
        #expect(Array(buffer: answer(ChangesPage(raw: [raw("a"), raw("b")], next: 12, more: false))) == expected)
        #expect(encodings == 1, "the second member got the first one's bytes")

        // Anything the bytes are made of makes another answer.
        _ = answer(ChangesPage(raw: [raw("a")], next: 12, more: false))
        _ = answer(ChangesPage(raw: [raw("a"), raw("b")], next: 13, more: false))
        _ = answer(ChangesPage(raw: [raw("a"), raw("b")], next: 12, more: true))
        _ = answer(page, epoch: "e2")
        #expect(encodings == 5)
    }

    @Test func anErasedEnvelopeIsNeverServedFromItsEarlierForm() {
        let answers = SharedAnswers()
        let before = ChangesPage(raw: [raw("a", body: "données personnelles")], next: 3, more: false)
        let after = ChangesPage(raw: [raw("a", body: "", redactedBy: "r1")], next: 3, more: false)
        _ = answers.answer(for: before, epoch: "e") { ChangesResponse.encode(before, epoch: "e") }
        let erased = Array(buffer: answers.answer(for: after, epoch: "e") { ChangesResponse.encode(after, epoch: "e") })
        #expect(erased == ChangesResponse.encode(after, epoch: "e"))
        #expect(!String(decoding: erased, as: UTF8.self).contains("données"))
    }

    @Test func itHoldsAtMostItsCapacity() {
        let answers = SharedAnswers(capacity: 2)
        var encodings = 0
        for n in 0..<3 {
            let page = ChangesPage(raw: [raw("a")], next: Int64(n), more: false)
            _ = answers.answer(for: page, epoch: "e") {
                encodings += 1
                return ChangesResponse.encode(page, epoch: "e")
            }
        }
        let first = ChangesPage(raw: [raw("a")], next: 0, more: false)
        _ = answers.answer(for: first, epoch: "e") {
            encodings += 1
            return ChangesResponse.encode(first, epoch: "e")
        }
        #expect(encodings == 4, "the first answer was dropped to make room")
    }
}
