import Geography
import Records

/// A commune typed in a form: one of the Hérault's official communes, whatever the accents,
/// case or hyphens, stored under its official name. The forms offer the names in a
/// `<datalist>`, so browsers complete them without any script.
enum CommuneField {
    static let listID = "communes"

    /// Every official name as `<option>`s, built once (the list does not change while running).
    static let datalist: String =
        "<datalist id=\"\(listID)\">" + HeraultCommunes.all.map { "<option value=\"\(HTML.escape($0.name))\">" }.joined() + "</datalist>"

    /// The official name of the commune typed, or the French sentence that says why it is refused.
    static func check(_ typed: String) -> Result<String, CommuneRefusal> {
        let text = typed.trimmingCharacters(in: .whitespaces)
        if let commune = HeraultCommunes.named(text) { return .success(commune.name) }
        return .failure(CommuneRefusal(typed: text, suggestions: HeraultCommunes.suggestions(for: text)))
    }

    /// Checks `draft.commune` in place: an accepted name becomes the official one; an empty one is
    /// left to the record's own "required" message.
    static func issue(checking commune: inout String, field: String) -> ValidationIssue? {
        guard !commune.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        switch check(commune) {
        case .success(let name):
            commune = name
            return nil
        case .failure(let refusal):
            return ValidationIssue(field: field, message: refusal.message)
        }
    }
}

/// Why a commune is refused, with the closest official names.
struct CommuneRefusal: Error, Sendable {
    let typed: String
    let suggestions: [String]

    var message: String {
        let unknown = "« \(typed) » n'est pas une commune de l'Hérault."
        guard !suggestions.isEmpty else { return unknown }
        return unknown + " Vouliez-vous dire " + French.list(suggestions, conjunction: "ou") + " ?"
    }
}
