import Foundation
import Geography
import Records

/// A map of the Hérault drawn on the server as SVG (no script, no tiles): the communes'
/// outlines, light, and markers on town halls. Every map is paired with a list or a table
/// that says the same in words, which is its text alternative.
enum NetworkMap {
    /// A point to place: a structure, or a commune's count.
    struct Marker: Sendable {
        let commune: Commune
        let color: String
        /// Said when the pointer rests on the marker (the text alternative says it too).
        let label: String
        var radius: Double = 6
    }

    static let frame = MapFrame(width: 640)

    /// The outlines of the 341 communes as one path, built once.
    static let outlines: String = HeraultCommunes.all.map(frame.path).joined()

    /// `id` ties the title and description to the figure; markers of the same commune are set
    /// around its town hall so that none hides another.
    static func svg(id: String, title: String, description: String, markers: [Marker]) -> String {
        var parts = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"\(id)-titre \(id)-desc\" class=\"map\" "
                + "viewBox=\"0 0 \(Int(frame.width)) \(Int(frame.height))\">",
            "<title id=\"\(id)-titre\">\(HTML.escape(title))</title>",
            "<desc id=\"\(id)-desc\">\(HTML.escape(description))</desc>",
            "<path d=\"\(outlines)\" fill=\"#f3f1ec\" stroke=\"#b9b4a8\" stroke-width=\"0.6\" stroke-linejoin=\"round\"/>",
        ]
        let byCommune = Dictionary(grouping: markers, by: \.commune.code)
        for code in byCommune.keys.sorted() {
            guard let group = byCommune[code] else { continue }
            let center = frame.point(group[0].commune.townHall)
            for (index, marker) in group.enumerated() {
                // The first sits on the town hall, the others on a ring around it.
                let angle = Double(index - 1) * 2 * .pi / Double(max(1, group.count - 1))
                let offset = index == 0 ? 0 : marker.radius * 1.9
                let x = center.x + offset * cos(angle)
                let y = center.y + offset * sin(angle)
                parts.append(
                    "<circle cx=\"\(rounded(x))\" cy=\"\(rounded(y))\" r=\"\(rounded(marker.radius))\" fill=\"\(marker.color)\" "
                        + "stroke=\"#ffffff\" stroke-width=\"1.5\"><title>\(HTML.escape(marker.label))</title></circle>"
                )
            }
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    private static func rounded(_ value: Double) -> String { String((value * 10).rounded() / 10) }
}

/// Each sector's colour on maps and in their legends: eight hues told apart, each at least
/// 3:1 against the map's background (non-text contrast).
enum SectorColor {
    static func hex(_ sector: Sector) -> String {
        switch sector {
        case .sanitaire: "#1d4ed8"
        case .educatif: "#c2410c"
        case .social: "#15803d"
        case .judiciaire: "#6d28d9"
        case .medicoSocial: "#be185d"
        case .culturel: "#854d0e"
        case .informationOrientation: "#0f766e"
        case .socioEducatif: "#374151"
        }
    }

    /// A small swatch for a legend, as an inline SVG (the page's policy refuses inline styles).
    static func swatch(_ sector: Sector) -> String {
        "<svg class=\"swatch\" width=\"14\" height=\"14\" viewBox=\"0 0 14 14\" aria-hidden=\"true\" focusable=\"false\">"
            + "<circle cx=\"7\" cy=\"7\" r=\"6\" fill=\"\(hex(sector))\"/></svg>"
    }
}
