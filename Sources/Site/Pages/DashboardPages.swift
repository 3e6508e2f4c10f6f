import Exchange
import Foundation
import Hummingbird
import Records
import Storage
import Workflow

/// The MDA's steering dashboard ("pilotage"), on the hub's site, for its administrators.
/// Every figure comes from public records and disclosed metadata; tables export to CSV.
extension Site {
    func addDashboardRoutes(_ router: Router<SiteContext>) {
        router.get("/pilotage") { _, context in
            await page(context) {
                try requireHubAdmin(context)
                let dashboard = try Dashboard(node: node, today: today, now: configuration.now())
                return render("dashboard", dashboardData(dashboard), title: "Pilotage de la bourse d'échange", context: context)
            }
        }
        router.get("/pilotage/{table}") { _, context in
            await page(context) {
                try requireHubAdmin(context)
                let dashboard = try Dashboard(node: node, today: today, now: configuration.now())
                guard let name = context.parameters.get("table"), name.hasSuffix(".csv"),
                    let table = Self.dashboardTables(dashboard)[String(name.dropLast(4))]
                else { throw PageError.notFound }
                return Response(
                    status: .ok,
                    headers: [
                        .contentType: "text/csv; charset=utf-8", .cacheControl: "no-store",
                        .contentDisposition: "attachment; filename=\"vis-ma-vie-pro-\(name)\"",
                    ],
                    body: .init(byteBuffer: ByteBuffer(string: CSV.document(table.header, table.rows)))
                )
            }
        }
    }

    func requireHubAdmin(_ context: SiteContext) throws {
        _ = try require(context, .admin)
        guard try node.role() == .hub else { throw PageError.notFound }
    }

    static func percent(_ share: Double?) -> String {
        share.map { "\(Int(($0 * 100).rounded())) %" } ?? "pas encore de données"
    }

    /// Each table of the dashboard, as exported (French headers).
    static func dashboardTables(_ d: Dashboard) -> [String: (header: [String], rows: [[String]])] {
        [
            "secteurs": (
                ["Secteur", "Structures", "Avec une offre publiée"],
                d.sectors.map { [$0.sector.label, "\($0.structures)", "\($0.withPublishedOffer)"] }
            ),
            "mois": (
                ["Mois de la demande", "Demandées", "Acceptées", "Refusées", "Confirmées", "Réalisées", "Évaluées"],
                d.months.map {
                    [$0.month, "\($0.requested)", "\($0.accepted)", "\($0.declined)", "\($0.confirmed)", "\($0.done)", "\($0.evaluated)"]
                }
            ),
            "croisements": (
                ["Secteur de la personne accueillie"] + Sector.allCases.map { "Accueillie en : \($0.label)" },
                Sector.allCases.enumerated().map { i, sector in [sector.label] + d.matrix[i].map(String.init) }
            ),
            "soldes": (
                ["Structure", "Jours accueillis", "Jours envoyés", "Solde"],
                d.balances.map { [$0.name, "\($0.hostedDays)", "\($0.sentDays)", "\($0.balance)"] }
            ),
            "silencieuses": (
                ["Structure", "Dernière synchronisation"],
                d.silent.map { [$0.name, $0.lastSeen.map(FrenchDate.describe) ?? "jamais"] }
            ),
        ]
    }

    func dashboardData(_ d: Dashboard) -> [String: Any] {
        let monthLabels = d.months.map { row -> [String: Any] in
            [
                "month": Self.monthName(row.month), "requested": row.requested, "accepted": row.accepted, "declined": row.declined,
                "confirmed": row.confirmed, "done": row.done, "evaluated": row.evaluated,
            ]
        }
        return [
            "sectors": d.sectors.map { ["label": $0.sector.label, "structures": $0.structures, "withOffer": $0.withPublishedOffer] },
            "months": monthLabels, "noMonths": monthLabels.isEmpty,
            "median": d.medianAnswerDays.map { String(format: "%.1f jour%@", $0, $0 >= 2 ? "s" : "").replacingOccurrences(of: ".", with: ",") }
                ?? "pas encore de réponse",
            "late": Self.percent(d.lateAnswerShare), "evaluations": Self.percent(d.evaluationCompletion),
            "heatmap": HeatMap.svg(d.matrix, labels: Sector.allCases.map(\.label)),
            "matrixRows": Sector.allCases.enumerated().map { i, sector in ["label": sector.label, "cells": d.matrix[i].map { ["value": $0] }] },
            "matrixColumns": Sector.allCases.map(\.label),
            "balances": d.balances.map { ["name": $0.name, "hosted": $0.hostedDays, "sent": $0.sentDays, "balance": $0.balance] },
            "silent": d.silent.map { ["name": $0.name, "lastSeen": $0.lastSeen.map(FrenchDate.describe) ?? "jamais"] }, "noSilent": d.silent.isEmpty,
        ]
    }

    static func monthName(_ month: String) -> String {
        let names = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
        guard let m = Int(month.suffix(2)), (1...12).contains(m) else { return month }
        return "\(names[m - 1]) \(month.prefix(4))"
    }
}

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
