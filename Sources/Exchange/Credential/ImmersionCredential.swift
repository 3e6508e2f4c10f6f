import Records

/// The attestation credential, carried from the host's node to the visitor's: a `parties`
/// record written by the host once the attestation is due, sealed to both structures. Its
/// `credential` is the compact JWS the professional downloads (protocol/credential.md).
public struct ImmersionCredential: RecordBody, Hashable {
    public static let recordType = RecordType(rawValue: "immersion_credential")
    public static let visibility = Visibility.parties

    public var request: String
    public var credential: String

    public init(request: String, credential: String) {
        self.request = request
        self.credential = credential
    }

    public init?(json: JSONValue, issues: IssueList) {
        let r = FieldReader(json, issues: issues)
        r.rejectUnknownKeys(allowed: ["request", "credential"])
        request = r.recordID("request")
        credential = r.text("credential", max: CredentialCheck.maxBytes)
        if !credential.isEmpty, (try? CompactJWS(parsing: credential)) == nil {
            issues.add("credential", "signature JOSE compacte (EdDSA) attendue.")
        }
    }

    public var json: JSONValue { .object(["request": .string(request), "credential": .string(credential)]) }
}
