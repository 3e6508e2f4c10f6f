import Foundation
import Hummingbird
import HummingbirdTesting
import NetworkSupport
import TestSupport
import Testing

@testable import Records
@testable import Site
@testable import Storage
@testable import Workflow

/// The pilot's view: the period it counts, its charts, and the annual report with the MDA's remarks.
@Suite("The pilot's view and the annual report")
struct SteeringSiteTests {
    static func period(_ query: String, today: String = "2027-01-15") -> SteeringPeriod {
        SteeringPeriod(Form(encoded: query), today: Day(today)!)
    }

    @Test func periodsAreTheLastTwelveMonthsAYearASchoolYearOrDatesChosen() {
        #expect(Self.period("").resolved.period == Period(from: Day("2026-02-01")!, to: Day("2027-01-15")!))
        #expect(Self.period("periode=annee&annee=2026").resolved.period == Period(from: Day("2026-01-01")!, to: Day("2026-12-31")!))
        #expect(Self.period("periode=annee&annee=2026").title == "année 2026")
        let school = Self.period("periode=annee-scolaire&annee=2025")
        #expect(school.resolved.period == Period(from: Day("2025-09-01")!, to: Day("2026-08-31")!))
        #expect(school.title.hasPrefix("année scolaire 2025-2026"))
        #expect(Self.period("periode=annee-scolaire").year == 2026, "in January, the school year begun last September")
        #expect(Self.period("periode=annee-scolaire", today: "2027-09-10").year == 2027)
        let chosen = Self.period("periode=dates&du=2026-03-01&au=2026-06-30")
        #expect(chosen.resolved.period == Period(from: Day("2026-03-01")!, to: Day("2026-06-30")!) && chosen.resolved.problem == nil)
        let inverted = Self.period("periode=dates&du=2026-06-30&au=2026-03-01")
        #expect(inverted.resolved.problem == "Le dernier jour précède le premier (les 12 derniers mois sont affichés).")
        #expect(inverted.resolved.period == Self.period("").resolved.period)
        #expect(Self.period("periode=dates&du=hier").resolved.problem?.hasPrefix("Dates non reconnues") == true)
        // The choice survives in links (exports, report).
        for query in ["periode=annee&annee=2026", "periode=annee-scolaire&annee=2025", "periode=dates&du=2026-03-01&au=2026-06-30"] {
            #expect(Self.period(Self.period(query).query) == Self.period(query))
        }
    }

    @Test func heatMapFiguresAlwaysContrastWithTheirCell() {
        for step in 0...100 {
            let fill = HeatMap.shade(Double(step) / 100)
            let text = HeatMap.textColor(on: fill) == "#000000" ? 0 : 1.0
            #expect(HeatMap.contrast(fill.luminance, text) >= 4.5, "shade \(step) %")
        }
        let svg = HeatMap.svg(Array(repeating: Array(repeating: 1, count: 8), count: 8))
        #expect(svg.contains(">Information, orientation</text>"), "a label short enough not to be cut")
    }

    @Test func chartAxesEndOnRoundValues() {
        #expect([0, 3, 5, 11, 37, 120].map { BarChart.niceCeiling($0) } == [4, 4, 8, 20, 40, 200])
        let svg = BarChart.svg(
            id: "t",
            title: "Titre",
            description: "Description",
            categories: ["janv. 27", "févr. 27"],
            series: [.init(label: "Demandées", color: "#1d4ed8", values: [3, 0])]
        )
        #expect(svg.contains("role=\"img\" aria-labelledby=\"t-titre t-desc\""))
        #expect(svg.components(separatedBy: "<rect ").count - 1 == 1, "no bar for a zero")
        #expect(svg.contains("<title>Demandées, janv. 27 : 3</title>"))
    }

    @Test func theAnnualReportKeepsTheMDAsRemarksOncePerPeriod() async throws {
        try await withPair { pair in
            let sites = try TwoSites(pair: pair)
            _ = try pair.request()
            try await pair.sync()
            try await sites.run { a, _, hub in
                let admin = try #require(try await Browser.login(hub, email: "admin@mda.example").1)
                let uri = "/pilotage/bilan?periode=annee&annee=2027"
                let page = try await admin.get(hub, uri)
                #expect(page.status == .ok)
                #expect(
                    page.html.contains("<h1>Bilan de la bourse d&#39;échange</h1>") || page.html.contains("<h1>Bilan de la bourse d'échange</h1>")
                )
                #expect(page.text.contains("Période : année 2027"))
                #expect(page.text.contains("Aucune remarque pour l'instant."))
                #expect(
                    page.html.contains("<title id=\"carte-participation-titre\">")
                        || page.text.contains("Aucune immersion réalisée sur cette période.")
                )

                let remarks = "Année de lancement : douze structures.\nÀ suivre : les délais de réponse."
                let token = Browser.newFormToken()
                let saved = try await admin.post(hub, uri, [("remarques", remarks)], formToken: token)
                #expect(saved.status == .seeOther)
                #expect(saved.headers[.location] == "/pilotage/bilan?periode=annee&annee=2027&fait=remarques")
                let shown = try await admin.get(hub, try #require(saved.headers[.location]))
                #expect(shown.text.contains("Année de lancement : douze structures.") && shown.text.contains("Remarques enregistrées."))
                // Replayed: nothing new is written, and the person lands where the first submission led.
                let metaBefore = try pair.network.hub.settings[ReportRemarks.key("2027-01-01_2027-12-31")]
                let replay = try await admin.post(hub, uri, [("remarques", "autre texte")], formToken: token)
                #expect(replay.status == .seeOther)
                #expect(try pair.network.hub.settings[ReportRemarks.key("2027-01-01_2027-12-31")] == metaBefore)
                // Too long: refused in French, nothing kept.
                let long = try await admin.post(hub, uri, [("remarques", String(repeating: "a", count: ReportRemarks.maximumLength + 1))])
                #expect(long.status == .badRequest)
                #expect(long.text.contains("Les remarques font 4001 caractères, pour 4000 au plus : raccourcissez-les."))
                #expect(try ReportRemarks(node: pair.network.hub).remarks(for: "2027-01-01_2027-12-31") == remarks)
                // Another period has its own remarks.
                #expect(try await admin.get(hub, "/pilotage/bilan?periode=annee&annee=2026").text.contains("Aucune remarque pour l'instant."))
                // Only the MDA's administrators.
                let referent = try #require(try await Browser.login(a, email: "ref@a.example").1)
                #expect(try await referent.get(a, uri).status == .forbidden)
            }
        }
    }
}
