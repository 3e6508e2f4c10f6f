import Foundation
import Logging
import Records
import Storage

/// One node's synchronisation with the hub (protocol/federation.md, "Sync session"):
/// ask the hub what it holds of our chain, recover our own records if it holds more
/// (restored node), push what it lacks, then pull the changes feed.
public final class Synchronizer: Sendable {
    public let node: OpenNode
    let transport: any HubTransport
    let batchSize: Int
    let pageSize: Int

    public struct Report: Sendable, Equatable {
        public var pushed = 0
        public var pulled = 0
        public var recovered = 0
        public var rejected: [Rejection] = []
        public var epochChanged = false
        /// Redactions received: another structure erased records, perhaps asking us to follow.
        public var redactions = 0
        /// Redactions we wrote to follow them (pushed in the same round).
        public var followed = 0
    }

    public init(node: OpenNode, transport: any HubTransport, batchSize: Int = Wire.nodeBatchSize, pageSize: Int = Wire.nodePageSize) {
        self.node = node
        self.transport = transport
        self.batchSize = batchSize
        self.pageSize = pageSize
    }

    /// The HTTPS transport for an enrolled node. The caller shuts it down.
    public static func transport(for node: OpenNode) throws -> HTTPSHubTransport {
        let files = TLSFiles(node.directory)
        guard files.isEnrolled, let url = try node.settings[.hubURL] else { throw SyncError.notEnrolled }
        return HTTPSHubTransport(baseURL: url, tls: try files.clientConfiguration())
    }

    var store: RecordStore { node.store }

    /// One full round; records the outcome (success time or French error) for `vmvp status`.
    @discardableResult
    public func syncOnce(now: Date = Date()) async throws -> Report {
        do {
            try node.settings.set(.lastSyncAttempt, Timestamp(now).description)
            let report = try await round()
            try node.settings.set(.lastSyncSuccess, Timestamp(Date()).description)
            try node.settings.set(.lastSyncError, "")
            try node.settings.set(.lastSyncRejections, report.rejected.prefix(20).map(\.description).joined(separator: "\n"))
            // After a round that reached the hub: a certificate near its end is renewed now, and
            // a failed renewal is tried again at the next round (the current one is still valid).
            _ = try? await renewCertificateIfDue(now: now)
            return report
        } catch {
            // On a full or read-only disk this write fails too: `status` then finds the reason itself.
            try? node.settings.set(.lastSyncError, Self.describe(error))
            throw error
        }
    }

    /// A sync failure in one French sentence, for `status`, the site and the logs.
    public static func describe(_ error: any Error) -> String {
        if let sync = error as? SyncError { return sync.description }
        if let storage = StorageFailure(error) { return storage.sentence }
        if let store = error as? StoreError { return store.description }
        return "Erreur inattendue pendant la synchronisation (\(type(of: error)))."
    }

    func round() async throws -> Report {
        var report = Report()
        let head = try await transport.head()
        let (hubSeq, hubHash, epoch) = (head.seq, head.hash, head.epoch)
        if try node.settings[.pullEpoch] != epoch {
            // A new hub epoch (restored hub): start the feed over; duplicates are ignored.
            report.epochChanged = try node.settings[.pullEpoch] != nil
            try node.settings.set(.pullEpoch, epoch)
            try node.settings.set(.pullCursor, "0")
        }
        let localSeq = try store.head(origin: node.structureID)?.seq ?? 0
        if hubSeq > localSeq {
            // Recovering is only right if the hub's chain continues ours: a database put back
            // by hand, then written to, has a record the hub holds differently.
            if localSeq > 0, try await hubEnvelopeHash(at: localSeq) != store.envelopeHash(origin: node.structureID, seq: localSeq) {
                throw try await divergence(below: localSeq)
            }
            report.recovered = try await recover(after: localSeq, upTo: hubSeq)
        } else if hubSeq > 0, try store.envelopeHash(origin: node.structureID, seq: hubSeq) != hubHash {
            throw try await divergence(below: hubSeq)
        }
        try node.settings.set(.recoveryPending, "0")
        try node.settings.set(.hubHeadSeq, String(hubSeq))
        report.pushed = try await push(hubSeq: hubSeq, report: &report)
        report.pulled = try await pull(report: &report)
        if report.redactions > 0 {
            // An erasure reaches every copy within one round: ours follow at once.
            let pushedUpTo = try store.head(origin: node.structureID)?.seq ?? 0
            report.followed = try store.followRedactions(as: node.author).count
            if report.followed > 0 { report.pushed += try await push(hubSeq: pushedUpTo, report: &report) }
        }
        return report
    }

    /// What one long-poll of the changes feed brought.
    public enum FollowOutcome: Sendable, Equatable {
        /// The wait passed with nothing new.
        case nothing
        /// The answer's envelopes were stored and the cursor moved past them: no round needed.
        case ingested(Int)
        /// A full round is needed: the answer says more is waiting, the epoch changed, or
        /// something was refused, erased or missing (the round reports it and follows erasures).
        case roundNeeded
    }

