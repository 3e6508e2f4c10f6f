import Foundation
import Records
import Storage

/// The shared glossary, to explain acronyms where they appear in offer text.
struct Glossary {
    let entries: [GlossaryEntry]
    let regex: NSRegularExpression?
    let byTerm: [String: GlossaryEntry]

    init(store: RecordStore) throws {
        entries = try store.currentRecords(type: GlossaryEntry.recordType).compactMap { try? $0.decode(GlossaryEntry.self) }
            .sorted { $0.term < $1.term }
        byTerm = Dictionary(entries.map { ($0.term, $0) }, uniquingKeysWith: { a, _ in a })
        let alternatives = entries.map { NSRegularExpression.escapedPattern(for: $0.term) }.sorted { $0.count > $1.count }
        regex = alternatives.isEmpty ? nil : try? NSRegularExpression(pattern: "\\b(" + alternatives.joined(separator: "|") + ")\\b")
    }

    /// Escapes `text` for HTML, then wraps each known acronym in `<abbr title="…">`.
    func annotate(_ text: String) -> String {
        let escaped = HTML.escape(text)
        guard let regex else { return escaped }
        let range = NSRange(escaped.startIndex..., in: escaped)
        var result = ""
        var last = escaped.startIndex
        for match in regex.matches(in: escaped, range: range) {
            guard let r = Range(match.range, in: escaped) else { continue }
            let term = String(escaped[r])
            result += escaped[last..<r.lowerBound]
            result += "<abbr title=\"\(HTML.escape(byTerm[term]?.expansion ?? term))\">\(term)</abbr>"
            last = r.upperBound
        }
        result += escaped[last...]
        return result
    }
}
