/// One problem with one field, reported to staff in French.
public struct ValidationIssue: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// Path of the field in the record's JSON, e.g. `possiblePeriods[1].to`.
    public let field: String
    public let message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field) : \(message)" }
}

/// Every problem found in a record; a record with any is neither signed nor stored.
public struct ValidationError: Error, Sendable, Equatable, CustomStringConvertible {
    public let issues: [ValidationIssue]

    public init(_ issues: [ValidationIssue]) { self.issues = issues }

    public func messages(for field: String) -> [String] {
        issues.filter { $0.field == field }.map(\.message)
    }

    public var description: String {
        let plural = issues.count > 1 ? "problèmes" : "problème"
        return "L'enregistrement contient \(issues.count) \(plural) :\n" + issues.map { "  - \($0)" }.joined(separator: "\n")
    }
}
