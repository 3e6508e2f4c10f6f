import Foundation
import Records

/// Why a credential is not accepted: a stable code, and the reason in plain French.
public struct CredentialRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case tooLarge = "too_large"
        case malformed
        case unknownIssuer = "unknown_issuer"
        case unknownKey = "unknown_key"
        case otherStructureKey = "other_structure_key"
        case badSignature = "bad_signature"
        case revoked
    }

    public let code: Code
    public let reason: String

    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { reason }
}

/// The checks anyone can make on an attestation credential with the member directory's keys
/// (protocol/credential.md, "Verification"), in this order: the JWS reads and names EdDSA; the
/// payload is an attestation; the issuer is a member; the key named by `kid` is one of the
/// issuer's keys; the signature holds; the key was not revoked when the credential was issued.
public enum CredentialCheck {
    /// A credential is a few kilobytes; anything much larger is not one.
    public static let maxBytes = 16 * 1024

    public struct Verified: Sendable, Equatable {
        public let credential: AttestationCredential
        public let jws: CompactJWS
        /// The issuer's name as the member directory gives it.
        public let issuerName: String
        /// The key's revocation, when it came after the credential was issued (which stays valid).
        public let revokedLater: Timestamp?

        /// The short fingerprint the printed attestation shows, to match paper and file.
        public var fingerprint: String { Fingerprint.short(jws.fingerprint) }
    }

    public static func verify(_ input: String, keys: [DirectoryKey]) throws(CredentialRefusal) -> Verified {
        guard input.utf8.count <= maxBytes else {
            throw CredentialRefusal(.tooLarge, "le fichier dépasse \(maxBytes / 1024) Kio : ce n'est pas une attestation Vis ma vie pro.")
        }
        let text = input.trimmingCharacters(in: .whitespacesAndNewlines)
        let jws: CompactJWS
        do { jws = try CompactJWS(parsing: text) } catch {
            throw CredentialRefusal(.malformed, "ce n'est pas une attestation numérique Vis ma vie pro lisible (\(error.description)).")
        }
        let credential = try AttestationCredential(payload: jws.payload)
        let issuerKeys = keys.filter { $0.structure == credential.issuer.id }
        guard let issuerName = issuerKeys.first?.name else {
            throw CredentialRefusal(
                .unknownIssuer,
                "la structure qui l'aurait délivrée (« \(credential.issuer.name) ») n'est pas membre du réseau Vis ma vie pro."
            )
        }
        guard let kid = jws.header["kid"]?.stringValue, let key = keys.first(where: { $0.keyID == kid }) else {
            throw CredentialRefusal(.unknownKey, "elle est signée avec une clé que l'annuaire des membres du réseau ne connaît pas.")
        }
        guard key.structure == credential.issuer.id else {
            throw CredentialRefusal(
                .otherStructureKey,
                "elle se dit délivrée par \(issuerName), mais elle est signée avec la clé d'une autre structure (\(key.name))."
            )
        }
        guard jws.isSigned(by: key.publicKey) else {
            throw CredentialRefusal(
                .badSignature,
                "la signature ne correspond pas au contenu : le fichier a été modifié après sa délivrance, ou il n'a pas été signé par \(issuerName)."
            )
        }
        if let revoked = key.revokedAt, revoked <= credential.issued {
            throw CredentialRefusal(
                .revoked,
                "la clé de signature de \(issuerName) a été révoquée le \(French.dateTime(revoked)), avant la date de délivrance indiquée (\(French.dateTime(credential.issued))) : l'attestation n'est pas valable."
            )
        }
        return Verified(credential: credential, jws: jws, issuerName: issuerName, revokedLater: key.revokedAt)
    }
}

extension CredentialCheck.Verified {
    /// What a verified credential attests, in French, for the command line and the hub's page.
    public func headline(names: [String: StructureName]) -> String {
        let issuer = names[credential.issuer.id] ?? StructureName(issuerName)
        return "Attestation authentique, délivrée \(issuer.by) le \(French.date(Day.today(credential.issued.date)))."
    }

    /// The facts, as labelled lines.
    public func facts(names: [String: StructureName]) -> [(label: String, value: String)] {
        let c = credential
        var evaluations: [String] = []
        if let day = c.visitorEvaluation { evaluations.append("par la personne accueillie le \(French.date(day))") }
        evaluations.append("par la structure d'accueil le \(French.date(c.hostEvaluation))")
        var lines: [(String, String)] = [
            ("Personne accueillie", "\(c.visitorName), \(c.visitorJob)"),
            ("Sa structure", c.visitorStructure.name),
            ("Structure d'accueil", "\(issuerName) — \(c.establishment)"),
            ("Dates", "\(French.dates(c.period)) (\(French.days(c.days)))"),
            ("Objet", c.subject),
            ("Signataire", "\(c.signatory.name), \(c.signatory.capacity)"),
            ("Évaluations", evaluations.joined(separator: " ; ")),
            ("Empreinte du fichier", fingerprint),
        ]
        if let later = revokedLater {
            lines.append(
                (
                    "Remarque",
                    "la clé de la structure a été révoquée depuis, le \(French.dateTime(later)) ; l'attestation, délivrée avant, reste valable."
                )
            )
        }
        return lines
    }
}

extension CredentialCheck {
    /// The directory's signing keys as a JSON Web Key Set (RFC 7517, Ed25519 keys as RFC 8037
    /// `OKP`), each with the structure it belongs to and its revocation time, if any: what a
    /// standard JOSE library needs, plus what the checks above need (protocol/credential.md).
    public static func keySet(_ keys: [DirectoryKey]) -> JSONValue {
        .object([
            "keys": .array(
                keys.map { key in
                    var jwk: [String: JSONValue] = [
                        "kty": .string("OKP"), "crv": .string("Ed25519"), "x": .string(Base64URL.encode(key.publicKey)),
                        "kid": .string(key.keyID), "use": .string("sig"), "alg": .string(CompactJWS.algorithm),
                        "structure": .string(AttestationCredential.urn(key.structure)), "name": .string(key.name),
                    ]
                    if let revoked = key.revokedAt { jwk["revokedAt"] = .string(revoked.description) }
                    return .object(jwk)
                }
            )
        ])
    }
}
