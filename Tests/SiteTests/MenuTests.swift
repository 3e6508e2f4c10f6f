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

/// The site steers each person to their work.
@Suite("Menus and landing", .serialized)
struct MenuTests {
    @Test func aReferentWithWorkWaitingLandsOnItAndTheMenuCountsIt() async throws {
        try await withPair { pair in
            let sites = try TwoSites(pair: pair)
            try await sites.run { a, b, _ in
                let (nothing, _) = try await Browser.login(b, email: "ref@b.example")
                #expect(nothing.location == "/", "nothing waits: the catalogue")
                let visitor = try #require(try await Browser.login(a, email: "pro@a.example").1)
                _ = try await DecisionTests.sendRequest(pair, a, visitor)
                let (response, host) = try await Browser.login(b, email: "ref@b.example")
                #expect(response.location == "/a-traiter", "a request waits: straight to « À traiter »")
                let page = try await #require(host).get(b, "/a-traiter").html
                #expect(page.contains("<a href=\"/a-traiter\" aria-current=\"page\">À traiter (1)</a>"))
                #expect(page.components(separatedBy: "aria-current").count - 1 == 2, "one current entry in each copy of the menu")
                #expect(page.contains("<a href=\"/\">Offres d&#39;accueil</a>"), "other entries are not current")
                #expect(page.contains("<details class=\"menu-narrow\">"), "the menu folds on small screens, without script")
            }
        }
    }

    @Test func theMDAsStaffSeeAMenuMadeForThem() {
        let hub = Menu.items(role: .admin, isHub: true, path: "/pilotage", toDo: 0).map(\.label)
        #expect(hub.prefix(3) == ["Pilotage", "Échanges suggérés", "Réseau"])
        #expect(!hub.contains("Proposer un accueil") && !hub.contains("Immersions"))
        let referent = Menu.items(role: .referent, isHub: false, path: "/offres/nouvelle", toDo: 2)
        #expect(referent.map(\.label).contains("Proposer un accueil") && referent.map(\.label).contains("À traiter (2)"))
        #expect(referent.filter(\.current).map(\.label) == ["Proposer un accueil"])
        let pro = Menu.items(role: .professionnel, isHub: false, path: "/immersions/123", toDo: 0)
        #expect(pro.filter(\.current).map(\.label) == ["Immersions"] && !pro.map(\.label).contains("Échanges suggérés"))
    }
}
