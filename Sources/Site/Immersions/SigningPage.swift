import Exchange
import Records
import Workflow

/// What a signatory reads before signing: the convention's key terms, the principles, the
/// statement they sign, and a box to tick; nothing is signed until they confirm.
struct SigningPage: PageModel {
    static let template = "sign"

    let id: String
    let csrf: String
    let formToken: String
    let version: String
    let date: String
    let hash: String
    let party: String
    let signingFor: String
    let visitor: String
    let employer: String
    let host: String
    let dates: String
    let hours: String
    let places: String
    let programme: String
    let principles: String
    let statement: String
    let confirmError: String?
    let summary: ErrorSummary

    var hasFormErrors: Bool { summary.hasErrors }

    init?(
        _ immersion: Immersion,
        party: ConventionSignature.Party,
        statement: SigningStatement,
        csrf: String,
        formToken: String,
        issues: [ValidationIssue] = []
    ) {
        guard let current = immersion.conventions.last else { return nil }
        let c = current.convention
        func person(_ p: Convention.Person) -> String { [p.name, p.role, p.structure].filter { !$0.isEmpty }.joined(separator: ", ") }
        id = immersion.id
        self.csrf = csrf
        self.formToken = formToken
        version = "\(immersion.conventions.count)"
        date = French.dateTime(current.entry.created)
        hash = c.versionHash
        self.party = party.rawValue
        signingFor = ImmersionWording.signingFor(party)
        visitor = person(c.visitor)
        employer = person(c.employer)
        host = person(c.host)
        dates = French.dates(c.period)
        hours = c.hours
        places = c.places
        programme = c.programme
        principles = c.principles
        self.statement = statement.text
        confirmError = issues.first { $0.field == "confirm" }?.sentence
        summary = ErrorSummary(
            issues.map { .init(anchor: $0.field == "confirm" ? "confirm" : "contenu", label: "Confirmation", message: $0.sentence) }
        )
    }
}
