import Foundation
import GRDB
import Records

/// Which notifications were sent, so that each goes out once whatever the restarts.
public struct NotificationLog: Sendable {
    let database: NodeDatabase

    public init(database: NodeDatabase) { self.database = database }

    /// Whether a notification was already sent.
    public func wasSent(_ key: String) throws -> Bool {
        try database.pool.read { db in
            try Bool.fetchOne(db, sql: "SELECT 1 FROM notifications_sent WHERE key = ?", arguments: [key]) ?? false
        }
    }

    /// The notifications sent to one address (keys end with it), oldest first.
    public func sent(to email: String) throws -> [(key: String, sentAt: String)] {
        let suffix = ":" + email.lowercased()
        return try database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT key, sent_at FROM notifications_sent ORDER BY sent_at, key")
                .map { ($0["key"] as String, $0["sent_at"] as String) }
                .filter { $0.0.hasSuffix(suffix) }
        }
    }

    /// Notes a notification as sent.
    public func markSent(_ key: String, now: Date = Date()) throws {
        try database.pool.write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO notifications_sent (key, sent_at) VALUES (?, ?)",
                arguments: [key, Timestamp(now).description]
            )
        }
    }
}
