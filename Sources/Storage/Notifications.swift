import Foundation
import GRDB
import Records

extension RecordStore {
    /// Whether a notification was already sent (so a reminder goes out once, whatever the restarts).
    public func wasNotified(_ key: String) throws -> Bool {
        try pool.read { db in try Bool.fetchOne(db, sql: "SELECT 1 FROM notifications_sent WHERE key = ?", arguments: [key]) ?? false }
    }

    /// Notes a notification as sent.
    public func markNotified(_ key: String, now: Date = Date()) throws {
        try pool.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO notifications_sent (key, sent_at) VALUES (?, ?)",
                           arguments: [key, Timestamp(now).description])
        }
    }
}
