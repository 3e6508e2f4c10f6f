import Foundation
import GRDB
import Records

/// What became of a form token when a submission arrives with it.
public enum SubmissionClaim: Sendable, Equatable {
    /// The token is new: this submission runs.
    case first
    /// The token was used: where the first submission led, or nil while it is still running.
    case replay(result: String?)
}

/// One-time form tokens, so that every state-changing form is idempotent: a submission claims
/// its token before it writes anything; a replay (Back and send again, a double click, a retry
/// after a lost answer) finds the claim and shows the first result instead of writing again.
public struct FormSubmissions: Sendable {
    let database: NodeDatabase

    public init(database: NodeDatabase) { self.database = database }

    /// How long a used token is remembered.
    public static let retention: TimeInterval = 30 * 86_400

    /// Tokens are kept per account and hashed: a copy of the database replays nothing.
    static func key(_ token: String, account: Int64) -> String { Digest.sha256Hex(Array("\(account):\(token)".utf8)) }

    /// Claims `token` for `account`, atomically: of two submissions racing with one token, one runs.
    public func claim(_ token: String, account: Int64, now: Date = Date()) throws -> SubmissionClaim {
        try database.pool.write { db in
            try db.execute(
                sql: "DELETE FROM form_submissions WHERE created < ?",
                arguments: [Timestamp(now.addingTimeInterval(-Self.retention)).description]
            )
            let key = Self.key(token, account: account)
            try db.execute(
                sql: "INSERT OR IGNORE INTO form_submissions (key, account, created) VALUES (?, ?, ?)",
                arguments: [key, account, Timestamp(now).description]
            )
            if db.changesCount == 1 { return .first }
            return .replay(result: try String.fetchOne(db, sql: "SELECT result FROM form_submissions WHERE key = ?", arguments: [key]))
        }
    }

    /// Keeps where the first submission led.
    public func complete(_ token: String, account: Int64, result: String) throws {
        try database.pool.write { db in
            try db.execute(
                sql: "UPDATE form_submissions SET result = ? WHERE key = ?",
                arguments: [result, Self.key(token, account: account)]
            )
        }
    }

    /// Forgets a claim whose submission wrote nothing (refused, or with errors to correct), so
    /// the same form may be sent again.
    public func release(_ token: String, account: Int64) throws {
        try database.pool.write { db in
            try db.execute(sql: "DELETE FROM form_submissions WHERE key = ? AND result IS NULL", arguments: [Self.key(token, account: account)])
        }
    }
}
