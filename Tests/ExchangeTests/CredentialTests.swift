import Foundation
import Records
import Testing

@testable import Exchange

/// The attestation credential and the checks anyone makes on it with the member directory.
@Suite("Attestation credential")
struct CredentialTests {
    static let host = try! SigningIdentity(seed: Array(repeating: 1, count: 32))
    static let other = try! SigningIdentity(seed: Array(repeating: 2, count: 32))
    static let hostID = "01936f2a-4c00-7000-8000-00000000b001"
    static let otherID = "01936f2a-4c00-7000-8000-00000000a001"

    static func credential(issued: String = "2027-03-12T10:00:00.000Z", issuer: String = hostID) -> AttestationCredential {
        AttestationCredential(
            id: "01936f2a-4c00-7000-8000-00000000c001",
            immersion: "01936f2a-4c00-7000-8000-00000000d001",
            offer: "01936f2a-4c00-7000-8000-00000000e001",
            issuer: .init(id: issuer, name: "CMP infanto-juvénile de Béziers"),
            establishment: "CMP infanto-juvénile, avenue Foch, Béziers",
            visitorName: "Karim Benali",
            visitorJob: "Conseiller en insertion",
            visitorStructure: .init(id: otherID, name: "Mission locale Centre Hérault"),
            period: Period(from: Day("2027-03-08")!, to: Day("2027-03-10")!),
            subject: "Premier accueil infirmier, réunion clinique.",
            signatory: .init(name: "Claire Martin", capacity: "référent·e Vis ma vie pro du CMP, pour la structure d'accueil"),
            visitorEvaluation: Day("2027-03-11"),
            hostEvaluation: Day("2027-03-12")!,
            issued: Timestamp(issued)!
        )
    }

    static func keys(hostRevokedAt: String? = nil) -> [DirectoryKey] {
        [
            DirectoryKey(
                structure: hostID,
                name: "CMP infanto-juvénile de Béziers",
                keyID: host.keyID,
                publicKey: host.publicKey,
                revokedAt: hostRevokedAt.flatMap(Timestamp.init)
            ),
            DirectoryKey(structure: otherID, name: "Mission locale Centre Hérault", keyID: other.keyID, publicKey: other.publicKey, revokedAt: nil),
        ]
    }

    func refused(_ text: String, keys: [DirectoryKey] = CredentialTests.keys()) -> CredentialRefusal? {
        do {
            _ = try CredentialCheck.verify(text, keys: keys)
            return nil
        } catch { return error }
    }

    @Test func anIssuedCredentialVerifiesAndReadsBack() throws {
        let jws = try Self.credential().signed(with: Self.host)
        #expect(jws.header["alg"] == .string("EdDSA") && jws.header["kid"] == .string(Self.host.keyID) && jws.header["typ"] == .string("vc+jwt"))
        let verified = try CredentialCheck.verify(jws.text + "\n", keys: Self.keys())
        #expect(verified.credential == Self.credential())
        #expect(verified.issuerName == "CMP infanto-juvénile de Béziers")
        let names = [Self.hostID: StructureName("CMP infanto-juvénile de Béziers", article: .le)]
        #expect(verified.headline(names: names) == "Attestation authentique, délivrée par le CMP infanto-juvénile de Béziers le 12 mars 2027.")
        let facts = Dictionary(verified.facts(names: names).map { ($0.label, $0.value) }, uniquingKeysWith: { a, _ in a })
        #expect(facts["Dates"] == "du 8 mars 2027 au 10 mars 2027 (3 jours)")
        #expect(facts["Signataire"]?.hasPrefix("Claire Martin, ") == true)
        #expect(verified.fingerprint.count == 19)
        // The payload is an Open Badges 3.0 credential with the JWT claims a JOSE library reads.
        let payload = jws.payload
        #expect(payload["type"] == .array([.string("VerifiableCredential"), .string("OpenBadgeCredential")]))
        #expect(payload["iss"] == .string("urn:uuid:\(Self.hostID)") && payload["nbf"] == .integer(1_804_845_600))
        #expect(payload["credentialSubject"]?["achievement"]?["type"] == .array([.string("Achievement")]))
    }

