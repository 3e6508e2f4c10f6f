import Exchange
import Foundation
import Records
import Storage

/// The network's retention policy applied to this node's own records (protocol/federation.md,
/// "Redactions"): each record past its period is erased by a redaction, which the hub and the
/// other structure apply too. Run daily by `serve`; `vmvp purge --dry-run` and the accounts
/// page show what is due next.
public struct RecordRetention: Sendable {
    public enum Kind: Sendable, Equatable {
        /// A request that never became an immersion.
        case unrealised
        /// A signed immersion.
        case immersion
        case demand
        case offer
    }

    /// One thing to erase, when, and what it is (for the node's administrators).
    public struct Item: Sendable, Equatable {
        public let kind: Kind
        /// The immersion (thread) or the record.
        public let id: String
        public let label: String
        public let due: Day
    }

    public let policy: RetentionPolicy
    public let today: Day
    /// Everything this node wrote that the policy will erase by `today + lookahead`, soonest first.
    public let items: [Item]

    /// The policy the hub published last, else the one shipped.
    public static func policy(node: OpenNode) throws -> RetentionPolicy {
        let hub = try node.settings[.hubStructureID]
        let published = try node.store.currentRecords(type: RetentionPolicy.recordType).filter { $0.origin == hub || hub == nil }
        guard let latest = published.max(by: { $0.created < $1.created }), let policy = try? latest.decode(RetentionPolicy.self) else {
            return .standard
        }
        return policy
    }

    public init(node: OpenNode, today: Day, lookahead: Int = 0) throws {
        let policy = try Self.policy(node: node)
        self.policy = policy
        self.today = today
        let names = try node.structureNames()
        var items: [Item] = []
        for immersion in try ImmersionBook(node: node).all() {
            let signed = !immersion.signatures.isEmpty
            let last = immersion.entries.map { Day.today($0.created.date) }.max() ?? Day.today(immersion.requestedAt.date)
            let due = signed ? immersion.period.to.adding(days: policy.immersionDays) : last.adding(days: policy.unrealisedDays)
            let what = signed ? "Immersion" : "Demande d'immersion sans suite"
            items.append(
                Item(
                    kind: signed ? .immersion : .unrealised,
                    id: immersion.id,
                    label:
                        "\(what) de \(immersion.request.visitorName) \((names[immersion.hostStructure] ?? .unknown).at), \(French.period(immersion.period))",
                    due: due
                )
            )
        }
        let own = node.structureID
        for record in try node.store.currentRecords(type: .demand, origin: own, includeRetracted: true) {
            let demand = try? record.decode(Demand.self)
            guard record.retracted || demand?.status == .closed || demand.map({ Self.allOver($0.possiblePeriods, today: today) }) == true
            else { continue }
            let ended = demand?.possiblePeriods.map(\.to).max() ?? Day.today()
            let due = max(Day.today(Timestamp(record.created)?.date ?? Date()), ended).adding(days: policy.closedDays)
            items.append(
                Item(kind: .demand, id: record.record, label: "Demande de découverte de \(demand?.requesterName ?? "personne inconnue")", due: due)
            )
        }
        for record in try node.store.currentRecords(type: .offer, origin: own, includeRetracted: true) {
            let offer = try? record.decode(Offer.self)
            guard record.retracted || offer?.status == .archived || offer.map({ Self.allOver($0.possiblePeriods, today: today) }) == true
            else { continue }
            let ended = offer?.possiblePeriods.map(\.to).max() ?? Day.today()
            let due = max(Day.today(Timestamp(record.created)?.date ?? Date()), ended).adding(days: policy.closedDays)
            items.append(
                Item(kind: .offer, id: record.record, label: "Offre : \(offer.map { "\($0.establishment) (\($0.commune))" } ?? "retirée")", due: due)
            )
        }
        let horizon = today.adding(days: lookahead)
        self.items = items.filter { $0.due <= horizon }.sorted { ($0.due, $0.label) < ($1.due, $1.label) }
    }

    static func allOver(_ periods: [Period], today: Day) -> Bool { !periods.isEmpty && periods.allSatisfy { $0.to < today } }

    /// Items due today or earlier.
    public var due: [Item] { items.filter { $0.due <= today } }

    /// Erases what is due: one redaction for the immersions (the other party follows) and the
    /// records. Returns how many items were erased.
    @discardableResult
    public func apply(node: OpenNode, now: Date = Date()) throws -> Int {
        let due = self.due
        guard !due.isEmpty else { return 0 }
        let threads = due.filter { $0.kind == .immersion || $0.kind == .unrealised }.map(\.id)
        let records = due.filter { $0.kind == .demand || $0.kind == .offer }.map(\.id)
        let ids =
            try node.store.ownEnvelopeIDs(inThreads: Set(threads), origin: node.structureID)
            + node.store.ownEnvelopeIDs(ofRecords: records, origin: node.structureID)
        if !ids.isEmpty { try node.store.redact(ids, reason: .retention, threads: threads, as: node.author, now: now) }
        return due.count
    }
}
