import Foundation
import Records

/// What a node remembers of its synchronisation with the hub, read from its settings: the
/// site's banner, the status page and `vmvp status` show it; Federation's synchroniser writes it.
public struct SyncState: Sendable, Equatable {
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
        let settings = node.settings
        let hubHead = Int64(try settings[.hubHeadSeq] ?? "0") ?? 0
        return SyncState(
            hubURL: try settings[.hubURL],
            cursor: Int64(try settings[.pullCursor] ?? "0") ?? 0,
            hubEpoch: try settings[.pullEpoch],
            hubHeadSeq: hubHead,
            lastSuccess: (try settings[.lastSyncSuccess]).flatMap(Timestamp.init),
            lastAttempt: (try settings[.lastSyncAttempt]).flatMap(Timestamp.init),
            lastError: try settings[.lastSyncError].flatMap { $0.isEmpty ? nil : $0 },
            lastRejections: try settings[.lastSyncRejections].flatMap { $0.isEmpty ? nil : $0 },
            waiting: try node.store.pendingCount(origin: node.structureID, afterSeq: hubHead),
            recoveryPending: try settings[.recoveryPending] == "1"
        )
    }
}
