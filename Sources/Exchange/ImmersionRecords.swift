import Records

extension FieldReader {
    /// The id of the request an immersion step belongs to.
    func recordID(_ key: String) -> String {
        let value = text(key, max: 36)
        if !value.isEmpty && !RecordID.isWellFormed(value) { issues.add(field(key), "identifiant mal formé.") }
        return value
    }
}

/// The records of one immersion, each written by the party entitled to take that step
/// (issue "immersion workflow"). All are `parties` records, sealed to the two structures.
/// They name the immersion by the record id of its request.

/// Step 1: a professional of structure A asks structure B for an immersion on one of B's offers.
public struct ImmersionRequest: RecordBody, Hashable {
    public static let recordType = RecordType(rawValue: "immersion_request")
    public static let visibility = Visibility.parties

    public var offer: String
    public var host: String
    public var visitorName: String
    /// The visitor's account on A's node: only that account signs as the visitor; notifications go there.
    public var visitorEmail: String
    public var visitorJob: String
    public var experience: String
    public var period: Period
    public var objective: String
    /// "I am a practising professional, not a trainee in initial training."
    public var practisingProfessional: Bool

    public init(
        offer: String,
        host: String,
        visitorName: String,
        visitorJob: String,
        experience: String,
        period: Period,
        objective: String,
        practisingProfessional: Bool,
        visitorEmail: String = ""
    ) {
        self.offer = offer
        self.host = host
        self.visitorName = visitorName
        self.visitorEmail = visitorEmail
        self.visitorJob = visitorJob
        self.experience = experience
        self.period = period
        self.objective = objective
        self.practisingProfessional = practisingProfessional
    }

    public init?(json: JSONValue, issues: IssueList) {
        let r = FieldReader(json, issues: issues)
        r.rejectUnknownKeys(allowed: [
            "offer", "host", "visitorName", "visitorEmail", "visitorJob", "experience", "period", "objective", "practisingProfessional",
        ])
        offer = r.text("offer", max: 36)
        host = r.text("host", max: 36)
        for (key, value) in [("offer", offer), ("host", host)] where !value.isEmpty && !RecordID.isWellFormed(value) {
            issues.add(key, "identifiant mal formé.")
        }
        visitorName = r.text("visitorName", max: 120)
        visitorEmail = r.text("visitorEmail", max: 200)
        // An empty address is reported as missing by the reader.
        if !visitorEmail.isEmpty && !Formats.isEmail(visitorEmail) { issues.add("visitorEmail", "adresse électronique mal formée.") }
        visitorJob = r.text("visitorJob", max: 120)
        experience = r.text("experience", max: 2000, multiline: true)
        objective = r.text("objective", max: 2000, multiline: true)
        let periods = r.periods("period", count: 1...1)
        let attestation = r.bool("practisingProfessional")
        if attestation == false {
            issues.add("practisingProfessional", "l'échange est réservé aux professionnels en exercice, pas aux stagiaires en formation initiale.")
        }
        guard let period = periods.first, let attestation else { return nil }
        self.period = period
        practisingProfessional = attestation
    }

    public var json: JSONValue {
        .object([
            "offer": .string(offer), "host": .string(host), "visitorName": .string(visitorName), "visitorEmail": .string(visitorEmail),
            "visitorJob": .string(visitorJob),
            "experience": .string(experience), "period": .array([period.json]), "objective": .string(objective),
            "practisingProfessional": .bool(practisingProfessional),
        ])
    }
}

extension ImmersionRequest {
    /// A request as the visitor's form gives it: the dates may be missing or unreadable
    /// (nil), and every other problem is still reported at once.
    public static func validated(
        offer: String,
        host: String,
        visitorName: String,
        visitorEmail: String,
        visitorJob: String,
        experience: String,
        period: Period?,
        objective: String,
        practisingProfessional: Bool
    ) throws(ValidationError) -> ImmersionRequest {
        try validated(
            .object([
                "offer": .string(offer), "host": .string(host), "visitorName": .string(visitorName), "visitorEmail": .string(visitorEmail),
                "visitorJob": .string(visitorJob), "experience": .string(experience), "objective": .string(objective),
                "period": .array(period.map { [$0.json] } ?? []), "practisingProfessional": .bool(practisingProfessional),
            ])
        )
    }
}

/// Step 3: the host's referent accepts (with confirmed dates), declines (with a reason), or proposes other dates.
/// The visitor's side agrees to proposed dates with an `accept` naming those dates.
public struct ImmersionAnswer: RecordBody, Hashable {
    public static let recordType = RecordType(rawValue: "immersion_answer")
    public static let visibility = Visibility.parties

