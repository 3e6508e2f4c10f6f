import Exchange
import Foundation
import Records
import Storage

/// What the hub may know of immersions without reading them: the clear metadata of sealed
/// steps (who wrote to whom, when, the thread, the kind of step and the disclosed facts). The
/// same state function as on the nodes runs over it, so the MDA's counts agree with the nodes.
public struct Steering: Sendable {
    public let store: RecordStore

    public init(store: RecordStore) {
        self.store = store
    }

    /// One immersion as its metadata shows it.
    public struct Thread: Sendable {
        public let id: String
        public let visitor: String
        public let host: String
        public let requestedAt: Timestamp
        /// When the host first answered (accept, decline or counter-proposal).
        public let firstAnswerAt: Timestamp?
        public let analysis: Analysis
        /// Evaluations written (by either party).
        public let evaluations: Int
        /// The follow-ups' disclosed facts: each structure's latest answer for each checkpoint.
        public let followUps: [FollowUpFact]
    }

    /// What a follow-up discloses: who answered, for which checkpoint, and two yes/no facts.
    public struct FollowUpFact: Sendable, Equatable {
        public let structure: String
        public let months: Int
        public let joint: Bool
        public let contact: Bool
    }

    /// Every immersion thread whose request the hub holds.
    public func threads() throws -> [Thread] {
        struct Seen {
            let record: StoredRecord
            let disclosed: SealedBody.Disclosure
            let recipients: [String]
            let created: Timestamp
        }
        var byThread: [String: [Seen]] = [:]
        for type in ImmersionBook.stepTypes {
            for record in try store.currentRecords(type: type) where record.visibility == .parties {
                // An erased step keeps its disclosed metadata: the MDA's counts survive an erasure.
                guard let sealed = RedactionResidue.metadata(of: record.body), let d = sealed.disclosed,
                    Self.stepNames[type]?.contains(d.step) == true, let created = Timestamp(record.created)
                else { continue }
                byThread[d.thread, default: []].append(
                    Seen(
                        record: record,
                        disclosed: d,
                        recipients: sealed.structures.filter { $0 != record.origin },
                        created: created
                    )
                )
            }
        }
        let followUps = try followUpFacts()
        return byThread.compactMap { id, seen in
            // The request names the thread; it has exactly one recipient, the host.
            guard let request = seen.first(where: { $0.disclosed.step == "request" && $0.record.record == id }), request.recipients.count == 1 else {
                return nil
            }
            let visitor = request.record.origin
            let host = request.recipients[0]
            let parties = seen.filter { $0.record.origin == visitor || $0.record.origin == host }
            let steps = parties.compactMap {
                Self.step(
                    from: $0.disclosed,
                    author: $0.record.origin,
                    seq: $0.record.seq,
                    written: Day.today($0.created.date),
                    host: host,
                    visitor: visitor
                )
            }
            let firstAnswer = parties.filter { $0.record.origin == host && ["accept", "decline", "counter"].contains($0.disclosed.step) }.map(
                \.created
            ).min()
            return Thread(
                id: id,
                visitor: visitor,
                host: host,
                requestedAt: request.created,
                firstAnswerAt: firstAnswer,
                analysis: Analysis(steps),
                evaluations: parties.filter { $0.disclosed.step == "evaluation" }.count,
                followUps: (followUps[id] ?? []).filter { $0.structure == visitor || $0.structure == host }
            )
        }.sorted { $0.requestedAt < $1.requestedAt }
    }

    /// The disclosed facts of every follow-up, by thread; the latest per structure and checkpoint.
    func followUpFacts() throws -> [String: [FollowUpFact]] {
        var latest: [String: (fact: FollowUpFact, created: String)] = [:]
        var threadOf: [String: String] = [:]
        for record in try store.currentRecords(type: ImmersionFollowUp.recordType) where record.visibility == .parties {
            guard let d = RedactionResidue.metadata(of: record.body)?.disclosed, d.step == "followup", let months = d.months,
                let joint = d.joint, let contact = d.contact
            else { continue }
            let key = "\(d.thread):\(record.origin):\(months)"
            if let known = latest[key], known.created > record.created { continue }
            latest[key] = (FollowUpFact(structure: record.origin, months: months, joint: joint, contact: contact), record.created)
            threadOf[key] = d.thread
        }
        var byThread: [String: [FollowUpFact]] = [:]
        for (key, value) in latest {
            if let thread = threadOf[key] { byThread[thread, default: []].append(value.fact) }
        }
        return byThread
    }

    static let stepNames: [RecordType: Set<String>] = [
        ImmersionRequest.recordType: ["request"], ImmersionAnswer.recordType: ["accept", "decline", "counter"],
        ImmersionConvention.recordType: ["convention"], ConventionSignature.recordType: ["signature"],
        ImmersionCancellation.recordType: ["cancellation"], ImmersionEvaluation.recordType: ["evaluation"],
    ]

    /// A step rebuilt from metadata only: enough for the state function, with nothing of the content.
    static func step(from d: SealedBody.Disclosure, author: String, seq: Int64, written: Day, host: String, visitor: String) -> ImmersionStep? {
        let placeholder = Period(from: Day(daysSinceEpoch: 0), to: Day(daysSinceEpoch: 0))
        let kind: ImmersionStep.Kind
        switch d.step {
        case "request":
            kind = .request(
                ImmersionRequest(
                    offer: "",
                    host: host,
                    visitorName: "",
                    visitorJob: "",
                    experience: "",
                    period: d.period ?? placeholder,
                    objective: "",
                    practisingProfessional: true
                )
            )
        case "accept", "decline", "counter":
            guard let decision = ImmersionAnswer.Decision(rawValue: d.step) else { return nil }
            kind = .answer(ImmersionAnswer(request: d.thread, decision: decision, period: d.period, reason: decision == .decline ? .other : nil))
        case "convention":
            // Versions are told apart by their material hash here: what matters for signatures.
            guard let material = d.material else { return nil }
            kind = .convention(hash: material, materialHash: material)
        case "signature":
            guard let material = d.material, let party = d.party.flatMap(ConventionSignature.Party.init(rawValue:)) else { return nil }
            kind = .signature(ConventionSignature(request: d.thread, party: party, conventionHash: material, signerName: ""))
        case "cancellation":
            kind = .cancellation(ImmersionCancellation(request: d.thread, reason: ""))
        case "evaluation":
            kind = .evaluation(ImmersionEvaluation(request: d.thread, role: author == host ? .host : .visitor, attended: d.attended ?? true))
        default:
            return nil
        }
        return ImmersionStep(author: author, seq: seq, kind: kind, written: written)
    }

    /// Requests without any answer from their host after `ToDoList.answerDelayDays` days, counted per host.
    public func unansweredRequests(today: Day) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for thread in try threads() where Self.isOverdue(thread, today: today) {
            counts[thread.host, default: 0] += 1
        }
        return counts
    }

    static func isOverdue(_ thread: Thread, today: Day) -> Bool {
        guard case .requested = thread.analysis.state(today: today), thread.firstAnswerAt == nil else { return false }
        return today.daysSinceEpoch - Day.today(thread.requestedAt.date).daysSinceEpoch > ToDoList.answerDelayDays
    }
}
