import Foundation
import Hummingbird
import HummingbirdTesting
import Records
import Testing

@testable import Site
@testable import Storage

/// `/health` for the operator's monitoring: no session, no data, `ok` or the reasons.
@Suite("Web site: health")
struct HealthSiteTests {
    @Test func aHealthyNodeAnswersOkWithoutASession() async throws {
        let fixture = try SiteFixture(certificateExpiry: Date().addingTimeInterval(200 * 86_400))
        try await fixture.test { client in
            let response = try await client.execute(uri: "/health", method: .get)
            #expect(response.status == .ok && String(buffer: response.body) == "ok\n")
            #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
        }
    }

    @Test func eachDegradationIsNamedInFrench() async throws {
        let fixture = try SiteFixture(certificateExpiry: Date().addingTimeInterval(10 * 86_400))
        let node = fixture.node
        try node.settings.set(.hubURL, "https://hub.mda34.example:8443")
        try node.settings.set(.lastSyncSuccess, Timestamp(Date().addingTimeInterval(-2 * 3600)).description)
        try await fixture.test { client in
            let response = try await client.execute(uri: "/health", method: .get)
            let text = String(buffer: response.body)
            #expect(response.status == .serviceUnavailable)
            #expect(text.hasPrefix("dégradé : "))
            #expect(text.contains("hub injoignable depuis plus d'une heure"))
            #expect(text.contains("le certificat TLS expire le") && text.contains("dans moins de 30 jours"))
            #expect(!text.contains("hub.mda34.example"), "no address, no data")
        }
    }

    @Test func aDataDirectoryThatTakesNoWriteIsADegradation() async throws {
        let fixture = try SiteFixture()
        // The directory goes (the open database goes on): nothing can be written beside it.
        try FileManager.default.removeItem(at: fixture.node.directory.url)
        try await fixture.test { client in
            let response = try await client.execute(uri: "/health", method: .get)
            #expect(response.status == .serviceUnavailable)
            #expect(String(buffer: response.body).contains("la base de données ne prend plus d'écriture"))
        }
    }

    @Test func theStatusPageSaysWhenTheCertificateExpiresAndHowToRenewIt() async throws {
        let fixture = try SiteFixture(certificateExpiry: Date().addingTimeInterval(10 * 86_400))
        try await fixture.test { client in
            let admin = try #require(try await Browser.login(client, email: "admin@college.example").1)
            let page = String(buffer: try await admin.get(client, "/etat").body)
            #expect(page.contains("Certificat TLS</dt><dd>valable jusqu&#39;au "))
            #expect(page.contains("dans moins de 30 jours") && page.contains("code de renouvellement"))
        }
    }
}
