import Foundation
import Geography
import Records
import Workflow

/// The pilot's figures for one period, as the pilot's view and the annual report show them:
/// charts drawn on the server, each followed by the table or list that says the same in words.
struct SteeringFigures: Sendable {
    struct KeyFigure: Sendable {
        let label: String
        let value: String
    }

    struct MonthRow: Sendable {
        let month: String
        let requested: Int
        let accepted: Int
        let declined: Int
        let confirmed: Int
        let done: Int
        let cancelled: Int
        let noShow: Int
        let median: String
        let late: String
        let evaluations: String
    }

    struct MatrixRow: Sendable {
        struct Cell: Sendable { let value: Int }
        let label: String
        let cells: [Cell]
    }

    struct BalanceRow: Sendable {
        let name: String
        let hosted: Int
        let sent: Int
        let balance: Int
        let standing: String
    }

    struct StandingGroup: Sendable {
        let label: String
        let names: String
        let count: Int
    }

    struct SectorRow: Sendable {
        let label: String
        let structures: Int
        let withOffer: Int
        let made: Int
        let hosted: Int
    }

    struct CommuneRow: Sendable {
        let commune: String
        let made: Int
        let hosted: Int
    }

    let keyFigures: [KeyFigure]
    let months: [MonthRow]
    let noMonths: Bool
    let trendChart: String
    let trendLegend: String
    let answerChart: String
    let heatmap: String
    let matrixRows: [MatrixRow]
    let matrixColumns: [String]
    let topPairs: [String]
    let noPairs: Bool
    let threshold: String
    let standings: [StandingGroup]
    let balances: [BalanceRow]
    let sectors: [SectorRow]
    let communes: [CommuneRow]
    let noCommunes: Bool
    let communeMap: String
    let followUp: FollowUpView

    static let noData = "pas encore de données"

    /// Requested, confirmed and done, each month: the trend chart's three series.
    static func trendSeries(_ months: [Dashboard.MonthRow]) -> [BarChart.Series] {
        [
            BarChart.Series(label: "Demandées", color: "#1d4ed8", values: months.map { Double($0.requested) }),
            BarChart.Series(label: "Confirmées", color: "#c2410c", values: months.map { Double($0.confirmed) }),
            BarChart.Series(label: "Réalisées", color: "#15803d", values: months.map { Double($0.done) }),
        ]
    }

