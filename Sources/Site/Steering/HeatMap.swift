import Records

/// A sector × sector heat map drawn on the server as SVG (no script); the same figures are in
/// a table next to it, which is the text alternative.
enum HeatMap {
    static func svg(_ matrix: [[Int]], labels: [String]) -> String {
        let cell = 44
        let left = 250
        let top = 150
        let size = labels.count
        let maximum = max(1, matrix.flatMap { $0 }.max() ?? 1)
        var parts = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"heatmap-title heatmap-desc\" class=\"heatmap\" "
                + "viewBox=\"0 0 \(left + cell * size + 10) \(top + cell * size + 10)\" width=\"\(left + cell * size + 10)\">",
            "<title id=\"heatmap-title\">Qui a découvert qui : immersions réalisées, par secteur</title>",
            "<desc id=\"heatmap-desc\">Lignes : secteur de la personne accueillie. Colonnes : secteur de la structure d'accueil. Les chiffres sont repris dans le tableau qui suit.</desc>",
        ]
        for (i, label) in labels.enumerated() {
            let y = top + i * cell + cell / 2 + 5
            parts.append("<text x=\"\(left - 8)\" y=\"\(y)\" text-anchor=\"end\" font-size=\"13\">\(HTML.escape(label))</text>")
            let x = left + i * cell + cell / 2
            parts.append("<text transform=\"translate(\(x),\(top - 8)) rotate(-45)\" font-size=\"13\">\(HTML.escape(label))</text>")
        }
        for (r, row) in matrix.enumerated() {
            for (c, value) in row.enumerated() {
                // From white to the site's blue; dark cells carry white figures.
                let intensity = Double(value) / Double(maximum)
                let shade = { (full: Double) in Int(255 - (255 - full) * intensity) }
                let fill = "rgb(\(shade(0)),\(shade(61)),\(shade(143)))"
                let x = left + c * cell
                let y = top + r * cell
                parts.append("<rect x=\"\(x)\" y=\"\(y)\" width=\"\(cell)\" height=\"\(cell)\" fill=\"\(fill)\" stroke=\"#c8c8c8\"/>")
                parts.append(
                    "<text x=\"\(x + cell / 2)\" y=\"\(y + cell / 2 + 5)\" text-anchor=\"middle\" font-size=\"14\" fill=\"\(intensity > 0.5 ? "#ffffff" : "#1b1b1b")\">\(value)</text>"
                )
            }
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }
}