    /// Long-polls the changes feed from where the last pull stopped and stores the answer
    /// itself, as a round's pull would (protocol/federation.md, "Long-poll"): one request per
    /// change instead of a long-poll, then a round's head and changes requests.
    public func follow(wait: Duration) async throws -> FollowOutcome {
        let stored = try node.settings[.pullCursor]
        let page = try await transport.changes(since: Int64(stored ?? "0") ?? 0, limit: pageSize, wait: wait)
        let sameEpoch = try page.epoch == node.settings[.pullEpoch]
        if sameEpoch && page.envelopes.isEmpty && page.unreadable.isEmpty { return .nothing }
        guard sameEpoch, page.unreadable.isEmpty else { return .roundNeeded }
        let outcome = try await store.ingest(page.envelopes, mode: .pull)
        // Anything the round would report or act on: the round pulls this page again (what was
        // stored is a duplicate then), so the cursor stays.
        guard outcome.rejected.isEmpty, outcome.forks.isEmpty, outcome.redactions == 0, outcome.gap == nil else { return .roundNeeded }
        // Only if no round moved the cursor meanwhile (it then pulled this page too).
        _ = try node.settings.set(.pullCursor, String(page.next), ifStill: stored)
        return page.more ? .roundNeeded : .ingested(outcome.accepted.count)
    }

    /// For benchmarks: one long-poll of the feed from `cursor`, nothing ingested.
    public func peek(since cursor: Int64, limit: Int, wait: Duration) async throws -> ChangesResponse {
        try await transport.changes(since: cursor, limit: limit, wait: wait)
    }

    /// For benchmarks: sends what the hub lacks of our chain, without pulling.
    @discardableResult
    public func pushOnly() async throws -> Int {
        var report = Report()
        return try await push(hubSeq: try await transport.head().seq, report: &report)
    }

    /// The hash of the envelope the hub holds at `seq` in our chain.
    func hubEnvelopeHash(at seq: Int64) async throws -> String? {
        try await transport.own(after: seq - 1, limit: 1).envelopes.first { $0.header.seq == seq }?.hash
    }

    /// Finds where our chain and the hub's part, walking back from `top` (they differ there),
    /// and names our records from that point: the network keeps the hub's version of them.
    func divergence(below top: Int64) async throws -> SyncError {
        var first = top
        var seq = top - 1
        let maxSteps = 200
        while seq >= 1, top - seq <= maxSteps {
            if try await hubEnvelopeHash(at: seq) == store.envelopeHash(origin: node.structureID, seq: seq) { break }
            first = seq
            seq -= 1
        }
        let ours = try store.ownEnvelopes(origin: node.structureID, afterSeq: first - 1, limit: 20)
        let lost = ours.map {
            "n° \($0.header.seq), \(French.recordKind($0.header.type)) \($0.header.record) du \(French.dateTimeWithZone($0.header.created))"
        }
        return .forkedWithHub(seq: first, lost: lost)
    }

    /// Pulls back our own records the hub holds and we lost (restored from a backup).
    func recover(after localSeq: Int64, upTo hubSeq: Int64) async throws -> Int {
        var after = localSeq
        var recovered = 0
        while after < hubSeq {
            let page = try await transport.own(after: after, limit: pageSize)
            guard !page.envelopes.isEmpty else { break }
            let outcome = try await store.ingest(page.envelopes, mode: .pull)
            recovered += outcome.accepted.count
            let newHead = try store.head(origin: node.structureID)?.seq ?? after
            guard newHead > after else { throw SyncError.malformedResponse("récupération sans progrès (enregistrements refusés)") }
            after = newHead
        }
        return recovered
    }

    func push(hubSeq start: Int64, report: inout Report) async throws -> Int {
        var hubSeq = start
        var pushed = 0
        while true {
            let pending = try store.ownEnvelopes(origin: node.structureID, afterSeq: hubSeq, limit: batchSize, maxBytes: Wire.maxPageBytes)
            guard !pending.isEmpty else { break }
            let response = try await transport.push(PushRequest(batch: RecordID.make(), envelopes: pending))
            let newSeq = response.headSeq
            report.rejected += response.rejected + response.forks + response.withheld
            pushed += response.accepted.count
            try node.settings.set(.hubHeadSeq, String(newSeq))
            // Only the receiver's answer moves us on (after a gap it names where to resume);
            // without progress the remaining records need a person, and are reported.
            guard newSeq != hubSeq else { break }
            hubSeq = newSeq
        }
        return pushed
    }

    func pull(report: inout Report) async throws -> Int {
        var cursor = Int64(try node.settings[.pullCursor] ?? "0") ?? 0
        var epoch = try node.settings[.pullEpoch]
        var pulled = 0
        // The next page is fetched while this one is verified and written (a long pull then
        // costs what the slower of the two costs, not their sum).
        let (transport, pageSize) = (self.transport, self.pageSize)
        func fetch(_ since: Int64) -> Task<ChangesResponse, any Error> {
            Task { try await transport.changes(since: since, limit: pageSize) }
        }
        var fetching = fetch(cursor)
        defer { fetching.cancel() }
        while true {
            let page = try await fetching.value
            let (next, pageEpoch) = (page.next, page.epoch)
            if pageEpoch != epoch {
                epoch = pageEpoch
                report.epochChanged = true
                try node.settings.set(.pullEpoch, pageEpoch)
                cursor = 0
                fetching = fetch(cursor)
                continue
            }
            if page.more { fetching = fetch(next) }
            let outcome = try await store.ingest(page.envelopes, mode: .pull)
            pulled += outcome.accepted.count
            report.redactions += outcome.redactions
            report.rejected += page.unreadable + outcome.rejected + outcome.forks
            // The cursor moves only after the page is durably stored.
            cursor = next
            try node.settings.set(.pullCursor, String(cursor))
            if !page.more { break }
        }
        return pulled
    }
}
