/// A signed record: the canonical header bytes, their Ed25519 signature and the
/// exact body bytes the header's `bodyHash` covers. Nothing is re-serialized to verify.
public struct Envelope: Sendable, Hashable {
    public let header: EnvelopeHeader
    public let headerBytes: [UInt8]
    public let signature: [UInt8]
    public let body: [UInt8]
    /// Set when the body was erased at the request of the envelope's origin: the id of the
    /// redaction that did it. `body` is then the residue, which `bodyHash` no longer covers.
    public let redactedBy: String?
    /// SHA-256 of `headerBytes` (hex): what the next envelope's `prev` names.
    public let hash: String

    public var id: String { header.id }

    /// Assembles an envelope from stored or received parts. The header is parsed
    /// from `headerBytes`, which must be canonical.
    public init(headerBytes: [UInt8], signature: [UInt8], body: [UInt8], redactedBy: String? = nil) throws(EnvelopeError) {
        let value: JSONValue
        do { value = try JSONParser.parse(headerBytes) } catch { throw .malformed(error.description) }
        guard (try? CanonicalJSON.encode(value)) == headerBytes else { throw .headerNotCanonical }
        try self.init(headerValue: value, canonicalBytes: headerBytes, signature: signature, body: body, redactedBy: redactedBy)
    }

    /// For a header value whose canonical bytes were just produced by our encoder.
    init(
        headerValue: JSONValue,
        canonicalBytes headerBytes: [UInt8],
        signature: [UInt8],
        body: [UInt8],
        redactedBy: String? = nil
    )
        throws(EnvelopeError)
    {
        header = try EnvelopeHeader(json: headerValue)
        if let redactedBy, !RecordID.isWellFormed(redactedBy) { throw .malformed("« redacted » doit être un identifiant d'enregistrement") }
        self.headerBytes = headerBytes
        self.signature = signature
        self.body = body
        self.redactedBy = redactedBy
        hash = Digest.sha256Hex(headerBytes)
    }

    /// Signs a new envelope. The caller supplies the chain position (`seq`, `prev`).
    public static func sign(header: EnvelopeHeader, body: [UInt8], with identity: SigningIdentity) throws -> Envelope {
        precondition(header.originKey == identity.keyID, "header names another key")
        precondition(header.bodyHash == Digest.sha256Hex(body), "bodyHash does not match body")
        let bytes = try header.canonicalBytes()
        return try Envelope(headerBytes: bytes, signature: identity.sign(bytes), body: body)
    }

    /// Checks signature, key id, body hash and body form against the given public key.
    /// Chain position is checked separately (`ChainCheck`), since it needs the neighbours.
    /// Returns the parsed body, so callers need not parse it again.
    @discardableResult
    public func verify(publicKey: [UInt8]) throws(EnvelopeError) -> JSONValue {
        try verifySignature(publicKey: publicKey)
        return try verifyBody()
    }

    /// The key id and the header's signature: what makes the header authentic.
    public func verifySignature(publicKey: [UInt8]) throws(EnvelopeError) {
        guard KeyID.of(ed25519: publicKey) == header.originKey else { throw .keyMismatch(header.originKey) }
        guard signature.count == 64, SignatureCheck.isValid(signature: signature, message: headerBytes, publicKey: publicKey) else {
            throw .badSignature
        }
    }

    /// Every check of `verify` but the signature: for an envelope whose header a later,
    /// verified envelope of its chain authenticates through `prev` (protocol/federation.md,
    /// "Chain-tail verification"). Returns the parsed body.
    @discardableResult
    public func verifyBody() throws(EnvelopeError) -> JSONValue {
        // An erased body is the residue its holders kept: no hash covers it any more.
        guard redactedBy != nil || Digest.sha256Hex(body) == header.bodyHash else { throw .bodyHashMismatch }
        guard body.first == UInt8(ascii: "{"), let value = try? JSONParser.parse(body), (try? CanonicalJSON.encode(value)) == body else {
            throw .bodyNotCanonical
        }
        return value
    }

    /// The body parsed as JSON (bodies are canonical JSON objects).
    public func bodyJSON() throws(EnvelopeError) -> JSONValue {
        do { return try JSONParser.parse(body) } catch { throw .malformed("contenu : \(error.description)") }
    }
}

extension Envelope {
    /// The wire form: `{"body":"<Base64>","header":{…},"signature":"<Base64>"}`,
    /// itself canonical JSON, one per line in an export.
    public var wireJSON: JSONValue {
        // The header bytes are canonical, so re-parsing them yields the same value.
        let headerValue = (try? JSONParser.parse(headerBytes)) ?? .null
        var o: [String: JSONValue] = ["header": headerValue, "body": .string(Base64.encode(body)), "signature": .string(Base64.encode(signature))]
        if let redactedBy { o["redacted"] = .string(redactedBy) }
        return .object(o)
    }

    /// One line of an export, built from the stored bytes without re-encoding the header.
    public var wireLine: [UInt8] { Self.wireLine(headerBytes: headerBytes, signature: signature, body: body, redactedBy: redactedBy) }

    /// The members in canonical (byte) order: body, header, redacted (only when erased), signature.
    public static func wireLine(headerBytes: [UInt8], signature: [UInt8], body: [UInt8], redactedBy: String? = nil) -> [UInt8] {
        var out = Array("{\"body\":\"".utf8)
        out.reserveCapacity(headerBytes.count + body.count * 4 / 3 + 140)
        out += Array(Base64.encode(body).utf8)
        out += Array("\",\"header\":".utf8)
        out += headerBytes
        if let redactedBy { out += Array(",\"redacted\":\"\(redactedBy)\"".utf8) }
        out += Array(",\"signature\":\"".utf8)
        out += Array(Base64.encode(signature).utf8)
        out += Array("\"}".utf8)
        return out
    }

    public init(wire value: JSONValue) throws(EnvelopeError) {
        guard case .object(let o) = value else { throw .malformed("objet JSON attendu") }
        if let unknown = o.keys.sorted().first(where: { !["header", "body", "signature", "redacted"].contains($0) }) {
            throw .malformed("champ inconnu « \(unknown) »")
        }
        guard let header = o["header"] else { throw .malformed("champ « header » absent") }
        guard case .string(let bodyText)? = o["body"], let body = Base64.decode(bodyText) else {
            throw .malformed("champ « body » absent ou pas en Base64")
        }
        guard case .string(let signatureText)? = o["signature"], let signature = Base64.decode(signatureText) else {
            throw .malformed("champ « signature » absent ou pas en Base64")
        }
        var redactedBy: String?
        if let value = o["redacted"] {
            guard case .string(let id) = value else { throw .malformed("champ « redacted » : identifiant d'enregistrement attendu") }
            redactedBy = id
        }
        let headerBytes: [UInt8]
        do { headerBytes = try CanonicalJSON.encode(header) } catch { throw .malformedHeader(error.description) }
        try self.init(headerValue: header, canonicalBytes: headerBytes, signature: signature, body: body, redactedBy: redactedBy)
    }

    public init(wireLine: [UInt8]) throws(EnvelopeError) {
        let value: JSONValue
        do { value = try JSONParser.parse(wireLine) } catch { throw .malformed(error.description) }
        try self.init(wire: value)
    }
}
