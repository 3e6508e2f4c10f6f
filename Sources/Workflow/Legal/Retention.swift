import Foundation
import Records
import Storage

extension AccountRetentionPolicy {
    /// The account part of the network's policy; traces and the administration log keep the
    /// node's own periods.
    public init(_ policy: RetentionPolicy) {
        let standard = AccountRetentionPolicy.standard
        self.init(
            deactivateUnusedAfter: Double(policy.accountUnusedDays) * Self.days,
            deleteDeactivatedAfter: Double(policy.accountGraceDays) * Self.days,
            traceLifetime: standard.traceLifetime,
            auditLifetime: standard.auditLifetime
        )
    }
}

/// The daily retention pass of a node: its accounts, its own records past their period, and
/// the erasures other structures asked it to follow.
public enum Retention {
    public struct Report: Sendable, Equatable {
        public var accounts: AccountPurge
        /// Immersions, demands and offers erased (or, previewed, to erase).
        public var records: [RecordRetention.Item]
        /// Redactions written to follow another structure's erasure.
        public var followed: Int

        public var isEmpty: Bool { accounts.isEmpty && records.isEmpty && followed == 0 }
    }

    public static func run(node: OpenNode, now: Date = Date()) throws -> Report {
        let records = try RecordRetention(node: node, today: Day.today(now))
        try records.apply(node: node, now: now)
        let accounts = try node.accounts.purge(policy: AccountRetentionPolicy(records.policy), now: now)
        let followed = try node.store.followRedactions(as: node.author, now: now).count
        return Report(accounts: accounts, records: records.due, followed: followed)
    }

    /// What `run` would do now, without doing it.
    public static func preview(node: OpenNode, now: Date = Date()) throws -> Report {
        let records = try RecordRetention(node: node, today: Day.today(now))
        let accounts = try node.accounts.purgePreview(policy: AccountRetentionPolicy(records.policy), now: now)
        return Report(accounts: accounts, records: records.due, followed: 0)
    }
}
