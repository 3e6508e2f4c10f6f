import Crypto
import Foundation

/// The body of a `parties` record, encrypted end to end (protocol/federation.md, "Sealed bodies").
///
/// The clear body is encrypted once with a fresh ChaCha20-Poly1305 key; that key is
/// wrapped for each party with HPKE (RFC 9180, base mode, DHKEM(X25519, HKDF-SHA256),
/// HKDF-SHA256, ChaCha20-Poly1305). The envelope id and the recipient's key id are bound
/// into HPKE's `info`, so a wrapped key cannot be moved to another record or recipient.
public struct SealedBody: Sendable, Equatable {
    public static let algorithm = "hpke-base-x25519-sha256-chachapoly"
    static let suite = HPKE.Ciphersuite.Curve25519_SHA256_ChachaPoly

    public struct WrappedKey: Sendable, Equatable {
        public let structure: String
        public let keyID: String
        public let encapsulated: [UInt8]
        public let wrapped: [UInt8]
    }

    /// What the sender chooses to show the hub in clear, for steering without reading content
    /// (protocol/federation.md, "Disclosed metadata"): the thread a record belongs to, the kind of
    /// step, and for some steps a fact the MDA counts with (agreed dates, which convention terms a
    /// signature agrees to, whether the visitor came). Never names, texts or reasons.
    public struct Disclosure: Sendable, Equatable {
        public let thread: String
        public let step: String
        /// Dates agreed or proposed (accept, counter, convention).
        public var period: Period?
        /// Material hash of a convention version (convention), or of the version signed (signature).
        public var material: String?
        /// Who signs (signature): visitor, employer or host.
        public var party: String?
        /// Whether the visitor came (evaluation).
        public var attended: Bool?
        /// Months after the immersion's last day a follow-up answers for: 3 or 6 (followup).
        public var months: Int?
        /// Whether the two structures worked together since the immersion (followup).
        public var joint: Bool?
        /// Whether the author knows whom to call in the other structure (followup).
        public var contact: Bool?

        static let members: Set<String> = ["thread", "step", "period", "material", "party", "attended", "months", "joint", "contact"]
        /// The checkpoints a follow-up may answer for, in months after the last day.
        public static let followUpMonths = [3, 6]

        public init(
            thread: String,
            step: String,
            period: Period? = nil,
            material: String? = nil,
            party: String? = nil,
            attended: Bool? = nil,
            months: Int? = nil,
            joint: Bool? = nil,
            contact: Bool? = nil
        ) {
            self.thread = thread
            self.step = step
            self.period = period
            self.material = material
            self.party = party
            self.attended = attended
            self.months = months
            self.joint = joint
            self.contact = contact
        }

        /// The same metadata for another thread (a record starting a thread is named by its own id).
        public func onThread(_ thread: String) -> Disclosure {
            Disclosure(
                thread: thread,
                step: step,
                period: period,
                material: material,
                party: party,
                attended: attended,
                months: months,
                joint: joint,
                contact: contact
            )
        }

        var json: JSONValue {
            var o: [String: JSONValue] = ["thread": .string(thread), "step": .string(step)]
            if let period { o["period"] = period.json }
            if let material { o["material"] = .string(material) }
            if let party { o["party"] = .string(party) }
            if let attended { o["attended"] = .bool(attended) }
            if let months { o["months"] = .integer(Int64(months)) }
            if let joint { o["joint"] = .bool(joint) }
            if let contact { o["contact"] = .bool(contact) }
            return .object(o)
        }

        init(json: JSONValue) throws {
            let bad = SealError.notSealed(
                "« disclosed » attend thread (identifiant d'enregistrement) et step (mot en minuscules), et au plus period, material, party, attended, months, joint, contact"
            )
            guard case .object(let o) = json, Set(o.keys).isSubset(of: Self.members),
                let thread = o["thread"]?.stringValue, RecordID.isWellFormed(thread),
                let step = o["step"]?.stringValue, RecordType.isWellFormed(step)
            else { throw bad }
            self.thread = thread
            self.step = step
            if let value = o["period"] {
                guard case .object(let p) = value, p.count == 2, let from = p["from"]?.stringValue.flatMap(Day.init),
                    let to = p["to"]?.stringValue.flatMap(Day.init), from <= to
                else { throw bad }
                period = Period(from: from, to: to)
            }
            if let value = o["material"] {
                guard let hex = value.stringValue, hex.utf8.count == 64, Hex.decode(hex) != nil, hex == hex.lowercased() else { throw bad }
                material = hex
            }
            if let value = o["party"] {
                guard let party = value.stringValue, ["visitor", "employer", "host"].contains(party) else { throw bad }
                self.party = party
            }
            func flag(_ key: String) throws -> Bool? {
                guard let value = o[key] else { return nil }
                guard case .bool(let b) = value else { throw bad }
                return b
            }
            attended = try flag("attended")
            joint = try flag("joint")
            contact = try flag("contact")
            if let value = o["months"] {
                guard case .integer(let m) = value, Self.followUpMonths.contains(Int(m)) else { throw bad }
                months = Int(m)
            }
        }
    }

    public let ciphertext: [UInt8]
    public let keys: [WrappedKey]
    public let disclosed: Disclosure?

    public enum SealError: Error, Equatable, CustomStringConvertible {
        case notSealed(String)
        case undecryptable(keyID: String)

        public var description: String {
            switch self {
            case .notSealed(let why): "contenu scellé mal formé : \(why)"
            case .undecryptable(let k): "contenu chiffré illisible ici : ce nœud n'a pas la clé de déchiffrement (\(k))."
            }
        }
    }

