import Records
import Storage

/// The journal of administrative acts on this node, newest first, a page at a time.
struct JournalPage: PageModel {
    static let template = "journal"
    static let pageSize = 50

    struct Row: Sendable {
        let date: String
        let actor: String
        let action: String
        let subject: String
        let address: String
    }

    let rows: [Row]
    let isEmpty: Bool
    /// The next page back in time, when there is one.
    let older: String?
    /// Back to the newest entries, when this is not the first page.
    let newest: String?
    let hasPages: Bool

    /// `entries`: up to one more than a page, to know whether an older page exists.
    init(entries: [AuditEntry], before: Int64?) {
        let shown = entries.prefix(Self.pageSize)
        rows = shown.map { entry in
            Row(
                date: French.dateTime(entry.at),
                actor: entry.actor,
                action: entry.action.label,
                subject: entry.subject,
                address: entry.address ?? "—"
            )
        }
        isEmpty = rows.isEmpty
        older = entries.count > Self.pageSize ? shown.last.map { "/journal?avant=\($0.id)" } : nil
        newest = before == nil ? nil : "/journal"
        hasPages = older != nil || newest != nil
    }
}
