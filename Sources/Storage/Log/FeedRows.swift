import Foundation
import GRDB
import Records

/// One row of the log as the changes feed filters it: what a copy of the feed's newest
/// rows in memory needs to answer for any member as `changes(for:since:limit:maxBytes:)` does.
public struct FeedRow: Sendable {
    public let position: Int64
    public let raw: RawEnvelope
    public let origin: String
    /// Never served: withheld, or local to the node that wrote it.
    public let servable: Bool
    public let network: Bool
    /// Of a `parties` envelope: the structures it is addressed to.
    public let recipients: Set<String>
    /// A redaction may have erased earlier rows in the transaction that stored it.
    public let isRedaction: Bool

    /// The bytes the feed's byte bound counts.
    public var size: Int { raw.headerBytes.count + raw.signature.count + raw.body.count }
}

extension RecordStore {
    /// Every row after `position`, in log order, at most `limit`: one read, whatever the
    /// number of members it then serves.
    public func feedRows(after position: Int64, limit: Int) throws -> [FeedRow] {
        try pool.read { db in
            try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT position, id, header, signature, body, redacted, origin, visibility, type, withheld IS NULL AS kept,
                               (SELECT group_concat(structure, ' ') FROM envelope_recipients r WHERE r.position = e.position) AS recipients
                        FROM envelopes e WHERE position > ? ORDER BY position LIMIT ?
                        """
                ),
                arguments: [position, limit]
            ).map { row in
                let visibility: String = row["visibility"]
                let recipients: String? = row["recipients"]
                return FeedRow(
                    position: row["position"],
                    raw: RawEnvelope(
                        id: row["id"],
                        headerBytes: [UInt8](row["header"] as Data),
                        signature: [UInt8](row["signature"] as Data),
                        body: [UInt8](row["body"] as Data),
                        redactedBy: row["redacted"]
                    ),
                    origin: row["origin"],
                    servable: row["kept"] && visibility != Visibility.local.rawValue,
                    network: visibility == Visibility.network.rawValue,
                    recipients: Set((recipients ?? "").split(separator: " ").map(String.init)),
                    isRedaction: (row["type"] as String) == Redaction.recordType.rawValue
                )
            }
        }
    }
}
