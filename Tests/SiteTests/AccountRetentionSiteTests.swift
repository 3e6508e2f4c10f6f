import Foundation
import Hummingbird
import HummingbirdTesting
import NetworkSupport
import Testing

@testable import Site
@testable import Storage

/// The node's administrators see, on « Comptes », what the daily retention job will do next.
@Suite("Web site: account retention ahead")
struct AccountRetentionSiteTests {
    @Test func theAccountsPageSaysWhoWillBeDeactivatedWithinThirtyDays() async throws {
        let fixture = try SiteFixture()
        let day: TimeInterval = 86_400
        // Last seen 710 days ago: deactivated in 20 days unless the person signs in.
        _ = try fixture.node.accounts.add(
            email: "ancienne@college.example",
            name: "Ancienne Collègue",
            role: .professionnel,
            passwordHash: "x",
            now: fixture.clock.now().addingTimeInterval(-710 * day)
        )
        _ = try fixture.node.accounts.add(
            email: "recente@college.example",
            name: "Récente",
            role: .professionnel,
            passwordHash: "x",
            now: fixture.clock.now().addingTimeInterval(-100 * day)
        )
        try await fixture.test { client in
            let admin = try #require(try await Browser.login(client, email: "admin@college.example").1)
            let page = try await admin.get(client, "/comptes")
            #expect(page.text.contains("Un compte sans connexion pendant 2 ans est désactivé"))
            #expect(page.text.contains("ici 30 jours :"))
            #expect(page.text.contains("Ancienne Collègue (ancienne@college.example) sera désactivé"))
            #expect(!page.text.contains("Récente (recente@college.example) sera"))
            #expect(try fixture.node.accounts.account(email: "ancienne@college.example")?.isActive == true, "the page changes nothing")
        }
    }
}
