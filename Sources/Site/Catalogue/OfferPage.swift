import Records
import Storage

/// One offer, every field of the source's form, with its structure's card.
struct OfferPage: PageModel {
    static let template = "offer"

    struct Field: Sendable {
        let label: String
        /// HTML: escaped, acronyms explained.
        let value: String
    }

    struct Person: Sendable {
        let name: String
        let role: String
        let email: String
        let phone: String
    }

    let record: String
    let establishment: String
    let commune: String
    let status: String
    let fields: [Field]
    let canEdit: Bool
    let canRequest: Bool
    let structureID: String
    let structureName: String
    let sectorLabel: String
    let resource: Person?
    let periodList: [String]
    let capacity: String

    /// `mine`: the offer belongs to the viewer's structure; `canEdit`: and the viewer may edit it.
    init(record: StoredRecord, offer: Offer, profile: StructureProfile?, mine: Bool, canEdit: Bool, glossary: Glossary) {
        let escape = HTML.escape
        let values: [String: String] = [
            "hostStructure": glossary.annotate(offer.hostStructure),
            "establishment": glossary.annotate(offer.establishment),
            "commune": escape(offer.commune),
            "observableMissions": glossary.annotate(offer.observableMissions),
            "observableJobProfiles": glossary.annotate(offer.observableJobProfiles),
            "observerProfile": glossary.annotate(offer.observerProfile),
            "possiblePeriods": escape(offer.possiblePeriods.map(French.period).joined(separator: "\n")),
            "durationHalfDays": escape(French.halfDays(offer.durationHalfDays)),
            "capacity": escape(French.capacity(offer.capacity)),
            "proposedContents": glossary.annotate(offer.proposedContents),
            "contact": escape(
                [offer.contact.name, offer.contact.role, offer.contact.email, offer.contact.phone].filter { !$0.isEmpty }.joined(separator: "\n")
            ),
            "supportingDocuments": escape(offer.supportingDocuments.isEmpty ? "Aucun" : offer.supportingDocuments.joined(separator: "\n")),
            "specialConditions": glossary.annotate(offer.specialConditions.isEmpty ? "Aucune" : offer.specialConditions),
            "expectedEffectsHost": glossary.annotate(offer.expectedEffectsHost),
            "expectedEffectsVisitor": glossary.annotate(offer.expectedEffectsVisitor),
            "writtenBy": escape(offer.writtenBy),
            "writtenOn": escape(French.date(offer.writtenOn)),
            "status": escape(offer.status.label),
        ]
        self.record = record.record
        establishment = offer.establishment
        commune = offer.commune
        status = offer.status.label
        fields = Offer.fieldLabels.map { Field(label: $0.label, value: values[$0.key] ?? "") }
        self.canEdit = canEdit
        canRequest = !mine && offer.status == .published
        structureID = record.origin
        structureName = profile?.name ?? offer.hostStructure
        sectorLabel = profile?.sector.label ?? ""
        resource = profile?.resourcePerson.map { Person(name: $0.name, role: $0.role, email: $0.email, phone: $0.phone) }
        periodList = offer.possiblePeriods.map(French.period)
        capacity = French.capacity(offer.capacity)
    }
}