    static func info(envelopeID: String, keyID: String) -> Data {
        Data("vmvp/seal/v1\u{0}\(envelopeID)\u{0}\(keyID)".utf8)
    }

    static func aad(envelopeID: String) -> Data { Data("vmvp/body/v1\u{0}\(envelopeID)".utf8) }

    /// Seals `clear` for each party: `(structure id, X25519 public key)`.
    public static func seal(
        _ clear: [UInt8],
        envelopeID: String,
        to parties: [(structure: String, publicKey: [UInt8])],
        disclosing disclosed: Disclosure? = nil
    ) throws -> SealedBody {
        let contentKey = SymmetricKey(size: .bits256)
        let box = try ChaChaPoly.seal(clear, using: contentKey, authenticating: aad(envelopeID: envelopeID))
        let raw = contentKey.withUnsafeBytes { Array($0) }
        var keys: [WrappedKey] = []
        for party in parties.sorted(by: { $0.structure < $1.structure }) {
            let recipient = try Curve25519.KeyAgreement.PublicKey(rawRepresentation: party.publicKey)
            let keyID = KeyID.of(x25519: party.publicKey)
            var sender = try HPKE.Sender(recipientKey: recipient, ciphersuite: suite, info: info(envelopeID: envelopeID, keyID: keyID))
            let wrapped = try sender.seal(raw)
            keys.append(WrappedKey(structure: party.structure, keyID: keyID, encapsulated: Array(sender.encapsulatedKey), wrapped: Array(wrapped)))
        }
        return SealedBody(ciphertext: Array(box.combined), keys: keys, disclosed: disclosed)
    }

    /// Opens with our X25519 key, or says which key would be needed.
    public func open(envelopeID: String, with identity: EncryptionIdentity) throws -> [UInt8] {
        guard let mine = keys.first(where: { $0.keyID == identity.keyID }) else {
            throw SealError.undecryptable(keyID: keys.map(\.keyID).joined(separator: ", "))
        }
        do {
            var recipient = try HPKE.Recipient(
                privateKey: identity.privateKey,
                ciphersuite: Self.suite,
                info: Self.info(envelopeID: envelopeID, keyID: mine.keyID),
                encapsulatedKey: Data(mine.encapsulated)
            )
            let raw = try recipient.open(mine.wrapped)
            let box = try ChaChaPoly.SealedBox(combined: ciphertext)
            return Array(try ChaChaPoly.open(box, using: SymmetricKey(data: raw), authenticating: Self.aad(envelopeID: envelopeID)))
        } catch {
            throw SealError.undecryptable(keyID: mine.keyID)
        }
    }

    public var json: JSONValue {
        var o: [String: JSONValue] = [
            "alg": .string(Self.algorithm),
            "ciphertext": .string(Base64.encode(ciphertext)),
            "keys": .array(
                keys.map {
                    .object([
                        "structure": .string($0.structure), "key": .string($0.keyID),
                        "enc": .string(Base64.encode($0.encapsulated)), "wrapped": .string(Base64.encode($0.wrapped)),
                    ])
                }
            ),
        ]
        if let disclosed { o["disclosed"] = disclosed.json }
        return .object(o)
    }

    public func canonicalBytes() -> [UInt8] {
        (try? CanonicalJSON.encode(json)) ?? []
    }

    public init(ciphertext: [UInt8], keys: [WrappedKey], disclosed: Disclosure? = nil) {
        self.ciphertext = ciphertext
        self.keys = keys
        self.disclosed = disclosed
    }

    public init(json: JSONValue) throws {
        guard case .object(let o) = json, o.count == (o["disclosed"] == nil ? 3 : 4), o["alg"]?.stringValue == Self.algorithm,
            let ct = o["ciphertext"]?.stringValue.flatMap(Base64.decode), let list = o["keys"]?.arrayValue
        else {
            throw SealError.notSealed("champs alg, ciphertext et keys attendus")
        }
        // The sizes the algorithm fixes (schemas/sealed_body.schema.json): nonce + tag at least,
        // a 32-byte encapsulated key, a 32-byte content key + 16-byte tag.
        guard ct.count >= 28 else { throw SealError.notSealed("« ciphertext » trop court (28 octets au moins : nonce et étiquette)") }
        guard list.count >= 2 else { throw SealError.notSealed("« keys » : au moins deux parties (l'auteur et un destinataire)") }
        ciphertext = ct
        keys = try list.map { item in
            guard case .object(let k) = item, k.count == 4, let s = k["structure"]?.stringValue, let id = k["key"]?.stringValue,
                let enc = k["enc"]?.stringValue.flatMap(Base64.decode), let w = k["wrapped"]?.stringValue.flatMap(Base64.decode)
            else {
                throw SealError.notSealed("clé enveloppée mal formée")
            }
            guard RecordID.isWellFormed(s), KeyID.isWellFormed(id, prefix: "x25519:") else {
                throw SealError.notSealed("clé enveloppée mal formée (identifiant de structure ou de clé)")
            }
            guard enc.count == 32 else { throw SealError.notSealed("« enc » doit faire 32 octets, pas \(enc.count)") }
            guard w.count == 48 else { throw SealError.notSealed("« wrapped » doit faire 48 octets, pas \(w.count)") }
            return WrappedKey(structure: s, keyID: id, encapsulated: enc, wrapped: w)
        }
        guard Set(keys.map(\.structure)).count == keys.count else { throw SealError.notSealed("« keys » nomme deux fois la même structure") }
        disclosed = try o["disclosed"].map(Disclosure.init(json:))
    }

    /// The structures a sealed body is readable by; must equal the envelope's origin + recipients.
    public var structures: [String] { keys.map(\.structure) }
}
