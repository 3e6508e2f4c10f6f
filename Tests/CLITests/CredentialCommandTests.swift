import Exchange
import Foundation
import NetworkSupport
import TestSupport
import Testing

@testable import Records
@testable import Storage
@testable import Workflow

/// `vmvp credential verify` on the hub's data: says in French what an authentic credential
/// attests (exit 0), and why a tampered, borrowed or revoked one is refused (exit 1).
@Suite("vmvp credential", .serialized)
struct CredentialCommandTests {
    @Test func verifyAcceptsTheIssuedCredentialAndRefusesForgeries() async throws {
        try await withPair { pair in
            let id = try await pair.completedImmersion()
            let immersion = try #require(try ImmersionBook(node: pair.a).immersion(id))
            let issued = try #require(try Credentials(node: pair.a).credential(for: immersion))
            let hub = CLI(dataDirectory: pair.network.hub.directory.path)
            let folder = TestPaths.temporaryDirectory("credential")
            func file(_ name: String, _ text: String) throws -> String {
                let path = folder.appendingPathComponent(name).path
                try text.write(toFile: path, atomically: true, encoding: .utf8)
                return path
            }

            let good = try hub.run(["credential", "verify", "--file", try file("good.jwt", issued.jws.text)])
            #expect(good.status == 0, "\(good.stderr)")
            #expect(good.stdout.contains("Attestation authentique, délivrée par CMP infanto-juvénile de Béziers le 12 mars 2027."))
            #expect(good.stdout.contains("Karim Benali") && good.stdout.contains("du 8 mars 2027 au 10 mars 2027 (3 jours)"))

            var parts = issued.jws.text.split(separator: ".").map(String.init)
            var altered = issued.credential
            altered.visitorName = "Quelqu'un d'autre"
            parts[1] = Base64URL.encode(try CanonicalJSON.encode(altered.json))
            let tampered = try hub.run(["credential", "verify", "--file", try file("tampered.jwt", parts.joined(separator: "."))])
            #expect(tampered.status == 1 && tampered.stderr.contains("la signature ne correspond pas au contenu"))

            let borrowed = try issued.credential.signed(with: pair.a.author.identity)
            let other = try hub.run(["credential", "verify", "--file", try file("other.jwt", borrowed.text)])
            #expect(other.status == 1 && other.stderr.contains("signée avec la clé d'une autre structure (Mission locale Centre Hérault)"))

            _ = try pair.network.administration.revoke(
                structure: pair.b.structureID,
                reason: "Clé compromise",
                by: .commandLine,
                now: Pair.date("2027-03-15")
            )
            var late = issued.credential
            late.issued = Timestamp(Pair.date("2027-03-20"))
            let revoked = try hub.run(["credential", "verify", "--file", try file("late.jwt", try late.signed(with: pair.b.author.identity).text)])
            #expect(revoked.status == 1 && revoked.stderr.contains("a été révoquée le 15 mars 2027"))
            let before = try hub.run(["credential", "verify", "--file", try file("good.jwt", issued.jws.text)])
            #expect(before.status == 0 && before.stdout.contains("révoquée depuis"), "issued before the revocation: still valid")

            let keys = try hub.run(["credential", "keys"])
            #expect(keys.status == 0 && keys.stdout.contains(pair.b.author.identity.keyID) && keys.stdout.contains("\"revokedAt\""))
        }
    }
}
