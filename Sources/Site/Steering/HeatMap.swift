import Foundation
import Records

/// A sector × sector heat map drawn on the server as SVG (no script); the same figures are in
/// a table next to it, which is the text alternative.
enum HeatMap {
    /// Labels short enough to sit beside and above the cells without being cut.
    static func shortLabel(_ sector: Sector) -> String {
        switch sector {
        case .informationOrientation: "Information, orientation"
        default: sector.label
        }
    }

    static func svg(_ matrix: [[Int]], sectors: [Sector] = Sector.allCases) -> String {
        let labels = sectors.map(shortLabel)
        let cell = 44
        // Room for the longest label at 13 px (about 7 px a character), beside and slanted above.
        let longest = labels.map(\.count).max() ?? 10
        let left = 16 + longest * 7
        let top = 24 + Int(Double(longest * 7) * 0.71)
        let size = labels.count
        let width = left + cell * size + Int(Double(longest * 7) * 0.71) + 10
        let maximum = max(1, matrix.flatMap { $0 }.max() ?? 1)
        var parts = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"heatmap-title heatmap-desc\" class=\"heatmap\" "
                + "viewBox=\"0 0 \(width) \(top + cell * size + 10)\" width=\"\(width)\">",
            "<title id=\"heatmap-title\">Qui a découvert qui : immersions réalisées, par secteur</title>",
            "<desc id=\"heatmap-desc\">Lignes : secteur de la personne accueillie. Colonnes : secteur de la structure d'accueil. Les chiffres sont repris dans le tableau qui suit.</desc>",
        ]
        for (i, label) in labels.enumerated() {
            let y = top + i * cell + cell / 2 + 5
            parts.append("<text x=\"\(left - 8)\" y=\"\(y)\" text-anchor=\"end\" font-size=\"13\" fill=\"#1b1b1b\">\(HTML.escape(label))</text>")
            let x = left + i * cell + cell / 2
            parts.append("<text transform=\"translate(\(x),\(top - 8)) rotate(-45)\" font-size=\"13\" fill=\"#1b1b1b\">\(HTML.escape(label))</text>")
        }
        for (r, row) in matrix.enumerated() {
            for (c, value) in row.enumerated() {
                let fill = shade(Double(value) / Double(maximum))
                let x = left + c * cell
                let y = top + r * cell
                parts.append("<rect x=\"\(x)\" y=\"\(y)\" width=\"\(cell)\" height=\"\(cell)\" fill=\"\(fill.css)\" stroke=\"#8a8a8a\"/>")
                parts.append(
                    "<text x=\"\(x + cell / 2)\" y=\"\(y + cell / 2 + 5)\" text-anchor=\"middle\" font-size=\"14\" fill=\"\(textColor(on: fill))\">\(value)</text>"
                )
            }
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    struct RGB {
        let r: Double, g: Double, b: Double
        var css: String { "rgb(\(Int(r)),\(Int(g)),\(Int(b)))" }

        /// WCAG relative luminance.
        var luminance: Double {
            func channel(_ c: Double) -> Double {
                let s = c / 255
                return s <= 0.039_28 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
            }
            return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
        }
    }

    /// From white to the site's blue (0, 61, 143) as the count grows.
    static func shade(_ intensity: Double) -> RGB {
        RGB(r: 255 - 255 * intensity, g: 255 - (255 - 61) * intensity, b: 255 - (255 - 143) * intensity)
    }

    /// Black or white, whichever contrasts more with the cell (at least 4.5:1 for every shade).
    static func textColor(on fill: RGB) -> String {
        contrast(fill.luminance, 0) >= contrast(fill.luminance, 1) ? "#000000" : "#ffffff"
    }

    static func contrast(_ a: Double, _ b: Double) -> Double { (max(a, b) + 0.05) / (min(a, b) + 0.05) }
}
