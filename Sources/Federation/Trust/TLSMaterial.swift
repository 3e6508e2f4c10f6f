import Crypto
import Foundation
import NIOSSL
import Records
import Storage
import SwiftASN1
import X509

/// TLS files in a data directory (private keys 0600):
///
///     DIR/ca/ca.pem, DIR/ca/ca-key.pem           hub only: the network's CA
///     DIR/tls/ca.pem                             the CA every peer is checked against
///     DIR/tls/server.pem, DIR/tls/server-key.pem hub only: its sync endpoint
///     DIR/tls/client.pem, DIR/tls/client-key.pem node only: its identity towards the hub
public struct TLSFiles: Sendable {
    public let directory: NodeDirectory

    public init(_ directory: NodeDirectory) { self.directory = directory }

    var caDirectory: URL { directory.url.appendingPathComponent("ca", isDirectory: true) }
    var tlsDirectory: URL { directory.url.appendingPathComponent("tls", isDirectory: true) }
    public var caCertificatePath: String { caDirectory.appendingPathComponent("ca.pem").path }
    public var caKeyPath: String { caDirectory.appendingPathComponent("ca-key.pem").path }
    public var trustedCAPath: String { tlsDirectory.appendingPathComponent("ca.pem").path }
    public var serverCertificatePath: String { tlsDirectory.appendingPathComponent("server.pem").path }
    public var serverKeyPath: String { tlsDirectory.appendingPathComponent("server-key.pem").path }
    public var clientCertificatePath: String { tlsDirectory.appendingPathComponent("client.pem").path }
    public var clientKeyPath: String { tlsDirectory.appendingPathComponent("client-key.pem").path }

    public var isEnrolled: Bool { FileManager.default.fileExists(atPath: clientCertificatePath) }