    public enum Decision: String, Sendable, CaseIterable { case accept, decline, counter }
    public enum Reason: String, Sendable, CaseIterable {
        case noAvailability = "no_availability"
        case profileNotSuited = "profile_not_suited"
        case offerFull = "offer_full"
        case other
    }

    public var request: String
    public var decision: Decision
    /// Confirmed dates (accept) or proposed dates (counter).
    public var period: Period?
    public var reason: Reason?
    public var text: String

    public init(request: String, decision: Decision, period: Period? = nil, reason: Reason? = nil, text: String = "") {
        self.request = request
        self.decision = decision
        self.period = period
        self.reason = reason
        self.text = text
    }

    public init?(json: JSONValue, issues: IssueList) {
        let r = FieldReader(json, issues: issues)
        r.rejectUnknownKeys(allowed: ["request", "decision", "period", "reason", "text"])
        request = r.recordID("request")
        let decision = r.choice("decision", Decision.self)
        let periods = r.periods("period", count: 0...1)
        period = periods.first
        reason = r.object["reason"] == nil ? nil : r.choice("reason", Reason.self)
        text = r.text("text", required: false, max: 2000, multiline: true)
        guard let decision else { return nil }
        switch decision {
        case .accept, .counter:
            if period == nil { issues.add("period", "les dates sont obligatoires pour accepter ou proposer d'autres dates.") }
            if reason != nil { issues.add("reason", "une raison ne s'indique que pour un refus.") }
        case .decline:
            if reason == nil { issues.add("reason", "la raison du refus est obligatoire.") }
            if reason == .other && text.isEmpty { issues.add("text", "préciser la raison du refus.") }
        }
        self.decision = decision
    }

    public var json: JSONValue {
        var o: [String: JSONValue] = [
            "request": .string(request), "decision": .string(decision.rawValue), "text": .string(text),
            "period": .array(period.map { [$0.json] } ?? []),
        ]
        if let reason { o["reason"] = .string(reason.rawValue) }
        return .object(o)
    }
}

/// A signature by one party on one version of the convention (named by that version's hash).
public struct ConventionSignature: RecordBody, Hashable {
    public static let recordType = RecordType(rawValue: "convention_signature")
    public static let visibility = Visibility.parties

    /// The three parties the source names: the visitor, the visitor's employer (A's referent, for HR), the host (B's referent).
    public enum Party: String, Sendable, CaseIterable { case visitor, employer, host }

    public var request: String
    public var party: Party
    public var conventionHash: String
    public var signerName: String
    /// In which capacity the person signed ("Conseillère en insertion, personne accueillie",
    /// "référent Vis ma vie pro de …, pour l'employeur"); empty in signatures written before it existed.
    public var capacity: String

    public init(request: String, party: Party, conventionHash: String, signerName: String, capacity: String = "") {
        self.request = request
        self.party = party
        self.conventionHash = conventionHash
        self.signerName = signerName
        self.capacity = capacity
    }

    public init?(json: JSONValue, issues: IssueList) {
        let r = FieldReader(json, issues: issues)
        r.rejectUnknownKeys(allowed: ["request", "party", "conventionHash", "signerName", "capacity"])
        request = r.recordID("request")
        let party = r.choice("party", Party.self)
        conventionHash = r.text("conventionHash", max: 64)
        if Hex.decode(conventionHash)?.count != 32 { issues.add("conventionHash", "empreinte SHA-256 attendue.") }
        signerName = r.text("signerName", max: 120)
        capacity = r.text("capacity", required: false, max: 300)
        guard let party else { return nil }
        self.party = party
    }

    public var json: JSONValue {
        var o: [String: JSONValue] = [
            "request": .string(request), "party": .string(party.rawValue), "conventionHash": .string(conventionHash),
            "signerName": .string(signerName),
        ]
        // Written only when known, so signatures made before keep their bytes and hashes.
        if !capacity.isEmpty { o["capacity"] = .string(capacity) }
        return .object(o)
    }
}

/// Either structure may cancel, with a reason, at any time before the end.
public struct ImmersionCancellation: RecordBody, Hashable {
    public static let recordType = RecordType(rawValue: "immersion_cancellation")
    public static let visibility = Visibility.parties

    public var request: String
    public var reason: String

    public init(request: String, reason: String) {
        self.request = request
        self.reason = reason
    }

    public init?(json: JSONValue, issues: IssueList) {
        let r = FieldReader(json, issues: issues)
        r.rejectUnknownKeys(allowed: ["request", "reason"])
        request = r.recordID("request")
        reason = r.text("reason", max: 2000, multiline: true)
    }

    public var json: JSONValue { .object(["request": .string(request), "reason": .string(reason)]) }
}
