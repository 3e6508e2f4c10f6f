import Records
import Workflow

/// The MDA's steering dashboard ("pilotage"): every figure comes from public records and
/// disclosed metadata; each table also exports to CSV.
struct DashboardPage: PageModel {
    static let template = "dashboard"

    struct SectorRow: Sendable {
        let label: String
        let structures: Int
        let withOffer: Int
    }

    struct MonthRow: Sendable {
        let month: String
        let requested: Int
        let accepted: Int
        let declined: Int
        let confirmed: Int
        let done: Int
        let evaluated: Int
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
    }

    struct SilentRow: Sendable {
        let name: String
        let lastSeen: String
    }

    let sectors: [SectorRow]
    let months: [MonthRow]
    let noMonths: Bool
    let median: String
    let late: String
    let evaluations: String
    /// SVG drawn on the server; the table after it carries the same figures.
    let heatmap: String
    let matrixRows: [MatrixRow]
    let matrixColumns: [String]
    let balances: [BalanceRow]
    let silent: [SilentRow]
    let noSilent: Bool

    static let noData = "pas encore de données"

    init(_ d: Dashboard) {
        sectors = d.sectors.map { SectorRow(label: $0.sector.label, structures: $0.structures, withOffer: $0.withPublishedOffer) }
        months = d.months.map {
            MonthRow(
                month: French.month($0.month),
                requested: $0.requested,
                accepted: $0.accepted,
                declined: $0.declined,
                confirmed: $0.confirmed,
                done: $0.done,
                evaluated: $0.evaluated
            )
        }
        noMonths = months.isEmpty
        median = d.medianAnswerDays.map(French.decimalDays) ?? "pas encore de réponse"
        late = d.lateAnswerShare.map(French.percent) ?? Self.noData
        evaluations = d.evaluationCompletion.map(French.percent) ?? Self.noData
        heatmap = HeatMap.svg(d.matrix, labels: Sector.allCases.map(\.label))
        matrixRows = Sector.allCases.enumerated().map { i, sector in
            MatrixRow(label: sector.label, cells: d.matrix[i].map { MatrixRow.Cell(value: $0) })
        }
        matrixColumns = Sector.allCases.map(\.label)
        balances = d.balances.map { BalanceRow(name: $0.name, hosted: $0.hostedDays, sent: $0.sentDays, balance: $0.balance) }
        silent = d.silent.map { SilentRow(name: $0.name, lastSeen: $0.lastSeen.map(French.dateTime) ?? "jamais") }
        noSilent = silent.isEmpty
    }

    /// Each table of the dashboard, as exported (French headers), by the name of its file.
    static func tables(_ d: Dashboard) -> [String: (header: [String], rows: [[String]])] {
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
                d.silent.map { [$0.name, $0.lastSeen.map(French.dateTime) ?? "jamais"] }
            ),
        ]
    }
}
