import Foundation

/// Where the communes of the Hérault are (town hall, WGS 84, rounded to 0.01°), to apply the
/// distance limit between a visitor's structure and a host. Communes not listed here are never
/// ruled out by distance.
public enum Communes {
    static let coordinates: [String: (lat: Double, lon: Double)] = [
        "montpellier": (43.61, 3.88), "beziers": (43.34, 3.22), "sete": (43.40, 3.70), "agde": (43.31, 3.48), "lunel": (43.68, 4.14),
        "frontignan": (43.45, 3.76), "castelnau-le-lez": (43.63, 3.90), "lattes": (43.57, 3.91), "mauguio": (43.62, 4.01),
        "mèze": (43.43, 3.61), "meze": (43.43, 3.61), "pezenas": (43.46, 3.42), "lodeve": (43.73, 3.32), "clermont-l'herault": (43.63, 3.43),
        "ganges": (43.93, 3.71), "bedarieux": (43.62, 3.16), "saint-pons-de-thomieres": (43.49, 2.77), "saint-chinian": (43.42, 2.95),
        "capestang": (43.33, 3.04), "marseillan": (43.36, 3.53), "gignac": (43.65, 3.55), "saint-gely-du-fesc": (43.69, 3.81),
        "grabels": (43.65, 3.80), "juvignac": (43.61, 3.81), "saint-jean-de-vedas": (43.58, 3.83), "perols": (43.56, 3.95),
        "palavas-les-flots": (43.53, 3.93), "la grande-motte": (43.56, 4.08), "jacou": (43.66, 3.91), "clapiers": (43.66, 3.89),
        "villeneuve-les-maguelone": (43.53, 3.86), "florensac": (43.30, 3.47), "servian": (43.43, 3.30), "serignan": (43.28, 3.28),
        "valras-plage": (43.25, 3.29), "vias": (43.31, 3.42), "bessan": (43.36, 3.42), "lamalou-les-bains": (43.60, 3.08),
        "saint-mathieu-de-treviers": (43.77, 3.86), "prades-le-lez": (43.70, 3.86), "castries": (43.68, 3.98), "lansargues": (43.65, 4.07),
        "marsillargues": (43.66, 4.18), "murviel-les-beziers": (43.44, 3.15), "olonzac": (43.28, 2.73), "paulhan": (43.54, 3.46),
        "aniane": (43.69, 3.59), "saint-andre-de-sangonis": (43.65, 3.50), "le cres": (43.65, 3.94), "baillargues": (43.66, 4.01),
    ]

    /// Lower case, without accents, hyphens kept: "Clermont-l'Hérault" → "clermont-l'herault".
    static func key(_ name: String) -> String {
        name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR"))
            .lowercased().trimmingCharacters(in: .whitespaces)
    }

    /// Great-circle distance in kilometres, or nil when a commune is unknown.
    public static func distance(_ a: String, _ b: String) -> Double? {
        if key(a) == key(b) { return 0 }
        return Location(a).distance(to: Location(b))
    }

    public static var known: [String] { coordinates.keys.sorted() }

    /// A commune looked up once (the graph compares thousands of them).
    struct Location: Sendable, Hashable {
        let key: String
        let lat: Double?
        let lon: Double?

        init(_ name: String) {
            key = Communes.key(name)
            let c = coordinates[key]
            lat = c?.lat
            lon = c?.lon
        }

        func distance(to other: Location) -> Double? {
            if key == other.key { return 0 }
            guard let lat, let lon, let olat = other.lat, let olon = other.lon else { return nil }
            return Communes.haversine(lat, lon, olat, olon)
        }
    }

    static func haversine(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let rad = Double.pi / 180
        let dLat = (lat2 - lat1) * rad
        let dLon = (lon2 - lon1) * rad
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(lat1 * rad) * cos(lat2 * rad) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * 6371 * asin(min(1, sqrt(h)))
    }
}
