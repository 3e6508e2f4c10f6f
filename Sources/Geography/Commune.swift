import Foundation

/// A point on the Earth, in degrees (WGS 84).
public struct Position: Sendable, Hashable {
    public let latitude: Double
    public let longitude: Double

    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// Great-circle distance in kilometres.
    public func distance(to other: Position) -> Double {
        let rad = Double.pi / 180
        let dLat = (other.latitude - latitude) * rad
        let dLon = (other.longitude - longitude) * rad
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(latitude * rad) * cos(other.latitude * rad) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * 6371 * asin(min(1, h.squareRoot()))
    }
}

/// A commune of the official list (INSEE's Code officiel géographique).
public struct Commune: Sendable, Hashable, Identifiable {
    /// The INSEE code, e.g. "34172" for Montpellier.
    public let code: String
    /// The official name, with its accents: "Clermont-l'Hérault".
    public let name: String
    public let postalCodes: [String]
    /// The town hall: where distances are measured from and where the map places the commune.
    public let townHall: Position
    public let population: Int
    /// The commune's outer boundaries, simplified for drawing (a few hundred metres of precision).
    public let outline: [[Position]]

    public var id: String { code }

    public func distance(to other: Commune) -> Double {
        code == other.code ? 0 : townHall.distance(to: other.townHall)
    }
}
