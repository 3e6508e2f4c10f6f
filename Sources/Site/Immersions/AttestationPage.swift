import Exchange
import Records
import Workflow

/// The attestation of participation, one A4 page, for the employer's HR department and the
/// visitor's training record: what Workflow's `AttestationFacts` state, the host's signatory,
/// and how to check it with the credential the host's node issued.
struct AttestationPage: PageModel {
    static let template = "attestation"

    let id: String
    let visitorName: String
    let visitorJob: String
    let visitorStructure: String
    /// "Le CMP infanto-juvénile de Béziers", to open the attesting sentence.
    let hostSubject: String
    let hostStructure: String
    /// "le CMP infanto-juvénile de Béziers", after "pour".
    let hostThe: String
    let establishment: String
    let dates: String
    let days: String
    let subject: String
    let evaluations: String
    let signatoryName: String
    let signatoryCapacity: String
    let today: String
    /// The credential's short fingerprint, once the credential is on this node.
    let fingerprint: String?
    let verifierURL: String?

    init(_ facts: AttestationFacts, names: [String: StructureName], credential: CredentialCheck.Verified?, verifierURL: String?, today: Day) {
        id = facts.immersion
        visitorName = facts.visitorName
        visitorJob = facts.visitorJob
        visitorStructure = facts.visitorStructure.name
        let host = names[facts.hostStructure.id] ?? StructureName(facts.hostStructure.name)
        hostSubject = French.capitalized(host.the)
        hostStructure = facts.hostStructure.name
        hostThe = host.the
        establishment = facts.establishment
        dates = French.dates(facts.period)
        days = French.days(facts.period.days)
        subject = facts.subject
        var written: [String] = []
        if let day = facts.visitorEvaluation { written.append("par la personne accueillie le \(French.date(day))") }
        written.append("par la structure d'accueil le \(French.date(facts.hostEvaluation))")
        evaluations =
            French.capitalized(written.joined(separator: ", "))
            + (facts.visitorEvaluation == nil
                ? " (la personne accueillie n'a pas écrit la sienne dans les \(Analysis.hostAloneAttestationDelayDays) jours)." : ".")
        signatoryName = facts.signatory.name
        signatoryCapacity = facts.signatory.capacity
        self.today = French.date(today)
        fingerprint = credential?.fingerprint
        self.verifierURL = verifierURL
    }

    static let unavailable = PageError(
        status: .notFound,
        title: "Attestation pas encore disponible",
        explanation:
            "L'attestation s'imprime une fois l'immersion terminée et évaluée par les deux structures (ou par la structure d'accueil seule, \(Analysis.hostAloneAttestationDelayDays) jours après la fin)."
    )

    static let credentialUnavailable = PageError(
        status: .notFound,
        title: "Attestation numérique pas encore disponible",
        explanation:
            "La structure d'accueil délivre l'attestation numérique une fois l'attestation due ; elle arrive sur ce site à la synchronisation suivante. Réessayez dans quelques minutes."
    )
}
