import Foundation

/// Collects the problems found while reading a record body, so that every field
/// is checked and every problem reported at once, not only the first.
public final class IssueList {
    public private(set) var issues: [ValidationIssue] = []

    public init() {}

    public func add(_ field: String, _ message: String) {
        issues.append(ValidationIssue(field: field, message: message))
    }

    public var isEmpty: Bool { issues.isEmpty }
}

/// Reads typed fields out of a JSON object, reporting each problem by field path.
public struct FieldReader {
    public let object: [String: JSONValue]
    public let path: String
    public let issues: IssueList

    public init(_ value: JSONValue, path: String = "", issues: IssueList) {
        self.path = path
        self.issues = issues
        if let object = value.objectValue {
            self.object = object
        } else {
            self.object = [:]
            issues.add(path.isEmpty ? "(racine)" : path, "doit être un objet JSON, pas \(value.typeDescription).")
        }
    }

    public func field(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// Unknown fields are refused: a typo would otherwise silently drop data.
    public func rejectUnknownKeys(allowed: Set<String>) {
        for key in object.keys.sorted() where !allowed.contains(key) {
            issues.add(field(key), "champ inconnu : il ne fait pas partie de ce type de fiche.")
        }
    }

    /// A text field. Required text must contain something other than spaces.
    public func text(_ key: String, required: Bool = true, max: Int = 200, multiline: Bool = false) -> String {
        guard let value = object[key] else {
            if required { issues.add(field(key), "champ obligatoire manquant.") }
            return ""
        }
        guard case .string(let raw) = value else {
            issues.add(field(key), "doit être un texte, pas \(value.typeDescription).")
            return ""
        }
        let s = UnicodeNormalization.nfc(Self.trimmed(raw))
        if required && s.isEmpty { issues.add(field(key), "ne doit pas être vide.") }
        // Counted in Unicode code points, as JSON Schema's maxLength does.
        var length = 0
        var hasNewline = false
        var hasControl = false
        for scalar in s.unicodeScalars {
            length += 1
            switch scalar.value {
            case 0x0A, 0x0D, 0x85, 0x2028, 0x2029: hasNewline = true
            case 0x09: break
            case 0x00..<0x20, 0x7F...0x9F: hasControl = true
            default: break
            }
        }
        if length > max { issues.add(field(key), "trop long : \(length) caractères pour \(max) au plus.") }
        if !multiline && hasNewline { issues.add(field(key), "doit tenir sur une seule ligne.") }
        if hasControl { issues.add(field(key), "contient des caractères de contrôle invisibles.") }
        return s
    }

    /// Trims surrounding white space; most values have none, and are returned as they are.
    static func trimmed(_ raw: String) -> String {
        guard let first = raw.unicodeScalars.first, let last = raw.unicodeScalars.last else { return raw }
        if !first.properties.isWhitespace && !last.properties.isWhitespace { return raw }
        return raw.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public func integer(_ key: String, in range: ClosedRange<Int64>, unit: String, required: Bool = true) -> Int64? {
        guard let value = object[key] else {
            if required { issues.add(field(key), "champ obligatoire manquant.") }
            return nil
        }
        guard case .integer(let i) = value else {
            if case .string = value {
                // Typed in a form: say what to write, not what JSON type it is.
                issues.add(field(key), "écrivez un nombre entier (\(unit)), en chiffres.")
            } else {
                issues.add(field(key), "doit être un nombre entier (\(unit)), pas \(value.typeDescription).")
            }
            return nil
        }
        guard range.contains(i) else {
            issues.add(field(key), "doit être compris entre \(range.lowerBound) et \(range.upperBound) \(unit) (reçu : \(i)).")
            return nil
        }
        return i
    }

    public func bool(_ key: String) -> Bool? {
        guard let value = object[key] else {
            issues.add(field(key), "champ obligatoire manquant.")
            return nil
        }
        guard case .bool(let b) = value else {
            issues.add(field(key), "doit valoir true ou false, pas \(value.typeDescription).")
            return nil
        }
        return b
    }

    /// Days outside 2000–2100 are typing mistakes rather than real plans.
    public static let plausibleYears = 2000...2100

    public func day(_ key: String) -> Day? {
        let raw = text(key, max: 10)
        guard !raw.isEmpty else { return nil }
        guard let day = Day(raw) else {
            issues.add(field(key), "date invalide « \(raw) » : écrire AAAA-MM-JJ, par exemple 2027-03-15.")
            return nil
        }
        guard FieldReader.plausibleYears.contains(day.year) else {
            issues.add(field(key), "année \(day.year) peu plausible : vérifier la date.")
            return nil
        }
        return day
    }

    public func choice<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type) -> E? where E.RawValue == String {
        let raw = text(key, max: 60)
        guard !raw.isEmpty else { return nil }
        guard let value = E(rawValue: raw) else {
            let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
            issues.add(field(key), "valeur « \(raw) » inconnue ; valeurs possibles : \(allowed).")
            return nil
        }
        return value
    }

    public func nested(_ key: String) -> FieldReader? {
        guard let value = object[key] else {
            issues.add(field(key), "champ obligatoire manquant.")
            return nil
        }
        return FieldReader(value, path: field(key), issues: issues)
    }

    /// A list field; each element is handed to `element` with its own path.
    /// `one`: how one element is named when the list is empty ("une période"), so that the
    /// message says what to give ("indiquez au moins une période.").
    public func list<T>(
        _ key: String,
        required: Bool = true,
        count: ClosedRange<Int>,
        one: String? = nil,
        element: (JSONValue, String) -> T?
    ) -> [T] {
        guard let value = object[key] else {
            if required { issues.add(field(key), "champ obligatoire manquant.") }
            return []
        }
        guard case .array(let items) = value else {
            issues.add(field(key), "doit être une liste, pas \(value.typeDescription).")
            return []
        }
        if !count.contains(items.count) {
            if items.isEmpty, count.lowerBound == 1, let one {
                issues.add(field(key), "indiquez au moins \(one).")
            } else if items.isEmpty {
                issues.add(field(key), "doit contenir au moins \(French.count(count.lowerBound, "élément")).")
            } else {
                issues.add(field(key), "doit contenir entre \(count.lowerBound) et \(count.upperBound) éléments (reçu : \(items.count)).")
            }
        }
        return items.enumerated().compactMap { element($0.element, "\(field(key))[\($0.offset)]") }
    }

    public func textList(_ key: String, required: Bool = true, count: ClosedRange<Int>, max: Int) -> [String] {
        list(key, required: required, count: count) { value, path in
            let reader = FieldReader(.object(["v": value]), path: "", issues: issues)
            let before = issues.issues.count
            let s = reader.text("v", max: max)
            if issues.issues.count > before {
                // Re-label the element's problems with its real path.
                let added = issues.issues[before...].map { ValidationIssue(field: path, message: $0.message) }
                issues.replaceTail(from: before, with: added)
                return nil
            }
            return s
        }
    }

    public func periods(_ key: String, count: ClosedRange<Int> = 1...24) -> [Period] {
        list(key, count: count, one: "une période") { value, path in
            let reader = FieldReader(value, path: path, issues: issues)
            reader.rejectUnknownKeys(allowed: ["from", "to"])
            guard let from = reader.day("from"), let to = reader.day("to") else { return nil }
            guard from <= to else {
                issues.add("\(path).to", "la fin de la période (\(French.date(to))) précède son début (\(French.date(from))).")
                return nil
            }
            guard to.daysSinceEpoch - from.daysSinceEpoch <= 366 else {
                issues.add("\(path).to", "une période ne peut pas dépasser un an.")
                return nil
            }
            return Period(from: from, to: to)
        }
    }
}

extension IssueList {
    func replaceTail(from index: Int, with replacement: [ValidationIssue]) {
        var all = issues
        all.replaceSubrange(index..., with: replacement)
        issues = all
    }
}

/// Checks on common formats.
public enum Formats {
    /// A deliberately simple check: one `@`, a dot in the domain, no spaces.
    public static func isEmail(_ s: String) -> Bool {
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix("."), !s.contains(where: \.isWhitespace)
        else { return false }
        return true
    }

    /// French or international phone numbers: digits with spaces, dots, dashes, an optional leading +.
    public static func isPhone(_ s: String) -> Bool {
        let allowed = Set("0123456789 .-()")
        guard s.dropFirst(s.hasPrefix("+") ? 1 : 0).allSatisfy({ allowed.contains($0) }) else { return false }
        let digits = s.filter(\.isNumber).count
        return (10...15).contains(digits)
    }
}
