import Records

/// One field of a form, as defined by the page that shows it.
struct FormField: Sendable {
    /// `commune`: a line completed from the official communes (`CommuneField`).
    enum Kind: Sendable { case line, text, number, email, date, commune }

    let key: String
    let label: String
    let help: String?
    let kind: Kind
    let required: Bool

    init(key: String, label: String, help: String? = nil, kind: Kind, required: Bool = true) {
        self.key = key
        self.label = label
        self.help = help
        self.kind = kind
        self.required = required
    }

    /// The HTML id and name: record paths use dots, which HTML ids avoid.
    var id: String { key.replacingOccurrences(of: ".", with: "_") }
}

/// A field as the template draws it: label, help, value typed back, error tied with aria-describedby.
struct FieldModel: Sendable {
    let id: String
    let name: String
    let label: String
    let help: String?
    let required: Bool
    let value: String
    let error: String?
    let describedBy: String?
    let textarea: Bool
    let input: Bool
    let type: String
    /// The id of the `<datalist>` that completes the field, if any.
    let list: String?

    /// `describe`: whether the field points at its help and error with aria-describedby
    /// (forms that print the ids themselves leave it off).
    init(_ field: FormField, value: String, error: String?, describe: Bool = true) {
        id = field.id
        name = field.id
        label = field.label
        help = field.help
        required = field.required
        self.value = value
        self.error = error
        let ids = [field.help.map { _ in "\(field.id)-aide" }, error.map { _ in "\(field.id)-erreur" }].compactMap { $0 }
        describedBy = describe && !ids.isEmpty ? ids.joined(separator: " ") : nil
        textarea = field.kind == .text
        input = field.kind != .text
        type =
            switch field.kind {
            case .number: "number"
            case .email: "email"
            case .date: "date"
            case .line, .text, .commune: "text"
            }
        list = field.kind == .commune ? CommuneField.listID : nil
    }
}

/// The box at the top of a form that lists its errors, each a link to its field.
struct ErrorSummary: Sendable {
    struct Link: Sendable {
        let anchor: String
        let label: String
        let message: String
    }

    // Stored, not computed: templates read stored properties only.
    let errors: [Link]
    let hasErrors: Bool
    let errorCount: Int
    let plural: Bool

    init(_ errors: [Link] = []) {
        self.errors = errors
        hasErrors = !errors.isEmpty
        errorCount = errors.count
        plural = errors.count > 1
    }
}

extension ValidationIssue {
    /// The message as a sentence of its own.
    var sentence: String { French.capitalized(message) }
}
