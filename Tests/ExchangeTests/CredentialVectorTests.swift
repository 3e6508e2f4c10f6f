import Foundation
import Records
import Testing

@testable import Exchange

/// The published credential vector (protocol/vectors/credential.json): a credential issued with a
/// fixed key, the directory to check it against, and credentials that must be refused, each with
/// its reason. Regenerate after a deliberate change with
/// `VMVP_WRITE_VECTORS=1 swift test --filter CredentialVectorTests`.
@Suite("Credential test vector")
struct CredentialVectorTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("protocol")
    static let vector = folder.appendingPathComponent("vectors/credential.json")
    static let example = folder.appendingPathComponent("examples/attestation_credential.cmp-mission-locale.json")
    static let host = try! SigningIdentity(seed: Array(0..<32))
    static let other = try! SigningIdentity(seed: Array(32..<64))

    static func directory(revokedAt: String? = nil) -> [DirectoryKey] {
        [
            DirectoryKey(
                structure: CredentialTests.hostID,
                name: "CMP infanto-juvénile de Béziers",
                keyID: host.keyID,
                publicKey: host.publicKey,
                revokedAt: revokedAt.flatMap(Timestamp.init)
            ),
            DirectoryKey(
                structure: CredentialTests.otherID,
                name: "Mission locale Centre Hérault",
                keyID: other.keyID,
                publicKey: other.publicKey,
                revokedAt: nil
            ),
        ]
    }

    static func document() throws -> JSONValue {
        let credential = CredentialTests.credential()
        let jws = try credential.signed(with: host)
        let parts = jws.text.split(separator: ".").map(String.init)
        var altered = credential
        altered.period = Period(from: Day("2027-03-08")!, to: Day("2027-03-12")!)
        let tampered = [parts[0], Base64URL.encode(try CanonicalJSON.encode(altered.json)), parts[2]].joined(separator: ".")
        let otherKey = try credential.signed(with: other).text
        func rejected(_ name: String, _ text: String, _ code: CredentialRefusal.Code, revokedAt: String? = nil) -> JSONValue {
            var o: [String: JSONValue] = ["name": .string(name), "credential": .string(text), "code": .string(code.rawValue)]
            if let revokedAt { o["directory"] = CredentialCheck.keySet(directory(revokedAt: revokedAt)) }
            return .object(o)
        }
        return .object([
            "description": .string(
                "Attestation credential (protocol/credential.md): a compact JWS, EdDSA (Ed25519), over an Open Badges 3.0 shaped W3C VC 2.0. The Ed25519 seed is given so that implementations can also check signing; `directory` is the member directory's key set."
            ),
            "seed": .string(Hex.encode(host.seed)),
            "directory": CredentialCheck.keySet(directory()),
            "credential": .string(jws.text),
            "header": .object(jws.header),
            "payload": jws.payload,
            "fingerprint": .string(jws.fingerprint),
            "shortFingerprint": .string(Fingerprint.short(jws.fingerprint)),
            "rejected": .array([
                rejected("payload changed after signing (other dates)", tampered, .badSignature),
                rejected("signed with another member's key", otherKey, .otherStructureKey),
                rejected("issuer's key revoked before the credential's validFrom", jws.text, .revoked, revokedAt: "2027-03-01T08:00:00.000Z"),
            ]),
        ])
    }

    @Test func theVectorIsReproducedAndReadsAsPublished() throws {
        let document = try Self.document()
        if ProcessInfo.processInfo.environment["VMVP_WRITE_VECTORS"] == "1" {
            try Data(CanonicalJSON.encode(document) + [0x0A]).write(to: Self.vector)
            var example = try CanonicalJSON.encodeString(document["payload"]!)
            example += "\n"
            try example.write(to: Self.example, atomically: true, encoding: .utf8)
        }
        let published = try JSONParser.parse(Data(contentsOf: Self.vector))
        #expect(published == document, "protocol/vectors/credential.json is what the code writes (regenerate if deliberate)")
        let keys = Self.directory()
        let verified = try CredentialCheck.verify(try #require(published["credential"]?.stringValue), keys: keys)
        #expect(verified.credential == CredentialTests.credential())
        for item in published["rejected"]?.arrayValue ?? [] {
            let directory = item["directory"] == nil ? keys : Self.directory(revokedAt: "2027-03-01T08:00:00.000Z")
            #expect(throws: CredentialRefusal.self, "\(item["name"]?.stringValue ?? "")") {
                try CredentialCheck.verify(item["credential"]?.stringValue ?? "", keys: directory)
            }
            do { _ = try CredentialCheck.verify(item["credential"]?.stringValue ?? "", keys: directory) } catch {
                #expect(error.code.rawValue == item["code"]?.stringValue)
            }
        }
        let example = try JSONParser.parse(Data(contentsOf: Self.example))
        #expect(try AttestationCredential(payload: example) == CredentialTests.credential())
    }
}
