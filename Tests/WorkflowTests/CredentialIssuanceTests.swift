import Exchange
import Foundation
import NetworkSupport
import Records
import Storage
import Testing

@testable import Workflow

/// The host's node issues the attestation credential once the attestation is due; it reaches
/// the visitor's node sealed, and checks out against the member directory of every node.
@Suite("Attestation credentials across two nodes", .serialized)
struct CredentialIssuanceTests {
    @Test func theHostsEvaluationIssuesItAndTheVisitorReceivesIt() async throws {
        try await withPair { pair in
            let id = try await pair.completedImmersion()
            let immersionAtA = try #require(try ImmersionBook(node: pair.a).immersion(id))
            let received = try #require(try Credentials(node: pair.a).credential(for: immersionAtA), "issued with the host's evaluation, synced")
            let c = received.credential
            #expect(c.issuer.id == pair.b.structureID && c.visitorStructure.id == pair.a.structureID)
            #expect(c.visitorName == pair.visitor.name && c.signatory.name == pair.referentB.name)
            #expect(c.period == Pair.terms.period && c.days == 3)
            #expect(c.visitorEvaluation == Pair.day("2027-03-12") && c.hostEvaluation == Pair.day("2027-03-12"))
            #expect(received.jws.header["kid"] == .string(pair.b.author.identity.keyID))
            // Once only, and the hub can read none of it.
            #expect(try Credentials(node: pair.b).issueDue(today: Pair.day("2027-03-20")).isEmpty)
            let atHub = try pair.network.hub.store.currentRecords(type: ImmersionCredential.recordType)
            #expect(atHub.count == 1)
            // The JWS's own text, not a fragment a random ciphertext may happen to contain.
            let sealed = String(decoding: atHub[0].body, as: UTF8.self)
            #expect(!sealed.contains(String(received.jws.text.prefix(40))) && !sealed.contains(pair.visitor.name))
            // Anyone's node, and the hub, verify it with their own directory.
            for node in [pair.a, pair.b, pair.network.hub] {
                #expect(try Credentials(node: node).verify(received.jws.text).credential == c)
            }
        }
    }

    @Test func aVisitorEvaluationArrivingBySyncMakesItDueForTheBackgroundPass() async throws {
        try await withPair { pair in
            let id = try await pair.completedImmersion(hostFirst: true)
            let immersion = try #require(try ImmersionBook(node: pair.a).immersion(id))
            #expect(try Credentials(node: pair.a).credential(for: immersion) == nil, "not due when the host evaluated first")
            #expect(try Credentials(node: pair.b).issueDue(today: Pair.day("2027-03-13"), now: Pair.date("2027-03-13")) == [id])
            try await pair.sync()
            #expect(try Credentials(node: pair.a).credential(for: immersion) != nil)
        }
    }

    @Test func aKeyRevokedBeforeIssuanceIsRefusedByTheDirectory() async throws {
        try await withPair { pair in
            let id = try await pair.completedImmersion()
            let immersion = try #require(try ImmersionBook(node: pair.a).immersion(id))
            let issued = try #require(try Credentials(node: pair.a).credential(for: immersion))
            _ = try pair.network.administration.revoke(
                structure: pair.b.structureID,
                reason: "Clé compromise",
                by: .commandLine,
                now: Pair.date("2027-03-15")
            )
            let hub = Credentials(node: pair.network.hub)
            #expect(try hub.verify(issued.jws.text).revokedLater != nil, "issued before the revocation: still valid")
            var late = issued.credential
            late.issued = Timestamp(Pair.date("2027-03-20"))
            let forged = try late.signed(with: pair.b.author.identity)
            #expect(throws: CredentialRefusal.self) { try hub.verify(forged.text) }
            do { _ = try hub.verify(forged.text) } catch let refusal as CredentialRefusal { #expect(refusal.code == .revoked) }
        }
    }
}
