import Foundation
import Records
import Storage

/// The MDA's remarks on a period's annual report ("bilan"), written in the pilot's view and
/// printed with it. Kept on the hub only (its settings, so that a backup carries them): they are
/// the MDA's own words for its funders, not a record of the network.
public struct ReportRemarks: Sendable {
    public static let maximumLength = 4000
    let settings: NodeSettings

    public init(node: OpenNode) {
        settings = node.settings
    }

    /// `period`: the report's first and last day, e.g. "2026-01-01_2026-12-31".
    public func remarks(for period: String) throws -> String {
        try settings[Self.key(period)] ?? ""
    }

    /// Saves the remarks; returns whether they changed. Too long a text is refused and nothing is kept.
    @discardableResult
    public func save(_ text: String, for period: String) throws -> Bool {
        let text = text.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count <= Self.maximumLength else {
            throw ValidationError([
                ValidationIssue(
                    field: "remarques",
                    message: "les remarques font \(text.count) caractères, pour \(Self.maximumLength) au plus : raccourcissez-les."
                )
            ])
        }
        guard text != (try remarks(for: period)) else { return false }
        try settings.set(Self.key(period), text)
        return true
    }

    static func key(_ period: String) -> SettingKey { SettingKey(rawValue: "report_remarks_\(period)") }
}
