/// The signed part of an envelope (protocol/README.md, "Envelope").
public struct EnvelopeHeader: Sendable, Hashable {
    public static let protocolVersion: Int64 = 1

    public var version: Int64
    /// This envelope's own id (UUIDv7).
    public var id: String
    /// The logical record this envelope creates, updates or (for a tombstone) retracts.
    public var record: String
    public var type: RecordType
    public var originStructure: String
    public var originKey: String
    public var seq: Int64
    public var prev: String
    public var created: Timestamp
    public var visibility: Visibility
    /// Structure ids of the addressees, sorted and distinct; empty unless `parties`.
    public var recipients: [String]
    public var bodyHash: String

    /// Which of its origin's two chains this envelope extends: `local` envelopes never leave
    /// the node, so they are numbered apart and the shared chain stays gapless at the hub.
    public var chain: Chain { visibility == .local ? .local : .shared }

    public init(
        version: Int64 = EnvelopeHeader.protocolVersion,
        id: String,
        record: String,
        type: RecordType,
        originStructure: String,
        originKey: String,
        seq: Int64,
        prev: String,
        created: Timestamp,
        visibility: Visibility,
        recipients: [String],
        bodyHash: String
    ) {
        self.version = version
        self.id = id
        self.record = record
        self.type = type
        self.originStructure = originStructure
        self.originKey = originKey
        self.seq = seq
        self.prev = prev
        self.created = created
        self.visibility = visibility
        self.recipients = recipients
        self.bodyHash = bodyHash
    }

    public var json: JSONValue {
        .object([
            "v": .integer(version),
            "id": .string(id),
            "record": .string(record),
            "type": .string(type.rawValue),
            "origin": .object(["structure": .string(originStructure), "key": .string(originKey)]),
            "seq": .integer(seq),
            "prev": .string(prev),
            "created": .string(created.description),
            "visibility": .string(visibility.rawValue),
            "recipients": .array(recipients.map { .string($0) }),
            "bodyHash": .string(bodyHash),
        ])
    }

    public func canonicalBytes() throws(CanonicalJSON.EncodingError) -> [UInt8] {
        try CanonicalJSON.encode(json)
    }

    /// Strict reading: every field present with the right type and form, no other field.
    public init(json: JSONValue) throws(EnvelopeError) {
        guard case .object(let o) = json else { throw .malformedHeader("l'en-tête n'est pas un objet JSON") }
        let known: Set<String> = [
            "v", "id", "record", "type", "origin", "seq", "prev", "created", "visibility",
            "recipients", "bodyHash",
        ]
        if let unknown = o.keys.sorted().first(where: { !known.contains($0) }) {
            throw .malformedHeader("champ inconnu « \(unknown) »")
        }
        func string(_ key: String) throws(EnvelopeError) -> String {
            guard case .string(let s)? = o[key] else { throw .malformedHeader("champ « \(key) » absent ou pas un texte") }
            return s
        }
        func integer(_ key: String) throws(EnvelopeError) -> Int64 {
            guard case .integer(let i)? = o[key] else { throw .malformedHeader("champ « \(key) » absent ou pas un entier") }
            return i
        }
        version = try integer("v")
        guard version == EnvelopeHeader.protocolVersion else { throw .unsupportedVersion(version) }
        id = try string("id")
        guard RecordID.isWellFormed(id) else { throw .malformedHeader("identifiant « \(id) » mal formé") }
        record = try string("record")
        guard RecordID.isWellFormed(record) else { throw .malformedHeader("identifiant d'enregistrement « \(record) » mal formé") }
        let typeText = try string("type")
        guard RecordType.isWellFormed(typeText) else { throw .malformedHeader("type « \(typeText) » mal formé") }
        type = RecordType(rawValue: typeText)
        guard case .object(let origin)? = o["origin"], origin.count == 2,
            case .string(let structure)? = origin["structure"], case .string(let key)? = origin["key"]
        else {
            throw .malformedHeader("champ « origin » : objet {structure, key} attendu")
        }
        guard RecordID.isWellFormed(structure) else { throw .malformedHeader("structure d'origine « \(structure) » mal formée") }
        guard key.hasPrefix("ed25519:"), key.utf8.count == 40, Hex.decode(String(key.dropFirst(8))) != nil else {
            throw .malformedHeader("clé d'origine « \(key) » mal formée (ed25519: suivi de 32 chiffres hexadécimaux)")
        }
        originStructure = structure
        originKey = key
        seq = try integer("seq")
        guard seq >= 1 else { throw .malformedHeader("numéro de séquence \(seq) : il commence à 1") }
        prev = try string("prev")
        guard prev.utf8.count == 64, Hex.decode(prev) != nil else { throw .malformedHeader("« prev » : 64 chiffres hexadécimaux attendus") }
        if seq == 1 && prev != Digest.genesis {
            throw .malformedHeader("« prev » du premier enregistrement doit être la valeur de départ (64 zéros)")
        }
        let createdText = try string("created")
        guard let created = Timestamp(createdText) else { throw .malformedHeader("date « created » mal formée : \(createdText)") }
        self.created = created
        let visibilityText = try string("visibility")
        guard let visibility = Visibility(rawValue: visibilityText) else {
            throw .malformedHeader("visibilité « \(visibilityText) » inconnue")
        }
        self.visibility = visibility
        guard case .array(let list)? = o["recipients"] else { throw .malformedHeader("champ « recipients » absent ou pas une liste") }
        var recipients: [String] = []
        for item in list {
            guard case .string(let r) = item, RecordID.isWellFormed(r) else {
                throw .malformedHeader("destinataire mal formé dans « recipients »")
            }
            recipients.append(r)
        }
        guard recipients == Array(Set(recipients)).sorted() else {
            throw .malformedHeader("« recipients » doit être trié et sans doublon")
        }
        if visibility == .parties && recipients.isEmpty { throw .malformedHeader("un enregistrement « parties » doit avoir des destinataires") }
        if visibility != .parties && !recipients.isEmpty { throw .malformedHeader("seuls les enregistrements « parties » ont des destinataires") }
        // The origin is always a party; listing it as a recipient would make a "private" record
        // addressed to nobody else.
        if recipients.contains(structure) {
            throw .malformedHeader("« recipients » ne nomme pas la structure d'origine : elle est toujours partie à ses enregistrements")
        }
        self.recipients = recipients
        bodyHash = try string("bodyHash")
        guard bodyHash.utf8.count == 64, Hex.decode(bodyHash) != nil else {
            throw .malformedHeader("« bodyHash » : 64 chiffres hexadécimaux attendus")
        }
    }
}

/// The two chains of an origin (protocol/README.md, "Chains").
public enum Chain: String, Sendable, Hashable {
    case shared
    case local
}
