import Foundation
import Records

/// One professional's wish to discover another kind of structure: an open discovery demand.
public struct Wish: Sendable, Hashable {
    public let id: String
    public let structure: String
    /// Where the professional works (for the distance limit).
    public let commune: String
    public let sectors: Set<Sector>
    public let periods: [Period]
    public let durationHalfDays: Int
    public let words: Set<String>
    let location: Communes.Location

    public init(id: String, structure: String, commune: String, sectors: Set<Sector>, periods: [Period], durationHalfDays: Int, text: String) {
        self.id = id
        self.structure = structure
        self.commune = commune
        location = Communes.Location(commune)
        self.sectors = sectors
        self.periods = periods
        self.durationHalfDays = durationHalfDays
        words = Words.significant(text)
    }
}

/// A published host offer with room left.
public struct Place: Sendable, Hashable {
    public let id: String
    public let structure: String
    public let sector: Sector
    public let commune: String
    public let periods: [Period]
    public let durationHalfDays: Int
    public let capacity: Int
    public let words: Set<String>
    let location: Communes.Location

    public init(id: String, structure: String, sector: Sector, commune: String, periods: [Period], durationHalfDays: Int, capacity: Int, text: String)
    {
        self.id = id
        self.structure = structure
        location = Communes.Location(commune)
        self.sector = sector
        self.commune = commune
        self.periods = periods
        self.durationHalfDays = durationHalfDays
        self.capacity = capacity
        words = Words.significant(text)
    }
}

/// How a wish fits a place: the earliest dates both allow, and how many mission and profile
/// words they share (used to rank, never to exclude).
public struct Fit: Sendable, Hashable {
    public let place: String
    public let period: Period
    public let sharedWords: Int
}

/// The rules of an arc "A's professional may discover B" (docs/suggestions.md).
public struct CompatibilityRules: Sendable {
    /// Distance limit between the visitor's commune and the host's, in kilometres.
    public var maximumDistanceKm: Double = 80
    /// Durations may differ by this many half-days.
    public var durationTolerance = 2

    public init(maximumDistanceKm: Double = 80) {
        self.maximumDistanceKm = maximumDistanceKm
    }

    /// The best fit of a wish with a place, or nil. Hard rules: another structure, a sector
    /// wanted, room left, a close enough duration, dates long enough in common, the distance.
    public func fit(_ wish: Wish, _ place: Place) -> Fit? {
        guard wish.structure != place.structure, wish.sectors.isEmpty || wish.sectors.contains(place.sector), place.capacity > 0,
            abs(wish.durationHalfDays - place.durationHalfDays) <= durationTolerance
        else { return nil }
        if let d = wish.location.distance(to: place.location), d > maximumDistanceKm { return nil }
        let days = max(1, (min(wish.durationHalfDays, place.durationHalfDays) + 1) / 2)
        var best: Period?
        for a in wish.periods {
            for b in place.periods where a.overlaps(b) {
                let from = max(a.from, b.from)
                let to = min(a.to, b.to)
                guard to.daysSinceEpoch - from.daysSinceEpoch + 1 >= days else { continue }
                let period = Period(from: from, to: from.adding(days: days - 1))
                if best.map({ period.from < $0.from }) ?? true { best = period }
            }
        }
        guard let best else { return nil }
        return Fit(place: place.id, period: best, sharedWords: wish.words.intersection(place.words).count)
    }
}

/// Words that carry meaning in a mission or a profile: folded (no accents, lower case), five
/// letters or more, minus the most common ones of the network's vocabulary.
enum Words {
    static let common: Set<String> = [
        "jeunes", "jeune", "adolescents", "adolescent", "professionnel", "professionnels", "structure", "structures",
        "decouvrir", "comprendre", "travail", "service", "services", "accueil", "accueillir", "entre", "leurs",
        "avoir", "etre", "faire", "notre", "votre", "comment", "quand", "aupres", "partenaires",
    ]

    static func significant(_ text: String) -> Set<String> {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR")).lowercased()
        return Set(folded.split(whereSeparator: { !$0.isLetter }).map(String.init).filter { $0.count >= 5 && !common.contains($0) })
    }
}
