import Foundation

/// Places positions of the Hérault on a flat drawing, north up: an equirectangular
/// projection scaled by the cosine of the middle latitude, which at the département's size
/// (about 150 km) distorts distances by well under one per cent.
public struct MapFrame: Sendable {
    public let width: Double
    public let height: Double
    let west: Double
    let north: Double
    let scale: Double
    let xStretch: Double

    /// A frame `width` wide that holds every commune's outline, with a margin.
    public init(width: Double, margin: Double = 8, communes: [Commune] = HeraultCommunes.all) {
        let points = communes.flatMap { $0.outline.flatMap { $0 } + [$0.townHall] }
        let south = points.map(\.latitude).min() ?? 0
        let north = points.map(\.latitude).max() ?? 0
        let west = points.map(\.longitude).min() ?? 0
        let east = points.map(\.longitude).max() ?? 0
        xStretch = cos((south + north) / 2 * .pi / 180)
        let spanX = max((east - west) * xStretch, 1e-9)
        scale = (width - 2 * margin) / spanX
        self.width = width
        height = ((north - south) * scale + 2 * margin).rounded(.up)
        self.west = west - margin / scale / xStretch
        self.north = north + margin / scale
    }

    /// Drawing coordinates, x to the east, y to the south, rounded to a tenth.
    public func point(_ position: Position) -> (x: Double, y: Double) {
        let x = (position.longitude - west) * xStretch * scale
        let y = (north - position.latitude) * scale
        return ((x * 10).rounded() / 10, (y * 10).rounded() / 10)
    }

    /// An SVG path for a commune's outline (`M x y L … Z` per ring).
    public func path(_ commune: Commune) -> String {
        commune.outline.map { ring in
            ring.enumerated().map { index, position in
                let p = point(position)
                return "\(index == 0 ? "M" : "L")\(format(p.x)) \(format(p.y))"
            }.joined() + "Z"
        }.joined()
    }

    private func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
