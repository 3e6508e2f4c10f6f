import Foundation

/// A grouped bar chart drawn on the server as SVG (no script): one group per category (a
/// month), one bar per series. The page puts the same figures in a table, its text alternative.
enum BarChart {
    struct Series: Sendable {
        let label: String
        /// At least 3:1 against white (non-text contrast).
        let color: String
        let values: [Double]
    }

    /// `format` writes a value on the axis ("12", "3,5 j").
    static func svg(
        id: String,
        title: String,
        description: String,
        categories: [String],
        series: [Series],
        format: (Double) -> String = { String(Int($0.rounded())) }
    ) -> String {
        let maximum = niceCeiling(series.flatMap(\.values).max() ?? 0)
        // Room for the longest axis value (about 7 px a character at 11 px).
        let left = 12 + 7 * Double((0...4).map { format(maximum * Double($0) / 4).count }.max() ?? 3)
        let bottom = 46.0
        let top = 14.0
        let plotHeight = 180.0
        // At least 600 wide, so that the text keeps its size when the chart fills the page.
        let groupWidth = max(28.0, 14.0 * Double(series.count) + 10, (600 - left - 10) / Double(max(1, categories.count)))
        let width = left + groupWidth * Double(max(1, categories.count)) + 10
        let height = top + plotHeight + bottom
        func y(_ value: Double) -> Double { top + plotHeight - (maximum > 0 ? value / maximum * plotHeight : 0) }
        var parts = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"\(id)-titre \(id)-desc\" class=\"chart\" "
                + "viewBox=\"0 0 \(Int(width)) \(Int(height))\">",
            "<title id=\"\(id)-titre\">\(HTML.escape(title))</title>",
            "<desc id=\"\(id)-desc\">\(HTML.escape(description))</desc>",
        ]
        // Four gridlines with their values.
        for step in 0...4 {
            let value = maximum * Double(step) / 4
            let lineY = rounded(y(value))
            parts.append("<line x1=\"\(Int(left))\" x2=\"\(Int(width - 6))\" y1=\"\(lineY)\" y2=\"\(lineY)\" stroke=\"#d0d0d0\"/>")
            parts.append(
                "<text x=\"\(Int(left - 6))\" y=\"\(rounded(y(value) + 4))\" text-anchor=\"end\" font-size=\"11\" fill=\"#1b1b1b\">\(HTML.escape(format(value)))</text>"
            )
        }
        let barWidth = min(18, (groupWidth - 8) / Double(max(1, series.count)))
        for (c, category) in categories.enumerated() {
            let groupX = left + groupWidth * Double(c) + (groupWidth - barWidth * Double(series.count)) / 2
            for (s, serie) in series.enumerated() where c < serie.values.count {
                let value = serie.values[c]
                guard value > 0 else { continue }
                parts.append(
                    "<rect x=\"\(rounded(groupX + barWidth * Double(s)))\" y=\"\(rounded(y(value)))\" width=\"\(rounded(barWidth - 1))\" "
                        + "height=\"\(rounded(top + plotHeight - y(value)))\" fill=\"\(serie.color)\"><title>\(HTML.escape("\(serie.label), \(category) : \(format(value))"))</title></rect>"
                )
            }
            // Category labels slanted, so twelve months fit at any width.
            let labelX = rounded(left + groupWidth * Double(c) + groupWidth / 2 - 4)
            parts.append(
                "<text transform=\"translate(\(labelX),\(Int(top + plotHeight + 12))) rotate(35)\" font-size=\"11\" fill=\"#1b1b1b\">\(HTML.escape(category))</text>"
            )
        }
        parts.append(
            "<line x1=\"\(Int(left))\" x2=\"\(Int(width - 6))\" y1=\"\(Int(top + plotHeight))\" y2=\"\(Int(top + plotHeight))\" stroke=\"#1b1b1b\"/>"
        )
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    /// The legend, as HTML beside the chart (readable at any width).
    static func legend(_ series: [Series]) -> String {
        "<ul class=\"legend\">"
            + series.map {
                "<li><svg class=\"swatch\" width=\"14\" height=\"14\" viewBox=\"0 0 14 14\" aria-hidden=\"true\" focusable=\"false\">"
                    + "<rect width=\"14\" height=\"14\" fill=\"\($0.color)\"/></svg> \(HTML.escape($0.label))</li>"
            }.joined() + "</ul>"
    }

    /// The top of the axis: four steps of 1, 2 or 5 times a power of ten (at least 1), so that
    /// every gridline falls on a round whole value.
    static func niceCeiling(_ value: Double) -> Double {
        let raw = value / 4
        guard raw > 1 else { return 4 }
        let power = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].first { $0 * power >= raw }.map { $0 * power } ?? 10 * power
        return 4 * step
    }

    static func rounded(_ value: Double) -> String {
        let r = (value * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(r)
    }
}
