import Foundation
import Records

/// The period the pilot's view counts, as its address gives it (a GET form): the last twelve
/// months, a calendar year, a school year (September to August) or dates chosen.
struct SteeringPeriod: Sendable, Equatable {
    enum Kind: String, Sendable, CaseIterable {
        case twelveMonths = "12-mois"
        case year = "annee"
        case schoolYear = "annee-scolaire"
        case custom = "dates"

        var label: String {
            switch self {
            case .twelveMonths: "Les 12 derniers mois"
            case .year: "Une année civile"
            case .schoolYear: "Une année scolaire (septembre à août)"
            case .custom: "Des dates choisies"
            }
        }
    }

    var kind: Kind = .twelveMonths
    /// The calendar year, or the year a school year starts in.
    var year: Int
    var from = ""
    var to = ""
    let today: Day

    init(_ query: Form, today: Day) {
        self.today = today
        kind = Kind(rawValue: query["periode"]) ?? .twelveMonths
        let thisYear = Int(today.description.prefix(4)) ?? 2026
        let month = Int(today.description.dropFirst(5).prefix(2)) ?? 1
        // By default the year just finished is the one to report on (and the school year just begun).
        let fallback = kind == .schoolYear ? (month >= 9 ? thisYear : thisYear - 1) : thisYear
        year = Int(query["annee"]).map { min(max($0, 2000), thisYear + 1) } ?? fallback
        from = query["du"]
        to = query["au"]
    }

    /// The period, or the French sentence that says why the dates chosen do not read.
    var resolved: (period: Period, problem: String?) {
        switch kind {
        case .twelveMonths:
            let start = Day(year: Int(today.description.prefix(4))!, month: Int(today.description.dropFirst(5).prefix(2))!, day: 1)!
            return (Period(from: Self.monthsBefore(start, 11), to: today), nil)
        case .year:
            return (Period(from: Day(year: year, month: 1, day: 1)!, to: Day(year: year, month: 12, day: 31)!), nil)
        case .schoolYear:
            return (Period(from: Day(year: year, month: 9, day: 1)!, to: Day(year: year + 1, month: 8, day: 31)!), nil)
        case .custom:
            guard let start = Day(from), let end = Day(to) else {
                var fallback = self
                fallback.kind = .twelveMonths
                return (
                    fallback.resolved.period, "Dates non reconnues : indiquez le premier et le dernier jour (les 12 derniers mois sont affichés)."
                )
            }
            guard start <= end else {
                var fallback = self
                fallback.kind = .twelveMonths
                return (fallback.resolved.period, "Le dernier jour précède le premier (les 12 derniers mois sont affichés).")
            }
            return (Period(from: start, to: end), nil)
        }
    }

    /// "du 1er janvier 2026 au 31 décembre 2026", or "année scolaire 2025-2026".
    var title: String {
        switch kind {
        case .schoolYear where resolved.problem == nil: "année scolaire \(year)-\(year + 1) (\(French.period(resolved.period)))"
        case .year where resolved.problem == nil: "année \(year)"
        default: French.period(resolved.period)
        }
    }

    /// The same choice in an address, for the exports and the annual report.
    var query: String {
        var pairs = [("periode", kind.rawValue)]
        switch kind {
        case .year, .schoolYear: pairs.append(("annee", String(year)))
        case .custom: pairs += [("du", from), ("au", to)]
        case .twelveMonths: break
        }
        return pairs.map { "\($0.0)=\(Self.encode($0.1))" }.joined(separator: "&")
    }

    /// The key the MDA's remarks on this period are kept under.
    var remarksKey: String { "\(resolved.period.from)_\(resolved.period.to)" }

    static func monthsBefore(_ first: Day, _ months: Int) -> Day {
        var year = Int(first.description.prefix(4))!
        var month = Int(first.description.dropFirst(5).prefix(2))! - months
        while month < 1 { (year, month) = (year - 1, month + 12) }
        return Day(year: year, month: month, day: 1)!
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_"))) ?? ""
    }
}
