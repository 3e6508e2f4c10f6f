import Foundation
import Records
import Storage

/// What a node remembers of its synchronisation, kept in its database's meta table.
public struct SyncState: Sendable, Equatable {
    static let hubURLKey = "hub_url"
    static let cursorKey = "pull_cursor"
    static let epochKey = "pull_epoch"
    static let hubHeadKey = "hub_head_seq"
    static let lastSuccessKey = "sync_last_success"
    static let lastAttemptKey = "sync_last_attempt"
    static let lastErrorKey = "sync_last_error"
    static let lastRejectionsKey = "sync_last_rejections"

    public var hubURL: String?
    public var cursor: Int64
    public var hubEpoch: String?
    /// The hub's head of our chain at the last contact.
    public var hubHeadSeq: Int64
    public var lastSuccess: Timestamp?
    public var lastAttempt: Timestamp?
    public var lastError: String?
    public var lastRejections: String?
    /// Our own records the hub does not hold yet (as of the last contact).
    public var waiting: Int
    public var recoveryPending: Bool

    public static func load(_ node: OpenNode) throws -> SyncState {
        let store = node.store
        let hubHead = Int64(try store.meta(hubHeadKey) ?? "0") ?? 0
        return SyncState(
            hubURL: try store.meta(hubURLKey),
            cursor: Int64(try store.meta(cursorKey) ?? "0") ?? 0,
            hubEpoch: try store.meta(epochKey),
            hubHeadSeq: hubHead,
            lastSuccess: (try store.meta(lastSuccessKey)).flatMap(Timestamp.init),
            lastAttempt: (try store.meta(lastAttemptKey)).flatMap(Timestamp.init),
            lastError: try store.meta(lastErrorKey).flatMap { $0.isEmpty ? nil : $0 },
            lastRejections: try store.meta(lastRejectionsKey).flatMap { $0.isEmpty ? nil : $0 },
            waiting: try store.pendingCount(origin: node.structureID, afterSeq: hubHead),
            recoveryPending: try store.meta(NodeDirectory.metaRecoveryPending) == "1"
        )
    }
}
