import Exchange
import Records
import Workflow

/// "Carnet d'immersion": the visitor's printable A4 booklet, once the convention is signed by
/// all: where to go and when, whom to ask for, the convention's key principles, their own
/// objectives and questions, and the référentiel's observation grid with room to write by hand.
struct CarnetPage: PageModel {
    static let template = "carnet"

    struct Field: Sendable {
        let label: String
        let value: String
    }

    let id: String
    let visitorName: String
    let fields: [Field]
    let programme: [String]
    let principles: [String]
    let objectives: [String]
    let questions: [String]
    let prepared: Bool
    let grid: [String]
    let debrief: [String]
    let framework: String

    static let unavailable = PageError(
        status: .conflict,
        title: "Carnet pas encore disponible",
        explanation: "Le carnet d'immersion s'imprime une fois la convention signée par les trois parties."
    )

    init?(
        _ immersion: Immersion,
        offer: Offer?,
        preparation: ImmersionPreparation?,
        framework: FrameworkInForce,
        names: [String: StructureName],
        today: Day
    ) {
        switch immersion.state(today: today) {
        case .confirmed, .inProgress, .completed: break
        default: return nil
        }
        guard let convention = immersion.currentConvention else { return nil }
        id = immersion.id
        visitorName = immersion.request.visitorName
        let host = names[immersion.hostStructure] ?? .unknown
        var fields = [
            Field(label: "Personne accueillie", value: "\(immersion.request.visitorName), \(immersion.request.visitorJob)"),
            Field(label: "Structure d'accueil", value: host.name),
            Field(label: "Dates", value: French.capitalized(French.dates(convention.period))),
            Field(label: "Horaires", value: convention.hours),
            Field(label: "Lieux", value: convention.places),
            Field(label: "Référent d'accueil", value: Self.person(convention.host)),
        ]
        if let offer {
            fields.insert(Field(label: "Offre", value: "\(offer.establishment), \(offer.commune)"), at: 2)
            fields.append(Field(label: "Contact de l'offre", value: Self.contact(offer.contact)))
        }
        if !convention.practicalNotes.isEmpty { fields.append(Field(label: "Informations pratiques", value: convention.practicalNotes)) }
        self.fields = fields
        programme = convention.programme.split(separator: "\n").map(String.init)
        // "1. Confidentialité … : …" → the principle's name and its rule, one per line.
        principles = convention.principles.split(separator: "\n").map { line in
            String(line.drop { $0.isNumber || $0 == "." || $0 == " " })
        }
        objectives = preparation?.objectives.split(separator: "\n").map(String.init) ?? []
        questions = preparation?.questions ?? []
        prepared = preparation != nil
        grid = framework.framework.observationGrid
        debrief = framework.framework.debriefQuestions
        self.framework = "Référentiel des échanges du réseau, \(framework.label)."
    }

    static func person(_ p: Convention.Person) -> String {
        [p.name, p.role, p.email, p.phone].filter { !$0.isEmpty }.joined(separator: " — ")
    }

    static func contact(_ c: Contact) -> String {
        [c.name, c.role, c.email, c.phone].filter { !$0.isEmpty }.joined(separator: " — ")
    }
}
