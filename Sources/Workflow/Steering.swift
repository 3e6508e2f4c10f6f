import Exchange
import Foundation
import Records
import Storage

/// What the hub may know of immersions without reading them: the clear metadata of sealed
/// steps (who wrote to whom, when, which kind of step, which thread). Used for the MDA's counts.
public struct Steering: Sendable {
    public let store: RecordStore

    public init(store: RecordStore) {
        self.store = store
    }

    /// One disclosed step.
    public struct Step: Sendable {
        public let thread: String
        public let step: String
        public let origin: String
        public let created: Timestamp
    }

    /// Every disclosed immersion step held here, by thread.
    public func threads() throws -> [String: [Step]] {
        var threads: [String: [Step]] = [:]
        for type in ImmersionBook.stepTypes {
            for record in try store.currentRecords(type: type) where record.visibility == .parties {
                guard let sealed = try? SealedBody(json: JSONParser.parse(record.body)), let d = sealed.disclosed,
                      let created = Timestamp(record.created) else { continue }
                threads[d.thread, default: []].append(Step(thread: d.thread, step: d.step, origin: record.origin, created: created))
            }
        }
        return threads
    }

    /// Requests without any answer from their host after `ToDoList.answerDelayDays` days, counted
    /// per host structure. The host is the other party of the request (its only recipient).
    public func unansweredRequests(today: Day) throws -> [String: Int] {
        let requests = try store.currentRecords(type: ImmersionRequest.recordType).filter { $0.visibility == .parties }
        let threads = try threads()
        var counts: [String: Int] = [:]
        for request in requests {
            guard let created = Timestamp(request.created),
                  today.daysSinceEpoch - Day.today(created.date).daysSinceEpoch > ToDoList.answerDelayDays,
                  let host = try recipients(of: request).first else { continue }
            let steps = threads[request.record] ?? []
            let answered = steps.contains { ["accept", "decline", "counter"].contains($0.step) && $0.origin == host }
            let cancelled = steps.contains { $0.step == "cancellation" }
            if !answered && !cancelled { counts[host, default: 0] += 1 }
        }
        return counts
    }

    func recipients(of record: StoredRecord) throws -> [String] {
        guard let sealed = try? SealedBody(json: JSONParser.parse(record.body)) else { return [] }
        return sealed.structures.filter { $0 != record.origin }
    }
}
