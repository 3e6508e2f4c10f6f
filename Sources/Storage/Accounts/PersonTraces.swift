import Foundation
import GRDB
import Records

/// What a node keeps about a person outside the record log: their account and its sessions and
/// links, the notifications sent to them, their failed sign-ins, their forms' replay guards and
/// their name in the administration log. Erased together for the right to erasure.
extension AccountStore {
    public static let erasedPerson = "personne effacée"

    /// Deletes the person's account and local traces; in the administration log, the acts stay
    /// (they are the node's own history) but the person is no longer named.
    public func eraseTraces(email rawEmail: String, name: String?) throws {
        let email = rawEmail.lowercased()
        try database.pool.write { db in
            if let id = try Int64.fetchOne(db, sql: "SELECT id FROM accounts WHERE lower(email) = ?", arguments: [email]) {
                try db.execute(sql: "DELETE FROM sessions WHERE account = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM form_submissions WHERE account = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM account_links WHERE account = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM accounts WHERE id = ?", arguments: [id])
            }
            try db.execute(sql: "DELETE FROM login_failures WHERE instr(lower(key), ?) > 0", arguments: [email])
            try db.execute(sql: "DELETE FROM notifications_sent WHERE instr(lower(key), ?) > 0", arguments: [email])
            try db.execute(sql: "UPDATE audit_log SET actor = ? WHERE lower(actor) = ?", arguments: [Self.erasedPerson, email])
            for mention in [rawEmail, email] + (name.map { [$0] } ?? []) where !mention.isEmpty {
                try db.execute(
                    sql: "UPDATE audit_log SET subject = replace(subject, ?, ?) WHERE instr(subject, ?) > 0",
                    arguments: [mention, Self.erasedPerson, mention]
                )
            }
        }
    }
}
