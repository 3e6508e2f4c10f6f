import Crypto
import Foundation
import Records
import SwiftASN1
import X509

/// The network's certificate authority, run by the hub (P-256). It issues each node
/// a TLS client certificate and the hub its server certificate.
public struct CertificateAuthority: Sendable {
    public let certificate: Certificate
    let privateKey: P256.Signing.PrivateKey

    public static let subjectName = "Vis ma vie pro - autorité de certification du réseau"

    public static func create(organization: String, now: Date = Date()) throws -> CertificateAuthority {
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName {
            CommonName(subjectName)
            OrganizationName(organization)
        }
        let certificate = try Certificate(
            version: .v3,
            serialNumber: .init(),
            publicKey: .init(key.publicKey),
            notValidBefore: now.addingTimeInterval(-3600),
            notValidAfter: now.addingTimeInterval(20 * 365 * 86_400),
            issuer: name,
            subject: name,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(hash: .init(key.publicKey))
            },
            issuerPrivateKey: .init(key)
        )
        return CertificateAuthority(certificate: certificate, privateKey: key)
    }

    public init(certificate: Certificate, privateKey: P256.Signing.PrivateKey) {
        self.certificate = certificate
        self.privateKey = privateKey
    }

    public init(certificatePEM: String, privateKeyPEM: String) throws {
        certificate = try Certificate(pemEncoded: certificatePEM)
        privateKey = try P256.Signing.PrivateKey(pemRepresentation: privateKeyPEM)
    }

    public var fingerprint: String { Self.fingerprint(of: certificate) }

    /// SHA-256 of the DER encoding, in hex: how invitations pin the CA and how the hub
    /// recognises a member's certificate.
    public static func fingerprint(of certificate: Certificate) -> String {
        var serializer = DER.Serializer()
        try? serializer.serialize(certificate)
        return Digest.sha256Hex(serializer.serializedBytes)
    }

    public static func fingerprint(derBytes: [UInt8]) -> String { Digest.sha256Hex(derBytes) }

    /// A client certificate for a structure, from its certificate request, after checking
    /// the request is signed by the key it carries. The subject is the structure id.
    public func issueClientCertificate(
        for csr: CertificateSigningRequest,
        structure: String,
        name: String,
        validity: TimeInterval = 2 * 365 * 86_400,
        now: Date = Date()
    ) throws -> Certificate {
        guard csr.publicKey.isValidSignature(csr.signature, for: csr) else { throw TrustError.badCertificateRequest }
        let subject = try DistinguishedName {
            CommonName(structure)
            OrganizationName(String(name.prefix(64)))
        }
        return try Certificate(
            version: .v3,
            serialNumber: .init(),
            publicKey: csr.publicKey,
            notValidBefore: now.addingTimeInterval(-3600),
            notValidAfter: now.addingTimeInterval(validity),
            issuer: certificate.subject,
            subject: subject,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.clientAuth])
                AuthorityKeyIdentifier(keyIdentifier: try? certificate.extensions.subjectKeyIdentifier?.keyIdentifier)
            },
            issuerPrivateKey: .init(privateKey)
        )
    }

    /// The hub's own server certificate, valid for the given DNS names and IP addresses.
    public func issueServerCertificate(
        publicKey: P256.Signing.PublicKey,
        hosts: [String],
        validity: TimeInterval = 2 * 365 * 86_400,
        now: Date = Date()
    ) throws -> Certificate {
        let names: [GeneralName] = hosts.map { host in
            if let ip = IPAddressBytes(host) { return .ipAddress(ASN1OctetString(contentBytes: ArraySlice(ip))) }
            return .dnsName(host)
        }
        return try Certificate(
            version: .v3,
            serialNumber: .init(),
            publicKey: .init(publicKey),
            notValidBefore: now.addingTimeInterval(-3600),
            notValidAfter: now.addingTimeInterval(validity),
            issuer: certificate.subject,
            subject: try DistinguishedName { CommonName(hosts.first ?? "hub") },
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames(names)
            },
            issuerPrivateKey: .init(privateKey)
        )
    }
}

/// Parses IPv4 and IPv6 literals into network-order bytes.
func IPAddressBytes(_ text: String) -> [UInt8]? {
    var v4 = in_addr()
    if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
    var v6 = in6_addr()
    if inet_pton(AF_INET6, text, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
    return nil
}

public enum TrustError: Error, Equatable, CustomStringConvertible {
    case badCertificateRequest
    case fingerprintMismatch(expected: String, found: String)
    case malformedInvitation
    case missingFile(String)

    public var description: String {
        switch self {
        case .badCertificateRequest: "demande de certificat invalide (signature incorrecte)."
        case .fingerprintMismatch(let expected, let found):
            "l'autorité de certification présentée par le hub (empreinte \(found.prefix(16))…) n'est pas celle du code d'invitation (\(expected.prefix(16))…) : inscription interrompue, personne n'a rien reçu."
        case .malformedInvitation: "code d'invitation mal formé : il commence par « vmvp1. » et se recopie en entier."
        case .missingFile(let path): "fichier manquant : \(path). Ce nœud est-il inscrit auprès du hub (« vmvp enroll ») ?"
        }
    }
}
