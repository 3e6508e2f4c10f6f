import Exchange
import Foundation
import Hummingbird
import HummingbirdTesting
import NetworkSupport
import TestSupport
import Testing

@testable import Records
@testable import Site
@testable import Storage
@testable import Workflow

/// The printed convention and attestation, the credential to download, and the hub's public
/// verification page, over the real pair of nodes.
@Suite("Documents and the verification page", .serialized)
struct DocumentSiteTests {
    @Test func theDocumentsTheCredentialAndItsVerification() async throws {
        try await withPair { pair in
            let id = try await pair.completedImmersion()
            let sites = try TwoSites(pair: pair)
            sites.clock.set("2027-03-13")
            try await sites.run { a, b, hub in
                // The referent of the visitor's structure sees its immersions (the visitor of `completedImmersion` has no password).
                let visitor = try #require(try await Browser.login(a, email: "ref@a.example").1)

                // The convention: parties and signatures in blocks, its footer in its own stylesheet.
                let convention = try await visitor.get(a, "/immersions/\(id)/convention").text
                #expect(convention.contains("<h2>Les parties</h2>") && convention.contains("<h3>Son employeur</h3>"))
                #expect(convention.contains("<dt>Dates</dt><dd>du 8 mars 2027 au 10 mars 2027.</dd>"))
                #expect(!convention.contains("<p>- ") && !convention.contains("<pre"))
                #expect(convention.components(separatedBy: "Signée électroniquement le 17 janvier 2027").count == 4, "three signatures")
                #expect(
                    convention.contains("Claire Martin") && convention.contains("Sophie Garnier") && convention.contains("Empreinte de la signature")
                )
                let css = try await visitor.get(a, "/immersions/\(id)/convention.css")
                let version = try #require(try ImmersionBook(node: pair.a).immersion(id)?.currentConvention?.versionHash)
                #expect(css.headers[.contentType] == "text/css; charset=utf-8")
                #expect(css.text.contains("version 1 — empreinte \(Fingerprint.short(version))") && css.text.contains("counter(pages)"))

                // The attestation: signatory, verification section with the credential's fingerprint.
                let received = try #require(try Credentials(node: pair.a).credential(for: ImmersionBook(node: pair.a).immersion(id)!))
                let attestation = try await visitor.get(a, "/immersions/\(id)/attestation").text
                #expect(attestation.contains("CMP infanto-juvénile de Béziers atteste que <strong>Karim Benali</strong>"))
                #expect(attestation.contains("<strong>Claire Martin</strong>, référent·e Vis ma vie pro"))
                #expect(attestation.contains(received.fingerprint) && attestation.contains("Vérifier cette attestation"))
                #expect(attestation.components(separatedBy: id).count == 2, "the immersion's id only in the link back to it")
                #expect(!attestation.contains("Référence") && !attestation.contains("nœud"), "no internal identifier, no engineering word")
                let page = try await visitor.get(a, "/immersions/\(id)")
                #expect(page.text.contains("Télécharger l'attestation numérique (.jwt)"))
                let file = try await visitor.get(a, "/immersions/\(id)/attestation.jwt")
                #expect(file.headers[.contentDisposition]?.contains(".jwt") == true && file.text == received.jws.text)

                // The hub's page, without signing in: authentic, tampered, too large, nothing kept.
                #expect(try await hub.execute(uri: "/verifier", method: .get).status == .ok)
                let before = try (pair.network.hub.store.envelopeCount(), Self.files(pair.network.hub))
                let authentic = try await Self.upload(hub, file.text)
                #expect(authentic.status == .ok)
                #expect(authentic.text.contains("Attestation authentique, délivrée par CMP infanto-juvénile de Béziers le 12 mars 2027."))
                #expect(authentic.text.contains(received.fingerprint) && authentic.text.contains("Karim Benali"))
                var parts = file.text.split(separator: ".").map(String.init)
                parts[1] = parts[1].replacingOccurrences(of: "a", with: "b")
                let tampered = try await Self.paste(hub, parts.joined(separator: "."))
                #expect(tampered.status == .unprocessableContent && tampered.text.contains("Attestation non reconnue"))
                let oversized = try await Self.upload(hub, String(repeating: "A", count: VerifierController.maxBodyBytes + 10))
                #expect(oversized.status == .contentTooLarge && oversized.text.contains("dépasse 16 Kio"))
                #expect(try (pair.network.hub.store.envelopeCount(), Self.files(pair.network.hub)) == before, "no new row, no new file")
                let keys = try await hub.execute(uri: "/verifier/cles.json", method: .get)
                #expect(keys.text.contains(pair.b.author.identity.keyID) && keys.text.contains("\"kty\":\"OKP\""))

                // Partner nodes have no such page.
                #expect(try await b.execute(uri: "/verifier", method: .get).status == .notFound)
            }
        }
    }

    @Test func theVerificationPageIsThrottledPerAddress() async throws {
        try await withPair { pair in
            var configuration = SiteConfiguration()
            configuration.maxVerificationsPerAddress = 2
            let site = try Site(node: pair.network.hub, configuration: configuration)
            try await Application(router: site.router()).test(.router) { hub in
                for _ in 0..<2 { #expect(try await Self.paste(hub, "pas une attestation").status == .unprocessableContent) }
                let third = try await Self.paste(hub, "pas une attestation")
                #expect(third.status == .tooManyRequests && third.text.contains("Trop de vérifications"))
            }
        }
    }

    static func upload(_ client: any TestClientProtocol, _ text: String) async throws -> TestResponse {
        let boundary = "----vmvp-test-boundary"
        let body =
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"attestation.jwt\"\r\nContent-Type: application/octet-stream\r\n\r\n\(text)\r\n"
            + "--\(boundary)\r\nContent-Disposition: form-data; name=\"credential\"\r\n\r\n\r\n--\(boundary)--\r\n"
        return try await client.execute(
            uri: "/verifier",
            method: .post,
            headers: [.contentType: "multipart/form-data; boundary=\(boundary)"],
            body: ByteBuffer(string: body)
        )
    }

    static func paste(_ client: any TestClientProtocol, _ text: String) async throws -> TestResponse {
        try await client.execute(
            uri: "/verifier",
            method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: Browser.form([("credential", text)]))
        )
    }

    /// Every file under the node's directory, by path.
    static func files(_ node: OpenNode) throws -> [String] {
        let root = node.directory.url
        let paths = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
        return paths.sorted()
    }
}
