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
            try db.execute(
                sql: "INSERT OR IGNORE INTO notifications_sent (key, sent_at) VALUES (?, ?)",
                arguments: [key, Timestamp(now).description]
            )
        }
    }
}

extension RecordStore {
    /// Hub: a member just synced.
    public func noteContact(structure: String, now: Date = Date()) throws {
        try pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO member_contacts (structure, last_seen) VALUES (?, ?)
                    ON CONFLICT(structure) DO UPDATE SET last_seen = excluded.last_seen
                    """,
                arguments: [structure, Timestamp(now).description]
            )
        }
    }

    /// Hub: when each member last synced.
    public func lastContacts() throws -> [String: Timestamp] {
        try pool.read { db in
            var contacts: [String: Timestamp] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT structure, last_seen FROM member_contacts") {
                if let t = Timestamp(row["last_seen"] as String) { contacts[row["structure"]] = t }
            }
            return contacts
        }
    }
}