    init(_ d: Dashboard) {
        let done = d.months.map(\.done).reduce(0, +)
        let days = d.balances.map(\.hostedDays).reduce(0, +)
        let active = d.balances.filter { $0.hostedDays + $0.sentDays > 0 }.count
        keyFigures = [
            KeyFigure(label: "Demandes d'immersion", value: "\(d.months.map(\.requested).reduce(0, +))"),
            KeyFigure(label: "Immersions réalisées", value: "\(done), soit \(French.days(days)) d'immersion"),
            KeyFigure(label: "Structures qui ont envoyé ou accueilli", value: "\(active) sur \(d.balances.count)"),
            KeyFigure(label: "Délai médian de réponse", value: d.medianAnswerDays.map(French.decimalDays) ?? "pas encore de réponse"),
            KeyFigure(label: "Demandes restées plus de 10 jours sans réponse", value: d.lateAnswerShare.map(French.percent) ?? Self.noData),
            KeyFigure(
                label: "Évaluations écrites (deux attendues par immersion passée)",
                value: d.evaluationCompletion.map(French.percent) ?? Self.noData
            ),
            KeyFigure(
                label: "Immersions suivies d'un travail en commun (suivis à 3 et 6 mois)",
                value: d.followUps.jointShare.map(French.percent) ?? Self.noData
            ),
        ]
        months = d.months.map {
            MonthRow(
                month: French.month($0.month),
                requested: $0.requested,
                accepted: $0.accepted,
                declined: $0.declined,
                confirmed: $0.confirmed,
                done: $0.done,
                cancelled: $0.cancelled,
                noShow: $0.noShow,
                median: $0.medianAnswerDays.map(French.decimalDays) ?? "—",
                late: $0.lateShare.map(French.percent) ?? "—",
                evaluations: $0.evaluationsDue == 0 ? "—" : "\($0.evaluationsWritten) sur \($0.evaluationsDue)"
            )
        }
        noMonths = d.months.allSatisfy { $0.requested == 0 }
        let shortMonths = d.months.map { Self.shortMonth($0.month) }
        let series = Self.trendSeries(d.months)
        trendChart = BarChart.svg(
            id: "tendances",
            title: "Immersions demandées, confirmées et réalisées, par mois de la demande",
            description: "Diagramme en barres ; le tableau qui suit donne les mêmes chiffres, mois par mois.",
            categories: shortMonths,
            series: series
        )
        trendLegend = BarChart.legend(series)
        answerChart = BarChart.svg(
            id: "delais",
            title: "Délai médian de réponse, en jours, par mois de la demande",
            description: "Diagramme en barres, en jours ; la colonne « Délai médian de réponse » du tableau qui suit donne les mêmes chiffres.",
            categories: shortMonths,
            series: [BarChart.Series(label: "Délai médian de réponse", color: "#6d28d9", values: d.months.map { $0.medianAnswerDays ?? 0 })],
            format: { French.days(Int($0.rounded())) }
        )
        heatmap = HeatMap.svg(d.matrix)
        matrixRows = Sector.allCases.enumerated().map { i, sector in
            MatrixRow(label: sector.label, cells: d.matrix[i].map { MatrixRow.Cell(value: $0) })
        }
        matrixColumns = Sector.allCases.map(HeatMap.shortLabel)
        topPairs = d.topPairs.map {
            "\(French.count($0.immersions, "immersion")) de professionnels \(Self.of($0.visitor)) \(Self.into($0.host))"
        }
        noPairs = topPairs.isEmpty
        threshold =
            d.maximumDaysOwed.map {
                "La règle du réseau : une structure qui a envoyé plus de \(French.days($0)) de plus qu'elle n'en a accueilli doit ouvrir un accueil avant une nouvelle demande."
            } ?? "La règle du réseau ne fixe pas de nombre de jours dus : toute structure qui a envoyé et accueilli compte ici comme équilibrée."
        let standingOf = Dictionary(uniqueKeysWithValues: d.balances.map { ($0.structure, ReciprocityStanding.of($0, threshold: d.maximumDaysOwed)) })
        standings = ReciprocityStanding.allCases.compactMap { standing in
            let names = d.balances.filter { standingOf[$0.structure] == standing }.map(\.name).sorted()
            guard !names.isEmpty else { return nil }
            return StandingGroup(label: Self.label(standing), names: names.joined(separator: " ; "), count: names.count)
        }
        balances = d.balances.map {
            BalanceRow(
                name: $0.name,
                hosted: $0.hostedDays,
                sent: $0.sentDays,
                balance: $0.balance,
                standing: Self.label(standingOf[$0.structure] ?? .inactive)
            )
        }
        sectors = d.sectors.enumerated().map { i, row in
            SectorRow(
                label: row.sector.label,
                structures: row.structures,
                withOffer: row.withPublishedOffer,
                made: d.matrix[i].reduce(0, +),
                hosted: d.matrix.map { $0[i] }.reduce(0, +)
            )
        }
        followUp = FollowUpView(d.followUps)
        communes = d.communes.map { CommuneRow(commune: $0.commune, made: $0.made, hosted: $0.hosted) }
        noCommunes = communes.isEmpty
        let markers = d.communes.compactMap { row -> NetworkMap.Marker? in
            guard let commune = HeraultCommunes.named(row.commune) else { return nil }
            let total = row.made + row.hosted
            return NetworkMap.Marker(
                commune: commune,
                color: "#1d4ed8",
                label: "\(commune.name) : \(row.made) envoyée\(French.s(row.made)), \(row.hosted) accueillie\(French.s(row.hosted))",
                radius: 4 + 3 * Double(total).squareRoot()
            )
        }
        communeMap = NetworkMap.svg(
            id: "carte-participation",
            title: "Immersions réalisées, par commune des structures",
            description:
                "Un cercle par commune, d'autant plus grand que ses structures ont envoyé et accueilli d'immersions. Le tableau qui suit donne les chiffres.",
            markers: markers
        )
    }

    /// "janv. 2026" for a chart's axis.
    static func shortMonth(_ month: String) -> String {
        let names = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
        guard let m = Int(month.suffix(2)), (1...12).contains(m) else { return month }
        return "\(names[m - 1]) \(month.prefix(4).suffix(2))"
    }

    static func label(_ standing: ReciprocityStanding) -> String {
        switch standing {
        case .onlySends: "Envoient sans avoir accueilli"
        case .onlyHosts: "Accueillent sans avoir envoyé"
        case .balanced: "Envoient et accueillent"
        case .owes: "Envoient bien plus qu'elles n'accueillent"
        case .inactive: "Pas encore d'immersion réalisée"
        }
    }

    /// "du secteur sanitaire", "de l'information et de l'orientation des jeunes".
    static func of(_ sector: Sector) -> String {
        sector == .informationOrientation ? "de l'information et de l'orientation des jeunes" : "du secteur \(sector.label.lowercased())"
    }

    /// "dans le secteur sanitaire", "dans l'information et l'orientation des jeunes".
    static func into(_ sector: Sector) -> String {
        sector == .informationOrientation ? "dans l'information et l'orientation des jeunes" : "dans le secteur \(sector.label.lowercased())"
    }
}
