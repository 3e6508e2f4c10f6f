import Geography

/// Distances between communes of the Hérault, to apply the distance limit between a visitor's
/// structure and a host. A name outside the official list is never ruled out by distance.
public enum Communes {
    /// Great-circle distance between town halls in kilometres, or nil when a commune is unknown.
    public static func distance(_ a: String, _ b: String) -> Double? {
        Location(a).distance(to: Location(b))
    }

    /// Every commune's official name.
    public static var known: [String] { HeraultCommunes.all.map(\.name) }

    /// A commune looked up once (the graph compares thousands of them).
    struct Location: Sendable, Hashable {
        let text: String
        let commune: Commune?

        init(_ name: String) {
            text = name
            commune = HeraultCommunes.named(name)
        }

        func distance(to other: Location) -> Double? {
            if let commune, let otherCommune = other.commune { return commune.distance(to: otherCommune) }
            return text == other.text ? 0 : nil
        }
    }
}