    func read(_ path: String) throws -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw TrustError.missingFile(path) }
        return text
    }

    func writePublic(_ text: String, to path: String) throws {
        try SecureFiles.makeDirectory(URL(fileURLWithPath: path).deletingLastPathComponent())
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    func writeSecret(_ text: String, to path: String) throws {
        try SecureFiles.makeDirectory(URL(fileURLWithPath: path).deletingLastPathComponent())
        try? FileManager.default.removeItem(atPath: path)
        try SecureFiles.writeSecret(text, to: path)
    }

    // MARK: Hub

    /// Creates the CA and the hub's server certificate for `hosts`.
    public func createHubMaterial(organization: String, hosts: [String], now: Date = Date()) throws -> CertificateAuthority {
        let ca = try CertificateAuthority.create(organization: organization, now: now)
        try writeSecret(ca.privateKey.pemRepresentation, to: caKeyPath)
        try writePublic(try ca.certificate.serializeAsPEM().pemString, to: caCertificatePath)
        try writePublic(try ca.certificate.serializeAsPEM().pemString, to: trustedCAPath)
        try issueServerCertificate(ca: ca, hosts: hosts, now: now)
        return ca
    }

    /// (Re)issues the hub's server certificate, e.g. to renew it or add a host name.
    public func issueServerCertificate(ca: CertificateAuthority, hosts: [String], now: Date = Date()) throws {
        let key = P256.Signing.PrivateKey()
        let certificate = try ca.issueServerCertificate(publicKey: key.publicKey, hosts: hosts, now: now)
        try writeSecret(key.pemRepresentation, to: serverKeyPath)
        try writePublic(try certificate.serializeAsPEM().pemString, to: serverCertificatePath)
    }

    public func loadCA() throws -> CertificateAuthority {
        try CertificateAuthority(certificatePEM: read(caCertificatePath), privateKeyPEM: read(caKeyPath))
    }

    /// Server side of the sync endpoint: a client certificate is optional at the TLS layer
    /// (enrollment needs none) but, when presented, must chain to our CA; every other route
    /// then requires a known, unrevoked member certificate.
    public func serverConfiguration() throws -> TLSConfiguration {
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(serverCertificatePath).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: serverKeyPath, format: .pem))
        )
        configuration.certificateVerification = .optionalVerification
        configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(trustedCAPath))
        return TLSPolicy.applied(to: configuration)
    }

    // MARK: Node

    /// A new TLS key and a certificate request naming the structure.
    public func makeCertificateRequest(structure: String) throws -> (csr: CertificateSigningRequest, keyPEM: String) {
        let key = P256.Signing.PrivateKey()
        let csr = try CertificateSigningRequest(
            version: .v1,
            subject: try DistinguishedName { CommonName(structure) },
            privateKey: .init(key),
            attributes: .init(),
            signatureAlgorithm: .ecdsaWithSHA256
        )
        return (csr, key.pemRepresentation)
    }

    public func saveEnrollment(caPEM: String, clientCertificatePEM: String, clientKeyPEM: String) throws {
        try writePublic(caPEM, to: trustedCAPath)
        try writeSecret(clientKeyPEM, to: clientKeyPath)
        try writePublic(clientCertificatePEM, to: clientCertificatePath)
    }

    /// A renewed key and certificate, staged in one file first: renaming it into place is the
    /// single step that commits the renewal, and `applyPendingRenewal` copies it over the
    /// current pair, again after a crash, so that a key never goes with another's certificate.
    var renewalPath: String { tlsDirectory.appendingPathComponent("client-renewal.pem").path }

    public func saveRenewal(clientCertificatePEM: String, clientKeyPEM: String) throws {
        let staging = renewalPath + ".tmp"
        try writeSecret(clientKeyPEM + "\n" + clientCertificatePEM, to: staging)
        guard rename(staging, renewalPath) == 0 else { throw TrustError.missingFile(renewalPath) }
        try applyPendingRenewal()
    }

    func applyPendingRenewal() throws {
        guard FileManager.default.fileExists(atPath: renewalPath) else { return }
        let staged = try read(renewalPath)
        guard let start = staged.range(of: "-----BEGIN CERTIFICATE-----") else {
            try FileManager.default.removeItem(atPath: renewalPath)  // torn: the current pair stays
            return
        }
        try writeSecret(String(staged[..<start.lowerBound]), to: clientKeyPath)
        try writePublic(String(staged[start.lowerBound...]), to: clientCertificatePath)
        try FileManager.default.removeItem(atPath: renewalPath)
    }

    /// Client side towards the hub: our certificate, and only our network's CA trusted.
    public func clientConfiguration() throws -> TLSConfiguration {
        try applyPendingRenewal()
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(trustedCAPath))
        configuration.certificateChain = try NIOSSLCertificate.fromPEMFile(clientCertificatePath).map { .certificate($0) }
        configuration.privateKey = .privateKey(try NIOSSLPrivateKey(file: clientKeyPath, format: .pem))
        return TLSPolicy.applied(to: configuration)
    }

    public func clientCertificateFingerprint() throws -> String {
        CertificateAuthority.fingerprint(of: try Certificate(pemEncoded: read(clientCertificatePath)))
    }

    /// When the certificate this directory presents expires: a node's client certificate, else
    /// the hub's server certificate; nil when there is none (a node not yet enrolled).
    public func certificateExpiry() -> Date? {
        for path in [clientCertificatePath, serverCertificatePath] where FileManager.default.fileExists(atPath: path) {
            return (try? Certificate(pemEncoded: read(path)))?.notValidAfter
        }
        return nil
    }
}

/// What every connection of the network accepts, both ends: TLS 1.2 or 1.3, and in TLS 1.2
/// only ECDHE with AEAD ciphers (the network's keys are P-256, so ECDSA suites). TLS 1.3
/// suites are all AEAD. CBC-SHA1 suites, still on by default for old clients, are off.
public enum TLSPolicy {
    public static let tls12CipherSuites = [
        "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-ECDSA-CHACHA20-POLY1305",
    ]

    public static func applied(to configuration: TLSConfiguration) -> TLSConfiguration {
        var configuration = configuration
        configuration.minimumTLSVersion = .tlsv12
        configuration.cipherSuites = tls12CipherSuites.joined(separator: ":")
        return configuration
    }
}
