import Records
import Workflow

/// The MDA's steering dashboard ("pilotage"): every figure comes from public records and
/// disclosed metadata, over the period chosen; each table also exports to CSV.
struct DashboardPage: PageModel {
    static let template = "dashboard"

    struct Choice: Sendable {
        let value: String
        let label: String
        let selected: Bool
    }

    struct SilentRow: Sendable {
        let name: String
        let lastSeen: String
    }

    let periods: [Choice]
    let years: [Choice]
    let from: String
    let to: String
    let periodTitle: String
    let periodProblem: String?
    /// The period in an address, for the exports and the annual report.
    let query: String
    let figures: SteeringFigures
    let silent: [SilentRow]
    let noSilent: Bool

    init(_ d: Dashboard, period: SteeringPeriod, firstYear: Int) {
        periods = SteeringPeriod.Kind.allCases.map { Choice(value: $0.rawValue, label: $0.label, selected: $0 == period.kind) }
        let lastYear = Int(period.today.description.prefix(4)) ?? period.year
        years = (min(firstYear, period.year)...max(lastYear, period.year)).reversed().map {
            Choice(value: String($0), label: String($0), selected: $0 == period.year)
        }
        from = period.resolved.period.from.description
        to = period.resolved.period.to.description
        periodTitle = period.title
        periodProblem = period.resolved.problem
        query = period.query
        figures = SteeringFigures(d)
        silent = d.silent.map { SilentRow(name: $0.name, lastSeen: $0.lastSeen.map(French.dateTime) ?? "jamais") }
        noSilent = silent.isEmpty
    }

    /// Each table of the dashboard, as exported (French headers), by the name of its file.
    static func tables(_ d: Dashboard) -> [String: (header: [String], rows: [[String]])] {
        func decimal(_ value: Double?) -> String { value.map { String(format: "%.1f", $0).replacingOccurrences(of: ".", with: ",") } ?? "" }
        return [
            "secteurs": (
                ["Secteur", "Structures", "Avec une offre publiée", "Immersions faites", "Immersions accueillies"],
                d.sectors.enumerated().map { i, row in
                    [
                        row.sector.label, "\(row.structures)", "\(row.withPublishedOffer)", "\(d.matrix[i].reduce(0, +))",
                        "\(d.matrix.map { $0[i] }.reduce(0, +))",
                    ]
                }
            ),
            "mois": (
                [
                    "Mois de la demande", "Demandées", "Acceptées", "Refusées", "Confirmées", "Réalisées", "Évaluées", "Annulées", "Absences",
                    "Délai médian de réponse (jours)", "Réponses tardives (part)", "Évaluations écrites", "Évaluations attendues",
                ],
                d.months.map {
                    [
                        $0.month, "\($0.requested)", "\($0.accepted)", "\($0.declined)", "\($0.confirmed)", "\($0.done)", "\($0.evaluated)",
                        "\($0.cancelled)", "\($0.noShow)", decimal($0.medianAnswerDays), decimal($0.lateShare.map { $0 * 100 }),
                        "\($0.evaluationsWritten)", "\($0.evaluationsDue)",
                    ]
                }
            ),
            "croisements": (
                ["Secteur de la personne accueillie"] + Sector.allCases.map { "Accueillie en : \($0.label)" },
                Sector.allCases.enumerated().map { i, sector in [sector.label] + d.matrix[i].map(String.init) }
            ),
            "soldes": (
                ["Structure", "Jours accueillis", "Jours envoyés", "Solde", "Situation"],
                d.balances.map {
                    [
                        $0.name, "\($0.hostedDays)", "\($0.sentDays)", "\($0.balance)",
                        SteeringFigures.label(ReciprocityStanding.of($0, threshold: d.maximumDaysOwed)),
                    ]
                }
            ),
            "communes": (
                ["Commune", "Immersions faites par ses structures", "Immersions accueillies"],
                d.communes.map { [$0.commune, "\($0.made)", "\($0.hosted)"] }
            ),
            "silencieuses": (
                ["Structure", "Dernière synchronisation"],
                d.silent.map { [$0.name, $0.lastSeen.map(French.dateTime) ?? "jamais"] }
            ),
        ]
    }
}

/// "Bilan annuel": the period's figures as an A4 document the MDA attaches to its activity
/// report, with the remarks it writes on the page (kept on the hub).
struct ReportPage: PageModel {
    static let template = "report"

    let periodTitle: String
    let query: String
    let figures: SteeringFigures
    let remarks: String
    let hasRemarks: Bool
    let remarksError: String?
    let maximumLength = ReportRemarks.maximumLength
    let csrf: String
    let formToken: String
    let notice: String?
    let today: String

    var hasFormErrors: Bool { remarksError != nil }

    init(
        _ d: Dashboard,
        period: SteeringPeriod,
        remarks: String,
        csrf: String,
        formToken: String,
        remarksError: String? = nil,
        notice: String? = nil
    ) {
        periodTitle = period.title
        query = period.query
        figures = SteeringFigures(d)
        self.remarks = remarks
        hasRemarks = !remarks.isEmpty
        self.remarksError = remarksError
        self.csrf = csrf
        self.formToken = formToken
        self.notice = notice
        today = French.date(period.today)
    }
}
