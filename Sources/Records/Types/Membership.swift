/// Published by the hub when a structure enrolls: binds the structure id to its
/// signing key, its encryption key and its TLS client certificate. Every node
/// verifies other structures' records with the keys these records name.
public struct Member: RecordBody, Hashable {
    public static let recordType = RecordType(rawValue: "member")
    public static let visibility = Visibility.network

    public var structure: String
    public var name: String
    public var sector: Sector
    public var signingKey: String
    public var encryptionKey: String
    public var certificateFingerprint: String
    public var enrolledAt: Timestamp

    public init(
        structure: String,
        name: String,
        sector: Sector,
        signingKey: String,
        encryptionKey: String,
        certificateFingerprint: String,
        enrolledAt: Timestamp
    ) {
        self.structure = structure
        self.name = name
        self.sector = sector
        self.signingKey = signingKey
        self.encryptionKey = encryptionKey
        self.certificateFingerprint = certificateFingerprint
        self.enrolledAt = enrolledAt
    }

    public var signingKeyBytes: [UInt8] { Base64.decode(signingKey) ?? [] }
    public var encryptionKeyBytes: [UInt8] { Base64.decode(encryptionKey) ?? [] }
    public var signingKeyID: String { KeyID.of(ed25519: signingKeyBytes) }
    public var encryptionKeyID: String { KeyID.of(x25519: encryptionKeyBytes) }

    public init?(json: JSONValue, issues: IssueList) {
        let r = FieldReader(json, issues: issues)
        r.rejectUnknownKeys(allowed: ["structure", "name", "sector", "signingKey", "encryptionKey", "certificateFingerprint", "enrolledAt"])
        structure = r.text("structure", max: 36)
        if !structure.isEmpty && !RecordID.isWellFormed(structure) { issues.add("structure", "identifiant de structure mal formé.") }
        name = r.text("name", max: 200)
        let sector = r.choice("sector", Sector.self)
        signingKey = r.text("signingKey", max: 64)
        encryptionKey = r.text("encryptionKey", max: 64)
        for (key, value) in [("signingKey", signingKey), ("encryptionKey", encryptionKey)] where Base64.decode(value)?.count != 32 {
            issues.add(key, "clé publique invalide : 32 octets en Base64 attendus.")
        }
        certificateFingerprint = r.text("certificateFingerprint", max: 64)
        if Hex.decode(certificateFingerprint)?.count != 32 {
            issues.add("certificateFingerprint", "empreinte SHA-256 attendue (64 chiffres hexadécimaux).")
        }
        let enrolled = Timestamp(r.text("enrolledAt", max: 24))
        if enrolled == nil { issues.add("enrolledAt", "horodatage invalide.") }
        guard let sector, let enrolled else { return nil }
        self.sector = sector
        enrolledAt = enrolled
    }

    public var json: JSONValue {
        .object([
            "structure": .string(structure), "name": .string(name), "sector": .string(sector.rawValue),
            "signingKey": .string(signingKey), "encryptionKey": .string(encryptionKey),
            "certificateFingerprint": .string(certificateFingerprint), "enrolledAt": .string(enrolledAt.description),
        ])
    }
}

/// Published by the hub to withdraw a structure's key and certificate. Records
/// signed with that key are accepted only up to `lastValidSeq` and before `revokedAt`.
public struct Revocation: RecordBody, Hashable {
    public static let recordType = RecordType(rawValue: "revocation")
    public static let visibility = Visibility.network

    public var structure: String
    public var signingKeyID: String
    public var certificateFingerprint: String
    public var revokedAt: Timestamp
    /// The hub's head for that origin when it revoked: later sequence numbers are refused
    /// even if their creation time claims to be earlier.
    public var lastValidSeq: Int64
    public var reason: String

    public init(structure: String, signingKeyID: String, certificateFingerprint: String, revokedAt: Timestamp, lastValidSeq: Int64, reason: String) {
        self.structure = structure
        self.signingKeyID = signingKeyID
        self.certificateFingerprint = certificateFingerprint
        self.revokedAt = revokedAt
        self.lastValidSeq = lastValidSeq
        self.reason = reason
    }

    public init?(json: JSONValue, issues: IssueList) {
        let r = FieldReader(json, issues: issues)
        r.rejectUnknownKeys(allowed: ["structure", "signingKeyId", "certificateFingerprint", "revokedAt", "lastValidSeq", "reason"])
        structure = r.text("structure", max: 36)
        signingKeyID = r.text("signingKeyId", max: 48)
        certificateFingerprint = r.text("certificateFingerprint", max: 64)
        reason = r.text("reason", required: false, max: 500, multiline: true)
        let revoked = Timestamp(r.text("revokedAt", max: 24))
        if revoked == nil { issues.add("revokedAt", "horodatage invalide.") }
        let last = r.integer("lastValidSeq", in: 0...JSONValue.maxSafeInteger, unit: "")
        guard let revoked, let last else { return nil }
        revokedAt = revoked
        lastValidSeq = last
    }

    public var json: JSONValue {
        .object([
            "structure": .string(structure), "signingKeyId": .string(signingKeyID),
            "certificateFingerprint": .string(certificateFingerprint), "revokedAt": .string(revokedAt.description),
            "lastValidSeq": .integer(lastValidSeq), "reason": .string(reason),
        ])
    }

    /// Whether an envelope signed with the revoked key is still acceptable.
    public func allows(_ header: EnvelopeHeader) -> Bool {
        header.seq <= lastValidSeq && header.created < revokedAt
    }
}

/// A private message between structures (sealed: only the parties can read it).
public struct Message: RecordBody, Hashable {
    public static let recordType = RecordType(rawValue: "message")
    public static let visibility = Visibility.parties

    public var subject: String
    public var text: String
    /// The offer the message is about, if any.
    public var about: String

    public init(subject: String, text: String, about: String = "") {
        self.subject = subject
        self.text = text
        self.about = about
    }

    public init?(json: JSONValue, issues: IssueList) {
        let r = FieldReader(json, issues: issues)
        r.rejectUnknownKeys(allowed: ["subject", "text", "about"])
        subject = r.text("subject", max: 200)
        text = r.text("text", max: 8000, multiline: true)
        about = r.text("about", required: false, max: 36)
    }

    public var json: JSONValue { .object(["subject": .string(subject), "text": .string(text), "about": .string(about)]) }
}

/// One signing key of the member directory, as a verifier outside the sync needs it: whose it
/// is, the raw Ed25519 key, and since when it is revoked, if it is.
public struct DirectoryKey: Sendable, Equatable {
    public let structure: String
    public let name: String
    public let keyID: String
    public let publicKey: [UInt8]
    public let revokedAt: Timestamp?

    public init(structure: String, name: String, keyID: String, publicKey: [UInt8], revokedAt: Timestamp?) {
        self.structure = structure
        self.name = name
        self.keyID = keyID
        self.publicKey = publicKey
        self.revokedAt = revokedAt
    }
}
