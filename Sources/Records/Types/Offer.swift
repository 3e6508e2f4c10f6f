/// The host offer ("Fiche offre accueil"): every field of the MDA's form, plus
/// capacity, status and commune for the catalogue.
public struct Offer: RecordBody, Hashable {
    public static let recordType = RecordType.offer
    public static let visibility = Visibility.network

    public enum Status: String, Sendable, CaseIterable {
        case draft, published, paused, archived

        public var label: String {
            switch self {
            case .draft: "brouillon"
            case .published: "publiée"
            case .paused: "suspendue"
            case .archived: "archivée"
            }
        }
    }

    public var hostStructure: String
    public var establishment: String
    public var observableMissions: String
    public var observableJobProfiles: String
    public var observerProfile: String
    public var possiblePeriods: [Period]
    public var durationHalfDays: Int
    public var proposedContents: String
    public var contact: Contact
    public var supportingDocuments: [String]
    public var specialConditions: String
    public var expectedEffectsHost: String
    public var expectedEffectsVisitor: String
    public var writtenBy: String
    public var writtenOn: Day
    public var capacity: Int
    public var status: Status
    public var commune: String

    /// Field keys in the order of the source form, with the labels staff read.
    public static let fieldLabels: [(key: String, label: String)] = [
        ("hostStructure", "Nom de la structure d'accueil"),
        ("establishment", "Établissement ou lieu concerné"),
        ("commune", "Commune"),
        ("observableMissions", "Missions observables"),
        ("observableJobProfiles", "Profils de poste observables"),
        ("observerProfile", "Profil de l'observateur"),
        ("possiblePeriods", "Périodes possibles"),
        ("durationHalfDays", "Durée de l'accueil (en demi-journées)"),
        ("capacity", "Nombre de personnes accueillies par période"),
        ("proposedContents", "Contenus proposés (instances, lieux, etc.)"),
        ("contact", "Contact au sein de la structure"),
        ("supportingDocuments", "Documents d'appui disponibles"),
        ("specialConditions", "Éventuelles conditions particulières"),
        ("expectedEffectsHost", "Effets attendus pour la structure d'accueil"),
        ("expectedEffectsVisitor", "Effets attendus pour la personne accueillie"),
        ("writtenBy", "Fiche rédigée par"),
        ("writtenOn", "Fiche rédigée le"),
        ("status", "État de la fiche"),
    ]

    static let longText = 4000

    public init?(json: JSONValue, issues: IssueList) {
        let r = FieldReader(json, issues: issues)
        r.rejectUnknownKeys(allowed: Set(Offer.fieldLabels.map(\.key)))
        hostStructure = r.text("hostStructure", max: 200)
        establishment = r.text("establishment", max: 200)
        commune = r.text("commune", max: 100)
        observableMissions = r.text("observableMissions", max: Offer.longText, multiline: true)
        observableJobProfiles = r.text("observableJobProfiles", max: Offer.longText, multiline: true)
        observerProfile = r.text("observerProfile", max: Offer.longText, multiline: true)
        let periods = r.periods("possiblePeriods")
        possiblePeriods = periods
        let duration = r.integer("durationHalfDays", in: 1...10, unit: "demi-journées")
        let capacity = r.integer("capacity", in: 1...20, unit: "personnes")
        proposedContents = r.text("proposedContents", max: Offer.longText, multiline: true)
        let contact = Contact(reader: r.nested("contact"))
        supportingDocuments = r.textList("supportingDocuments", required: false, count: 0...50, max: 300)
        specialConditions = r.text("specialConditions", required: false, max: Offer.longText, multiline: true)
        expectedEffectsHost = r.text("expectedEffectsHost", max: Offer.longText, multiline: true)
        expectedEffectsVisitor = r.text("expectedEffectsVisitor", max: Offer.longText, multiline: true)
        writtenBy = r.text("writtenBy", max: 120)
        let writtenOn = r.day("writtenOn")
        let status = r.choice("status", Status.self)
        if let duration {
            // A period shorter than the stay cannot host it.
            for (i, p) in periods.enumerated() where (p.to.daysSinceEpoch - p.from.daysSinceEpoch + 1) * 2 < Int(duration) {
                issues.add("possiblePeriods[\(i)]", "période trop courte pour un accueil de \(duration) demi-journées.")
            }
        }
        guard let duration, let capacity, let contact, let writtenOn, let status else { return nil }
        self.durationHalfDays = Int(duration)
        self.capacity = Int(capacity)
        self.contact = contact
        self.writtenOn = writtenOn
        self.status = status
    }

    public var json: JSONValue {
        .object([
            "hostStructure": .string(hostStructure),
            "establishment": .string(establishment),
            "commune": .string(commune),
            "observableMissions": .string(observableMissions),
            "observableJobProfiles": .string(observableJobProfiles),
            "observerProfile": .string(observerProfile),
            "possiblePeriods": .array(possiblePeriods.map(\.json)),
            "durationHalfDays": .integer(Int64(durationHalfDays)),
            "capacity": .integer(Int64(capacity)),
            "proposedContents": .string(proposedContents),
            "contact": contact.json,
            "supportingDocuments": .array(supportingDocuments.map { .string($0) }),
            "specialConditions": .string(specialConditions),
            "expectedEffectsHost": .string(expectedEffectsHost),
            "expectedEffectsVisitor": .string(expectedEffectsVisitor),
            "writtenBy": .string(writtenBy),
            "writtenOn": .string(writtenOn.description),
            "status": .string(status.rawValue),
        ])
    }

    /// The text the catalogue's full-text search indexes.
    public var searchableText: [String] {
        [
            hostStructure, establishment, commune, observableMissions, observableJobProfiles, observerProfile,
            proposedContents, specialConditions,
        ]
    }
}
