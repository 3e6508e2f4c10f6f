import NIOCore
import Storage
import Synchronization

/// Encoded answers of the changes feed, shared by the members that get the same page. A ring
/// wakes every member waiting at the log's end, and each gets the same records (a page of
/// network records is the same for everyone but its authors): the page is encoded once and one
/// buffer answers them all (a ByteBuffer is copy-on-write; sending it does not copy it).
///
/// Keyed by what the bytes are made of (each envelope's id and redaction, the cursor, `more`,
/// the epoch), so a shared answer is exactly what encoding the member's page would give.
final class SharedAnswers: Sendable {
    private struct Key: Hashable {
        let envelopes: [String]
        let next: Int64
        let more: Bool
        let epoch: String
    }

    private let answers = Mutex<[Key: ByteBuffer]>([:])
    /// At 64 KiB an answer, a few megabytes at most.
    let capacity: Int

    init(capacity: Int = 64) {
        self.capacity = capacity
    }

    /// The encoded answer for `page`: the one already made for the same page, or `encode`'s.
    func answer(for page: ChangesPage, epoch: String, encode: () -> [UInt8]) -> ByteBuffer {
        guard !page.raw.isEmpty else { return ByteBuffer(bytes: encode()) }
        let key = Key(
            envelopes: page.raw.map { raw in raw.redactedBy.map { "\(raw.id)|\($0)" } ?? raw.id },
            next: page.next,
            more: page.more,
            epoch: epoch
        )
        if let shared = answers.withLock({ $0[key] }) { return shared }
        let buffer = ByteBuffer(bytes: encode())
        answers.withLock { answers in
            if answers.count >= capacity { answers.removeAll(keepingCapacity: true) }
            answers[key] = buffer
        }
        return buffer
    }
}
