import Records

/// The convention of one immersion (step 4 of the workflow): who, when, where, what, and the
/// ethical principles of the source. Each saved version is identified by its hash; a version
/// that changes only non-material fields (a contact's phone, a typo) keeps the signatures of
/// the previous one, a version that changes dates, places, parties or principles needs new ones.
public struct Convention: Sendable, Hashable {
    public struct Person: Sendable, Hashable {
        public var name: String
        public var role: String
        public var structure: String
        public var email: String
        public var phone: String

        public init(name: String, role: String, structure: String, email: String = "", phone: String = "") {
            self.name = name
            self.role = role
            self.structure = structure
            self.email = email
            self.phone = phone
        }

        /// Who the person is (material); how to reach them is not.
        var identity: JSONValue { .object(["name": .string(name), "role": .string(role), "structure": .string(structure)]) }
        var reach: JSONValue { .object(["email": .string(email), "phone": .string(phone)]) }
    }

    public var visitor: Person
    /// The visitor's employer: the requesting structure's referent, who stands for it and its HR department.
    public var employer: Person
    public var host: Person
    public var period: Period
    public var hours: String
    public var places: String
    public var programme: String
    public var principles: String
    public var practicalNotes: String
    /// The wording the convention is printed with (the network's template when it signed this version).
    public var template: String

    public init(
        visitor: Person,
        employer: Person,
        host: Person,
        period: Period,
        hours: String,
        places: String,
        programme: String,
        principles: String = ConventionTemplate.principles,
        practicalNotes: String = "",
        template: String = ConventionTemplate.text
    ) {
        self.visitor = visitor
        self.employer = employer
        self.host = host
        self.period = period
        self.hours = hours
        self.places = places
        self.programme = programme
        self.principles = principles
        self.practicalNotes = practicalNotes
        self.template = template
    }

    /// The fields whose change asks for new signatures, by the name shown to people.
    var materialFields: [(String, JSONValue)] {
        [
            ("les parties", .array([visitor.identity, employer.identity, host.identity])),
            ("les dates", period.json),
            ("les horaires", .string(hours)),
            ("les lieux", .string(places)),
            ("le programme", .string(programme)),
            ("les principes éthiques", .string(principles)),
            ("le texte de la convention", .string(template)),
        ]
    }

    var json: JSONValue {
        var o: [String: JSONValue] = [:]
        for (n, field) in materialFields.enumerated() { o["m\(n)"] = field.1 }
        o["reach"] = .array([visitor.reach, employer.reach, host.reach])
        o["practicalNotes"] = .string(practicalNotes)
        return .object(o)
    }

    /// Identifies this exact version (what a signature names).
    public var versionHash: String { Digest.sha256Hex((try? CanonicalJSON.encode(json.normalizedToNFC())) ?? []) }

    /// Identifies what was agreed to; equal across versions that differ only in non-material fields.
    public var materialHash: String {
        let material: JSONValue = .array(materialFields.map(\.1))
        return Digest.sha256Hex((try? CanonicalJSON.encode(material.normalizedToNFC())) ?? [])
    }

    /// What changed since `previous`, in words, split by whether it asks for new signatures.
    public func changes(since previous: Convention) -> (material: [String], other: [String]) {
        let material = zip(materialFields, previous.materialFields).filter { $0.0.1 != $0.1.1 }.map(\.0.0)
        var other: [String] = []
        if [visitor.reach, employer.reach, host.reach] != [previous.visitor.reach, previous.employer.reach, previous.host.reach] {
            other.append("les coordonnées")
        }
        if practicalNotes != previous.practicalNotes { other.append("les informations pratiques") }
        return (material, other)
    }

    /// The convention as a readable French text, from the template.
    public func text() -> String { filled() }

    /// The three parties, one line each, for `{{parties}}` in a plain text.
    var partiesText: String {
        [
            "- la personne accueillie : \(visitor.name), \(visitor.role), \(visitor.structure) ;",
            "- son employeur, représenté par : \(employer.name), \(employer.role), \(employer.structure), qui associe son service des ressources humaines ;",
            "- la structure d'accueil, représentée par : \(host.name), \(host.role), \(host.structure).",
        ].joined(separator: "\n")
    }

    /// The template with its placeholders filled, except those in `keeping`, left as written.
    func filled(keeping: Set<String> = []) -> String {
        var values: [String: String] = [
            "visiteur": "\(visitor.name), \(visitor.role), \(visitor.structure)",
            "employeur": "\(employer.name), \(employer.role), \(employer.structure)",
            "accueil": "\(host.name), \(host.role), \(host.structure)",
            "structure_visiteur": visitor.structure, "structure_accueil": host.structure,
            "dates": "du \(period.from.french) au \(period.to.french)", "horaires": hours, "lieux": places,
            "programme": programme, "principes": principles,
            "informations_pratiques": practicalNotes.isEmpty ? "Néant." : practicalNotes,
            "parties": partiesText,
        ]
        for key in keeping { values[key] = nil }
        // One pass over the template: a value that itself contains "{{…}}" stays as written.
        var text = ""
        var rest = Substring(template)
        while let open = rest.range(of: "{{") {
            text += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                rest = rest[open.lowerBound...]
                break
            }
            let key = String(rest[open.upperBound..<close.lowerBound])
            text += values[key] ?? "{{\(key)}}"
            rest = rest[close.upperBound...]
        }
        return text + rest
    }
}

/// The network's default convention, shipped with the software: the source's ethical principles
/// and the template the convention is filled in from. Both are text files under `Texts/`,
/// compiled into the binary; their exact characters are hashed into every convention.
public enum ConventionTemplate {
    public static let principles = Texts.read(PackageResources.convention_principles_txt)
    public static let text = Texts.read(PackageResources.convention_template_txt)
}

enum Texts {
    /// A text file's content, without the final line break editors add.
    static func read(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        return text.hasSuffix("\n") ? String(text.dropLast()) : text
    }
}