    @Test func aTamperedCredentialIsRefused() throws {
        let jws = try Self.credential().signed(with: Self.host)
        var altered = Self.credential()
        altered.visitorName = "Quelqu'un d'autre"
        let forgedPayload = Base64URL.encode(try CanonicalJSON.encode(altered.json))
        let parts = jws.text.split(separator: ".")
        let tampered = [String(parts[0]), forgedPayload, String(parts[2])].joined(separator: ".")
        let refusal = try #require(refused(tampered))
        #expect(refusal.code == .badSignature)
        #expect(refusal.reason.contains("modifié"))
    }

    @Test func aCredentialSignedByAnotherStructureIsRefused() throws {
        // Another member signs in its own name a credential claiming to come from the host.
        let ownKey = try #require(refused(try Self.credential().signed(with: Self.other).text))
        #expect(ownKey.code == .otherStructureKey)
        #expect(ownKey.reason.contains("Mission locale Centre Hérault"))
        // Or names the host's key, which its signature does not match.
        var header: [String: JSONValue] = ["typ": .string("vc+jwt"), "kid": .string(Self.host.keyID)]
        header["cty"] = .string("vc")
        let borrowed = try CompactJWS.sign(header: header, payload: Self.credential().json, with: Self.other)
        #expect(refused(borrowed.text)?.code == .badSignature)
        // A key unknown to the directory.
        let stranger = try SigningIdentity(seed: Array(repeating: 3, count: 32))
        #expect(refused(try Self.credential().signed(with: stranger).text)?.code == .unknownKey)
        // An issuer that is not a member.
        let outsider = Self.credential(issuer: "01936f2a-4c00-7000-8000-00000000f001")
        #expect(refused(try outsider.signed(with: Self.host).text)?.code == .unknownIssuer)
    }

    @Test func aKeyRevokedBeforeIssuanceIsRefusedAfterItIsNot() throws {
        let jws = try Self.credential(issued: "2027-03-12T10:00:00.000Z").signed(with: Self.host)
        let before = try #require(refused(jws.text, keys: Self.keys(hostRevokedAt: "2027-03-01T08:00:00.000Z")))
        #expect(before.code == .revoked)
        #expect(before.reason.contains("révoquée le 1er mars 2027 à 09:00"))
        let later = try CredentialCheck.verify(jws.text, keys: Self.keys(hostRevokedAt: "2027-04-01T08:00:00.000Z"))
        #expect(later.revokedLater == Timestamp("2027-04-01T08:00:00.000Z"))
    }

    @Test(arguments: ["", "pas une attestation", "a.b.c", String(repeating: "A", count: CredentialCheck.maxBytes + 1)])
    func whatIsNotACredentialIsRefusedWithAReason(_ text: String) {
        let refusal = refused(text)
        #expect(refusal != nil)
        #expect(refusal?.code == (text.count > CredentialCheck.maxBytes ? .tooLarge : .malformed))
    }

    @Test func aPayloadWithAnExtraMemberIsRefused() throws {
        guard case .object(var payload) = Self.credential().json else { return }
        payload["extra"] = .string("ajout")
        let jws = try CompactJWS.sign(header: ["kid": .string(Self.host.keyID)], payload: .object(payload), with: Self.host)
        #expect(refused(jws.text)?.code == .malformed)
    }

    @Test func base64urlIsStrict() {
        #expect(Base64URL.encode([0xFB, 0xFF]) == "-_8")
        #expect(Base64URL.decode("-_8") == [0xFB, 0xFF])
        #expect(Base64URL.decode("-_8=") == nil)
        #expect(Base64URL.decode("+/8") == nil)
        #expect(Base64URL.decode("-_9") == nil, "non-canonical trailing bits")
    }

    @Test func theKeySetIsAStandardJWKSet() throws {
        let set = CredentialCheck.keySet(Self.keys(hostRevokedAt: "2027-04-01T08:00:00.000Z"))
        let first = try #require(set["keys"]?.arrayValue?.first)
        #expect(first["kty"] == .string("OKP") && first["crv"] == .string("Ed25519") && first["alg"] == .string("EdDSA"))
        #expect(first["x"] == .string(Base64URL.encode(Self.host.publicKey)) && first["kid"] == .string(Self.host.keyID))
        #expect(first["revokedAt"] == .string("2027-04-01T08:00:00.000Z"))
    }
}
