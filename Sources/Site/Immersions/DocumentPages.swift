import Exchange
import Records
import Workflow

/// The current convention, to read and print (A4).
struct ConventionPrintPage: PageModel {
    static let template = "conventionPrint"
    let id: String
    let text: String
    let version: String
    let hash: String
    let parties: [ImmersionWording.PartyStatus]

    init?(_ immersion: Immersion) {
        guard let current = immersion.conventions.last else { return nil }
        id = immersion.id
        text = current.convention.text()
        version = "\(immersion.conventions.count)"
        hash = current.convention.versionHash
        parties = ImmersionWording.signatures(immersion)
    }
}

/// The attestation of participation, for the employer's HR department and the visitor's training record.
struct AttestationPage: PageModel {
    static let template = "attestation"

    struct Signature: Sendable {
        let label: String
        let name: String
        let date: String
    }

    let id: String
    let visitorName: String
    let visitorJob: String
    let visitorStructure: String
    let hostStructure: String
    let dates: String
    let hours: String
    let places: String
    let signatures: [Signature]
    let evaluations: String
    let today: String
    let issuer: String

    /// Nil until the attestation is due (Exchange's rule).
    init?(_ immersion: Immersion, names: [String: StructureName], issuer: String, today: Day) {
        guard immersion.analysis.attestationAvailable(today: today), let convention = immersion.currentConvention else { return nil }
        id = immersion.id
        visitorName = immersion.request.visitorName
        visitorJob = immersion.request.visitorJob
        visitorStructure = names[immersion.visitorStructure]?.name ?? convention.visitor.structure
        hostStructure = names[immersion.hostStructure]?.name ?? convention.host.structure
        dates = French.dates(convention.period)
        hours = convention.hours
        places = convention.places
        signatures = ConventionSignature.Party.allCases.compactMap { party in
            immersion.countingSignature(for: party).map {
                Signature(
                    label: French.capitalized(ImmersionWording.party(party)),
                    name: $0.signature.signerName,
                    date: French.date(Day.today($0.entry.created.date))
                )
            }
        }
        let both = immersion.analysis.visitorEvaluation != nil && immersion.analysis.hostEvaluation != nil
        evaluations =
            both
            ? "écrites par la personne accueillie et par la structure d'accueil"
            : "écrite par la structure d'accueil (la personne accueillie n'a pas écrit la sienne dans les \(Analysis.hostAloneAttestationDelayDays) jours)"
        self.today = French.date(today)
        self.issuer = issuer
    }

    static let unavailable = PageError(
        status: .notFound,
        title: "Attestation pas encore disponible",
        explanation:
            "L'attestation s'imprime une fois l'immersion terminée et évaluée par les deux structures (ou par la structure d'accueil seule, \(Analysis.hostAloneAttestationDelayDays) jours après la fin)."
    )
}
