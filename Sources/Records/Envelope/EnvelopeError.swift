/// Why an envelope cannot be accepted. Descriptions are French sentences for staff.
public enum EnvelopeError: Error, Sendable, Equatable, CustomStringConvertible {
    case malformed(String)
    case malformedHeader(String)
    case unsupportedVersion(Int64)
    case headerNotCanonical
    case badSignature
    case bodyHashMismatch
    case bodyNotCanonical
    case unknownKey(String)
    case keyMismatch(String)

    public var description: String {
        switch self {
        case .malformed(let why): "enveloppe mal formée : \(why)."
        case .malformedHeader(let why): "en-tête mal formé : \(why)."
        case .unsupportedVersion(let v): "version de protocole \(v) non prise en charge (version 1 attendue)."
        case .headerNotCanonical: "l'en-tête n'est pas dans l'encodage canonique."
        case .badSignature: "signature invalide : l'en-tête a été modifié ou n'a pas été signé par cette clé."
        case .bodyHashMismatch: "le contenu ne correspond pas à son empreinte (bodyHash) : il a été modifié."
        case .bodyNotCanonical: "le contenu n'est pas un objet JSON canonique."
        case .unknownKey(let k): "clé de signature inconnue « \(k) »."
        case .keyMismatch(let k): "la clé publique fournie ne correspond pas à l'identifiant « \(k) »."
        }
    }
}
