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
