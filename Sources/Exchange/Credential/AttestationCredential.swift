import Records

/// The attestation of participation as a verifiable credential: a W3C Verifiable Credential (data
/// model 2.0) shaped as an Open Badges 3.0 `OpenBadgeCredential`, secured as a compact JWS signed
/// with the host structure's Ed25519 key (protocol/credential.md). The host's node issues it once
/// the attestation is due; anyone holding the member directory's keys can check it.
///
/// Issuer: the host structure. Subject: the professional, named by an Open Badges
/// `IdentityObject`. Achievement: the immersion on the host's offer, with its dates; the facts
/// Open Badges has no term for (days, establishment, signatory, evaluations) are in `immersion`.
public struct AttestationCredential: Sendable, Equatable {
    public struct Structure: Sendable, Equatable {
        public var id: String
        public var name: String

        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }

    public struct Signatory: Sendable, Equatable {
        public var name: String
        public var capacity: String

        public init(name: String, capacity: String) {
            self.name = name
            self.capacity = capacity
        }
    }

    /// The credential's own id (a UUID).
    public var id: String
    /// The immersion: the record id of its request.
    public var immersion: String
    public var offer: String
    public var issuer: Structure
    /// The establishment where the immersion took place, with its commune.
    public var establishment: String
    public var visitorName: String
    public var visitorJob: String
    public var visitorStructure: Structure
    public var period: Period
    /// What the immersion was about: the offer's observable missions.
    public var subject: String
    /// The host's referent who signed the convention for the host structure.
    public var signatory: Signatory
    public var visitorEvaluation: Day?
    public var hostEvaluation: Day
    /// When the host's node issued it, to the second (`validFrom`, `nbf`).
    public var issued: Timestamp

    public init(
        id: String,
        immersion: String,
        offer: String,
        issuer: Structure,
        establishment: String,
        visitorName: String,
        visitorJob: String,
        visitorStructure: Structure,
        period: Period,
        subject: String,
        signatory: Signatory,
        visitorEvaluation: Day?,
        hostEvaluation: Day,
        issued: Timestamp
    ) {
        self.id = id
        self.immersion = immersion
        self.offer = offer
        self.issuer = issuer
        self.establishment = establishment
        self.visitorName = visitorName
        self.visitorJob = visitorJob
        self.visitorStructure = visitorStructure
        self.period = period
        self.subject = subject
        self.signatory = signatory
        self.visitorEvaluation = visitorEvaluation
        self.hostEvaluation = hostEvaluation
        // Whole seconds, so that `validFrom` and the JWT's `nbf` say the same instant.
        let ms = issued.millisecondsSinceEpoch
        self.issued = Timestamp(milliseconds: ms - ((ms % 1000) + 1000) % 1000)
    }

    /// The number of days of the immersion, first and last included.
    public var days: Int { period.days }

    public static let contexts = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]
    public static let types = ["VerifiableCredential", "OpenBadgeCredential"]
    public static let title = "Attestation de participation à une immersion professionnelle Vis ma vie pro"
    public static let achievementType = "ext:ProfessionalImmersion"
    /// The JOSE header's `typ` and `cty` (W3C VC-JOSE-COSE).
    public static let mediaType = "vc+jwt"
    static let criteria =
        "Immersion effectuée dans le cadre d'une convention signée par la personne accueillie, son employeur et la structure d'accueil, puis évaluée, selon les règles de la bourse d'échange professionnel réciproque pilotée par la Maison des Adolescents (MDA) de l'Hérault."

    static func urn(_ id: String) -> String { "urn:uuid:\(id)" }

    /// The credential as the JWS payload carries it: the VC's members at the top level, with the
    /// JWT claims `iss`, `jti` and `nbf` repeating `issuer.id`, `id` and `validFrom`.
    public var json: JSONValue {
        func structure(_ s: Structure, profile: Bool) -> JSONValue {
            var o: [String: JSONValue] = ["id": .string(Self.urn(s.id)), "name": .string(s.name)]
            if profile { o["type"] = .array([.string("Profile")]) }
            return .object(o)
        }
        var evaluations: [String: JSONValue] = ["host": .string(hostEvaluation.description)]
        if let visitorEvaluation { evaluations["visitor"] = .string(visitorEvaluation.description) }
        let achievement: JSONValue = .object([
            "id": .string(Self.urn(offer)), "type": .array([.string("Achievement")]), "achievementType": .string(Self.achievementType),
            "name": .string("Immersion professionnelle — \(issuer.name)"), "description": .string(subject),
            "criteria": .object(["narrative": .string(Self.criteria)]), "inLanguage": .string("fr"),
        ])
        let facts: JSONValue = .object([
            "request": .string(immersion), "period": period.json, "days": .integer(Int64(days)), "establishment": .string(establishment),
            "visitorStructure": structure(visitorStructure, profile: false),
            "signatory": .object(["name": .string(signatory.name), "capacity": .string(signatory.capacity)]),
            "evaluations": .object(evaluations),
        ])
        let subjectJSON: JSONValue = .object([
            "type": .array([.string("AchievementSubject")]),
            "identifier": .array([
                .object([
                    "type": .string("IdentityObject"), "identityType": .string("name"), "hashed": .bool(false),
                    "identityHash": .string(visitorName),
                ])
            ]),
            "role": .string(visitorJob),
            "activityStartDate": .string("\(period.from.description)T00:00:00Z"),
            "activityEndDate": .string("\(period.to.description)T00:00:00Z"),
            "achievement": achievement,
            "immersion": facts,
        ])
        return .object([
            "@context": .array(Self.contexts.map(JSONValue.string)), "id": .string(Self.urn(id)), "type": .array(Self.types.map(JSONValue.string)),
            "name": .string(Self.title), "issuer": structure(issuer, profile: true), "validFrom": .string(issued.description),
            "credentialSubject": subjectJSON, "iss": .string(Self.urn(issuer.id)), "jti": .string(Self.urn(id)),
            "nbf": .integer(issued.millisecondsSinceEpoch / 1000),
        ])
    }

    /// Signs it as a compact JWS with the host structure's key; `kid` names that key in the directory.
    public func signed(with identity: SigningIdentity) throws -> CompactJWS {
        try CompactJWS.sign(
            header: ["typ": .string(Self.mediaType), "cty": .string("vc"), "kid": .string(identity.keyID)],
            payload: json,
            with: identity
        )
    }
}
