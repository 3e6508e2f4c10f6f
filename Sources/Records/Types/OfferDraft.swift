extension Offer {
    public init(
        hostStructure: String,
        establishment: String,
        commune: String,
        observableMissions: String,
        observableJobProfiles: String,
        observerProfile: String,
        possiblePeriods: [Period],
        durationHalfDays: Int,
        capacity: Int,
        proposedContents: String,
        contact: Contact,
        supportingDocuments: [String] = [],
        specialConditions: String = "",
        expectedEffectsHost: String,
        expectedEffectsVisitor: String,
        writtenBy: String,
        writtenOn: Day,
        status: Status
    ) {
        self.hostStructure = hostStructure
        self.establishment = establishment
        self.commune = commune
        self.observableMissions = observableMissions
        self.observableJobProfiles = observableJobProfiles
        self.observerProfile = observerProfile
        self.possiblePeriods = possiblePeriods
        self.durationHalfDays = durationHalfDays
        self.capacity = capacity
        self.proposedContents = proposedContents
        self.contact = contact
        self.supportingDocuments = supportingDocuments
        self.specialConditions = specialConditions
        self.expectedEffectsHost = expectedEffectsHost
        self.expectedEffectsVisitor = expectedEffectsVisitor
        self.writtenBy = writtenBy
        self.writtenOn = writtenOn
        self.status = status
    }

    /// The most calendar days a stay in this offer may span: its half-days, rounded up to whole
    /// days (5 half-days, two days and a half, span three days).
    public var maximumDays: Int { (durationHalfDays + 1) / 2 }

    /// Whether a stay on `period` keeps to the offer's duration.
    public func admits(_ period: Period) -> Bool { period.days <= maximumDays }

    /// Why `period` does not keep to the offer's duration, in French; nil when it does.
    public func durationProblem(_ period: Period) -> String? {
        guard !admits(period) else { return nil }
        return "ces dates couvrent \(French.days(period.days)), plus que l'offre ne prévoit "
            + "(\(French.halfDays(durationHalfDays)), soit \(French.count(maximumDays, "jour")) au plus)"
    }

    /// An offer as a person typed it in a form: every value is text, so that a number or a
    /// date that does not read is reported on its field with the record's own messages.
    public struct Draft: Sendable, Equatable {
        public var hostStructure = ""
        public var establishment = ""
        public var commune = ""
        public var observableMissions = ""
        public var observableJobProfiles = ""
        public var observerProfile = ""
        /// (first day, last day) as typed, `AAAA-MM-JJ`.
        public var possiblePeriods: [(from: String, to: String)] = []
        public var durationHalfDays = ""
        public var capacity = ""
        public var proposedContents = ""
        public var contactName = ""
        public var contactRole = ""
        public var contactEmail = ""
        public var contactPhone = ""
        public var supportingDocuments: [String] = []
        public var specialConditions = ""
        public var expectedEffectsHost = ""
        public var expectedEffectsVisitor = ""
        public var writtenBy = ""
        public var writtenOn = ""
        public var status = ""

        public init() {}

        /// The form of an existing offer, to edit it.
        public init(_ offer: Offer) {
            hostStructure = offer.hostStructure
            establishment = offer.establishment
            commune = offer.commune
            observableMissions = offer.observableMissions
            observableJobProfiles = offer.observableJobProfiles
            observerProfile = offer.observerProfile
            possiblePeriods = offer.possiblePeriods.map { ($0.from.description, $0.to.description) }
            durationHalfDays = String(offer.durationHalfDays)
            capacity = String(offer.capacity)
            proposedContents = offer.proposedContents
            contactName = offer.contact.name
            contactRole = offer.contact.role
            contactEmail = offer.contact.email
            contactPhone = offer.contact.phone
            supportingDocuments = offer.supportingDocuments
            specialConditions = offer.specialConditions
            expectedEffectsHost = offer.expectedEffectsHost
            expectedEffectsVisitor = offer.expectedEffectsVisitor
            writtenBy = offer.writtenBy
            writtenOn = offer.writtenOn.description
            status = offer.status.rawValue
        }

        public static func == (a: Draft, b: Draft) -> Bool {
            a.json == b.json && a.possiblePeriods.map { [$0.from, $0.to] } == b.possiblePeriods.map { [$0.from, $0.to] }
        }

        /// The offer, with every problem of every field reported at once.
        public func validated() throws(ValidationError) -> Offer { try Offer.validated(json) }

        var json: JSONValue {
            var o: [String: JSONValue] = [
                "hostStructure": .string(hostStructure), "establishment": .string(establishment), "commune": .string(commune),
                "observableMissions": .string(observableMissions), "observableJobProfiles": .string(observableJobProfiles),
                "observerProfile": .string(observerProfile), "proposedContents": .string(proposedContents),
                "specialConditions": .string(specialConditions), "expectedEffectsHost": .string(expectedEffectsHost),
                "expectedEffectsVisitor": .string(expectedEffectsVisitor), "writtenBy": .string(writtenBy), "writtenOn": .string(writtenOn),
                "status": .string(status),
                "contact": .object([
                    "name": .string(contactName), "role": .string(contactRole), "email": .string(contactEmail), "phone": .string(contactPhone),
                ]),
                "supportingDocuments": .array(supportingDocuments.map { .string($0) }),
                "possiblePeriods": .array(possiblePeriods.map { .object(["from": .string($0.from), "to": .string($0.to)]) }),
            ]
            o["durationHalfDays"] = DraftNumber.json(durationHalfDays)
            o["capacity"] = DraftNumber.json(capacity)
            return .object(o)
        }
    }
}

/// A number typed in a form: an integer when it reads as one, the text otherwise (so the
/// record's reader names the problem), nothing when left empty (reported as missing).
enum DraftNumber {
    static func json(_ text: String) -> JSONValue? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let n = Int64(trimmed) { return .integer(n) }
        return trimmed.isEmpty ? nil : .string(trimmed)
    }
}
