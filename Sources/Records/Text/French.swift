import Foundation

/// How dates, periods, durations and counts read in French, in one place: every page, email,
/// command and document of the platform words them through here.
public enum French {
    static let months = [
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    ]

    /// A period given in days, as people say it: "1 an", "3 ans", "3 mois", "45 jours".
    public static func duration(days: Int) -> String {
        if days > 0 && days % 365 == 0 { return count(days / 365, "an") }
        if days > 0 && days % 30 == 0 && days < 365 { return "\(days / 30) mois" }
        return count(days, "jour")
    }

    /// "3 mars 2027", "1er avril 2027".
    public static func date(_ day: Day) -> String {
        "\(day.day == 1 ? "1er" : "\(day.day)") \(months[day.month - 1]) \(day.year)"
    }

    /// "6 décembre 2026 à 14:05", "1er mars 2027 à 09:00", in Paris time.
    public static func dateTime(_ t: Timestamp) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "fr_FR")
        formatter.timeZone = TimeZone(identifier: "Europe/Paris")
        formatter.dateFormat = "d MMMM yyyy 'à' HH:mm"
        let text = formatter.string(from: t.date)
        // "1er" for the first of the month, as `date` writes it.
        return text.hasPrefix("1 ") ? "1er" + text.dropFirst() : text
    }

    /// The day of a moment, in Paris: "6 décembre 2026".
    public static func day(_ t: Timestamp) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris") ?? .gmt
        let parts = calendar.dateComponents([.year, .month, .day], from: t.date)
        return "\(parts.day == 1 ? "1er" : "\(parts.day ?? 1)") \(months[(parts.month ?? 1) - 1]) \(parts.year ?? 1970)"
    }

    /// "6 décembre 2026 à 14:05, heure de Paris (13:05 UTC)": the zone said, and the UTC time
    /// that the service's logs use, so that the two can be matched.
    public static func dateTimeWithZone(_ t: Timestamp) -> String {
        let utc = DateFormatter()
        utc.locale = Locale(identifier: "fr_FR")
        utc.timeZone = TimeZone(identifier: "UTC")
        utc.dateFormat = "HH:mm"
        return "\(dateTime(t)), heure de Paris (\(utc.string(from: t.date)) UTC)"
    }

    /// What a record is, for staff: "offre", "signature de convention"; an unknown kind by its name.
    public static func recordKind(_ type: RecordType) -> String {
        let names: [String: String] = [
            "structure_profile": "fiche de la structure", "offer": "offre", "demand": "demande de découverte",
            "tombstone": "retrait", "member": "fiche de membre", "revocation": "révocation", "message": "message",
            "convention_template": "modèle de convention", "reciprocity_policy": "règle de réciprocité",
            "glossary_entry": "entrée du lexique", "immersion_request": "demande d'immersion", "immersion_answer": "réponse à une demande",
            "convention_signature": "signature de convention", "immersion_cancellation": "annulation d'immersion",
            "immersion_convention": "convention d'immersion", "immersion_evaluation": "évaluation d'immersion",
            "immersion_credential": "attestation numérique", "exchange_framework": "référentiel des échanges",
            "immersion_preparation": "préparation d'immersion", "immersion_followup": "suivi d'immersion",
            "partnership": "partenariat déclaré",
        ]
        return names[type.rawValue] ?? "enregistrement « \(type.rawValue) »"
    }

    /// "du 3 mars 2027 au 5 mars 2027".
    public static func period(_ p: Period) -> String { "du \(date(p.from)) au \(date(p.to))" }

    /// "le 3 mars 2027" for a single day, else `period`.
    public static func dates(_ p: Period) -> String { p.from == p.to ? "le \(date(p.from))" : period(p) }

    /// Several periods, separated by semicolons.
    public static func periods(_ list: [Period]) -> String { list.map(period).joined(separator: " ; ") }

    /// "janvier 2027" for "2027-01"; the text itself when it is not a month.
    public static func month(_ month: String) -> String {
        guard month.count == 7, let m = Int(month.suffix(2)), (1...12).contains(m) else { return month }
        return "\(months[m - 1]) \(month.prefix(4))"
    }

    /// "0 offre", "1 offre", "3 offres": the noun agrees with the count (French puts 0 and 1 in the singular).
    public static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(n) \(n > 1 ? plural ?? singular + "s" : singular)"
    }

    /// The plural ending when `n` calls for one: "trouvée\(French.s(n))".
    public static func s(_ n: Int) -> String { n > 1 ? "s" : "" }

    /// "0 jour", "1 jour", "4 jours".
    public static func days(_ n: Int) -> String { count(n, "jour") }

    /// "5 demi-journées (2 jours et demi)", "1 demi-journée (une demi-journée)".
    public static func halfDays(_ halfDays: Int) -> String {
        let days = halfDays / 2
        // "demi" after the noun agrees with it: "jour" is masculine, so "1 jour et demi".
        let extra = halfDays % 2 == 1 ? " et demi" : ""
        let daysText = days == 0 ? "une demi-journée" : "\(days) jour\(s(days))\(extra)"
        return "\(count(halfDays, "demi-journée", "demi-journées")) (\(daysText))"
    }

    /// "2 personnes accueillies par période".
    public static func capacity(_ n: Int) -> String { "\(count(n, "personne")) accueillie\(s(n)) par période" }

    /// "1,5 jour", "3,0 jours": one decimal, French comma.
    public static func decimalDays(_ value: Double) -> String {
        String(format: "%.1f jour%@", value, value >= 2 ? "s" : "").replacingOccurrences(of: ".", with: ",")
    }

    /// "42 %".
    public static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded())) %" }

    /// "A", "A ou B", "A, B ou C": a list in a sentence, joined by `conjunction` ("et", "ou").
    public static func list(_ items: [String], conjunction: String = "et") -> String {
        guard let last = items.last else { return "" }
        return items.count == 1 ? last : items.dropLast().joined(separator: ", ") + " \(conjunction) " + last
    }

    /// The text with its first letter in capitals ("la structure" → "La structure").
    public static func capitalized(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }
}

/// A structure's name as sentences use it, with its article: "le CMP …", "du CMP …", "chez le CMP …".
public struct StructureName: Sendable, Hashable {
    public let name: String
    public let article: StructureProfile.Article

    public init(_ name: String, article: StructureProfile.Article = .none) {
        self.name = name
        self.article = article
    }

    /// Said of a structure this node does not know.
    public static let unknown = StructureName("une structure du réseau")

    /// "le CMP …", "l'UEMO …", "la Mission locale …", or the bare name.
    public var the: String {
        switch article {
        case .none: name
        case .elided: "l'\(name)"
        default: "\(article.rawValue) \(name)"
        }
    }

    /// "du CMP …", "de l'UEMO …", "de la Mission locale …", "des …", "d'Agde", "de Collège …".
    public var of: String {
        switch article {
        case .le: "du \(name)"
        case .les: "des \(name)"
        case .la, .elided: "de \(the)"
        case .none: French.startsWithVowel(name) ? "d'\(name)" : "de \(name)"
        }
    }

    /// "chez le CMP …".
    public var at: String { "chez \(the)" }

    /// "par le CMP …".
    public var by: String { "par \(the)" }
}

extension French {
    /// Whether "de" and "que" elide before the word ("d'Agde", "de l'UEMO").
    static func startsWithVowel(_ text: String) -> Bool {
        guard let first = text.first else { return false }
        return "aeiouyhàâéèêëîïôûüAEIOUYHÀÂÉÈÊËÎÏÔÛÜ".contains(first)
    }
}
