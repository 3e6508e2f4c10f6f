import Exchange
import Foundation
import Records
import Storage

/// Reads the immersions a node holds: opens the sealed records with the node's key and groups
/// them by the request they belong to.
public struct ImmersionBook: Sendable {
    public let node: OpenNode

    public init(node: OpenNode) {
        self.node = node
    }

    static let stepTypes: [RecordType] = [
        ImmersionRequest.recordType, ImmersionAnswer.recordType, ImmersionConvention.recordType,
        ConventionSignature.recordType, ImmersionCancellation.recordType, ImmersionEvaluation.recordType,
    ]

    /// Every immersion this node is a party to, most recent request first.
    public func all() throws -> [Immersion] {
        try immersions(thread: nil)
    }

    public func immersion(_ id: String) throws -> Immersion? {
        try immersions(thread: id).first
    }

    /// `thread`: only that immersion. Its steps are picked by the thread they disclose in clear
    /// before any is opened (a step whose disclosure differs from its content is dropped anyway),
    /// so looking up one immersion does not decrypt all the others.
    func immersions(thread only: String?) throws -> [Immersion] {
        var byThread: [String: [(Immersion.Entry, SealedBody.Disclosure)]] = [:]
        let onlyBytes = only.map { Array($0.utf8) }
        for type in Self.stepTypes {
            for record in try node.store.currentRecords(type: type) {
                // A body that does not hold the id at all cannot disclose it: skipped unparsed.
                if let only, let onlyBytes, record.body.firstRange(of: onlyBytes) == nil || Self.disclosedThread(of: record) != only {
                    continue
                }
                guard let (thread, entry, disclosed) = open(record) else { continue }
                byThread[thread, default: []].append((entry, disclosed))
            }
        }
        return byThread.compactMap { thread, opened in
            // The clear metadata the hub counts with must say what the sealed content says.
            // Versions count only from the host named by the request, as in the state function.
            let host = opened.lazy.compactMap { entry, _ -> String? in
                if case .request(let r) = entry.step.kind { return r.host } else { return nil }
            }.first
            let materialOf = Dictionary(
                opened.filter { $0.0.author == host }.compactMap { $0.0.convention.map { ($0.versionHash, $0.materialHash) } },
                uniquingKeysWith: { a, _ in a }
            )
            let entries = opened.filter { entry, disclosed in
                disclosed == Disclosures.expected(thread: thread, kind: entry.step.kind, convention: entry.convention, materialOf: materialOf)
            }.map(\.0).sorted { ($0.created, $0.author, $0.step.seq) < ($1.created, $1.author, $1.step.seq) }
            guard let first = entries.first(where: { if case .request = $0.step.kind { return true } else { return false } }),
                case .request(let request) = first.step.kind
            else { return nil }
            return Immersion(
                id: thread,
                visitorStructure: first.author,
                hostStructure: request.host,
                request: request,
                requestedAt: first.created,
                entries: entries,
                analysis: Analysis(entries.map(\.step))
            )
        }.sorted { $0.requestedAt > $1.requestedAt }
    }

    static func disclosedThread(of record: StoredRecord) -> String? {
        guard record.visibility == .parties, let sealed = try? SealedBody(json: JSONParser.parse(record.body)) else { return nil }
        return sealed.disclosed?.thread
    }

    /// Opens one sealed step, with the metadata it disclosed in clear.
    func open(_ record: StoredRecord) -> (String, Immersion.Entry, SealedBody.Disclosure)? {
        guard record.visibility == .parties,
            let sealed = try? SealedBody(json: JSONParser.parse(record.body)), let disclosed = sealed.disclosed,
            let clear = try? JSONParser.parse(node.clearBody(of: record)),
            let created = Timestamp(record.created)
        else { return nil }
        let kind: ImmersionStep.Kind
        var convention: Convention?
        let thread: String
        switch record.type {
        case ImmersionRequest.recordType:
            // Sealed to exactly the requesting structure and the host it names.
            guard let r = try? ImmersionRequest.validated(clear), Set(sealed.structures) == [record.origin, r.host] else { return nil }
            kind = .request(r)
            thread = record.record
        case ImmersionAnswer.recordType:
            guard let a = try? ImmersionAnswer.validated(clear) else { return nil }
            kind = .answer(a)
            thread = a.request
        case ImmersionConvention.recordType:
            guard let c = try? ImmersionConvention.validated(clear) else { return nil }
            kind = .convention(hash: c.convention.versionHash, materialHash: c.convention.materialHash)
            convention = c.convention
            thread = c.request
        case ConventionSignature.recordType:
            guard let s = try? ConventionSignature.validated(clear) else { return nil }
            kind = .signature(s)
            thread = s.request
        case ImmersionCancellation.recordType:
            guard let c = try? ImmersionCancellation.validated(clear) else { return nil }
            kind = .cancellation(c)
            thread = c.request
        case ImmersionEvaluation.recordType:
            guard let e = try? ImmersionEvaluation.validated(clear) else { return nil }
            kind = .evaluation(e)
            thread = e.request
        default:
            return nil
        }
        let step = ImmersionStep(author: record.origin, seq: record.seq, kind: kind, written: Day.today(created.date))
        return (
            thread, Immersion.Entry(record: record.record, author: record.origin, created: created, step: step, convention: convention), disclosed
        )
    }
}
