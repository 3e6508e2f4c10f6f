/// A partner structure's self-description, with the public keys it signs and
/// receives sealed records with (so an export can be verified on its own).
public struct StructureProfile: RecordBody, Hashable {
    public static let recordType = RecordType.structureProfile
    public static let visibility = Visibility.network

    public struct Establishment: Sendable, Hashable {
        public var name: String
        public var commune: String
        public init(name: String, commune: String) {
            self.name = name
            self.commune = commune
        }
    }

    /// How the name is introduced in a sentence: "le CMP …", "la Mission locale …", "l'UEMO …".
    public enum Article: String, Sendable, CaseIterable {
        case le, la
        case elided = "l'"
        case les
        /// The name stands alone ("Collège Jean Moulin de Sète" is also fine as "le Collège …", but a
        /// structure may prefer its bare name).
        case none = ""
    }

    public var name: String
    /// Absent from profiles written before it existed: read as `.none`.
    public var article: Article
    public var sector: Sector
    public var subType: String
    public var establishments: [Establishment]
    public var resourcePerson: Contact?
    public var description: String
    /// Ed25519 public key (Base64 of the 32 raw bytes).
    public var signingKey: String
    /// X25519 public key for sealed records (Base64 of the 32 raw bytes).
    public var encryptionKey: String

    public init(
        name: String,
        article: Article = .none,
        sector: Sector,
        subType: String = "",
        establishments: [Establishment] = [],
        resourcePerson: Contact? = nil,
        description: String = "",
        signingKey: String,
        encryptionKey: String
    ) {
        self.name = name
        self.article = article
        self.sector = sector
        self.subType = subType
        self.establishments = establishments
        self.resourcePerson = resourcePerson
        self.description = description
        self.signingKey = signingKey
        self.encryptionKey = encryptionKey
    }

    public init?(json: JSONValue, issues: IssueList) {
        let r = FieldReader(json, issues: issues)
        r.rejectUnknownKeys(allowed: [
            "name", "article", "sector", "subType", "establishments", "resourcePerson", "description",
            "signingKey", "encryptionKey",
        ])
        name = r.text("name", max: 200)
        article = r.object["article"] == nil ? .none : r.choice("article", Article.self) ?? .none
        let sector = r.choice("sector", Sector.self)
        subType = r.text("subType", required: false, max: 200)
        establishments = r.list("establishments", required: false, count: 0...100) { value, path in
            let e = FieldReader(value, path: path, issues: issues)
            e.rejectUnknownKeys(allowed: ["name", "commune"])
            return Establishment(name: e.text("name", max: 200), commune: e.text("commune", max: 100))
        }
        // The resource person may be filled in after `init`; an empty object is not allowed.
        if r.object["resourcePerson"] == nil || r.object["resourcePerson"] == .null {
            resourcePerson = nil
        } else {
            resourcePerson = Contact(reader: r.nested("resourcePerson"))
        }
        description = r.text("description", required: false, max: 2000, multiline: true)
        signingKey = r.text("signingKey", max: 64)
        encryptionKey = r.text("encryptionKey", max: 64)
        for key in ["signingKey", "encryptionKey"] {
            let value = key == "signingKey" ? signingKey : encryptionKey
            if !value.isEmpty && Base64.decode(value)?.count != 32 {
                issues.add(key, "clé publique invalide : 32 octets en Base64 attendus.")
            }
        }
        guard let sector else { return nil }
        self.sector = sector
    }

    /// The name with its article, for sentences.
    public var structureName: StructureName { StructureName(name, article: article) }

    public var json: JSONValue {
        var o: [String: JSONValue] = [
            "name": .string(name),
            "sector": .string(sector.rawValue),
            "subType": .string(subType),
            "establishments": .array(establishments.map { .object(["name": .string($0.name), "commune": .string($0.commune)]) }),
            "description": .string(description),
            "signingKey": .string(signingKey),
            "encryptionKey": .string(encryptionKey),
        ]
        o["resourcePerson"] = resourcePerson?.json ?? .null
        // Written only when set, so profiles without one keep the bytes older nodes accept.
        if article != .none { o["article"] = .string(article.rawValue) }
        return .object(o)
    }
}
