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

/// The catalogue understands French word families, hides ended offers and favours no one.
@Suite("Catalogue search")
struct CatalogueSearchTests {
    @Test func wordsOfOneFamilyFindEachOtherAndExactWordsRankFirst() async throws {
        let fixture = try SiteFixture()
        // The sample offer says "pédopsychiatre"; another says "pédopsychiatrie" itself.
        let stemOnly = try fixture.publishedOffer()
        let exact = try fixture.publishedOffer([
            "establishment": .string("Maison des adolescents"), "observableMissions": .string("Consultations de pédopsychiatrie pour adolescents."),
        ])
        try await fixture.test { client in
            let pro = try #require(try await Browser.login(client, email: "professionnel@college.example").1)
            for query in ["pedopsychiatrie", "P%C3%A9dopsychiatrie", "p%C3%A9dopsychiatres"] {
                let page = try await pro.get(client, "/?q=\(query)").html
                #expect(page.contains("2 offres trouvées"), "\(query)")
                let first = try #require(page.range(of: "/offres/\(exact.header.record)"))
                let second = try #require(page.range(of: "/offres/\(stemOnly.header.record)"))
                #expect(first.lowerBound < second.lowerBound, "the offer with the word as typed comes first (\(query))")
            }
            #expect(try await pro.get(client, "/?q=%C3%A9ducatrice").html.contains("offre"), "a feminine form is searched by its family")
        }
    }

    @Test func offersWhoseEveryPeriodHasEndedAreHiddenUnlessAskedFor() async throws {
        let fixture = try SiteFixture()
        let old = try fixture.publishedOffer([
            "establishment": .string("Accueil d'autrefois"),
            "possiblePeriods": .array([.object(["from": .string("2020-01-06"), "to": .string("2020-01-31")])]),
        ])
        _ = try fixture.publishedOffer()
        try await fixture.test { client in
            let pro = try #require(try await Browser.login(client, email: "professionnel@college.example").1)
            let open = try await pro.get(client, "/").html
            #expect(open.contains("1 offre trouvée") && !open.contains("Accueil d&#39;autrefois"))
            let all = try await pro.get(client, "/?terminees=1").html
            #expect(all.contains("2 offres trouvées") && all.contains("Accueil d&#39;autrefois") && all.contains(">terminée</span>"))
            let none = try await pro.get(client, "/?q=autrefois").text
            #expect(none.contains("Aucune offre trouvée") && none.contains("Voir 1 offre terminée qui y correspond"))
            #expect(none.contains("/?q=autrefois&terminees=1"))
            #expect(try await pro.get(client, "/offres/\(old.header.record)").status == .ok, "an ended offer's page still opens")
        }
    }

    @Test func theViewersOwnOffersDoNotComeFirst() async throws {
        try await withPair { pair in
            // A publishes an offer later than B's, for a later period: B's comes first on A's site.
            let later = try pair.a.store.append(
                Offer.validated(Samples.offerJSON(commune: "Lodève", from: "2027-06-01", to: "2027-06-30")),
                as: pair.a.author
            )
            try await pair.sync()
            let sites = try TwoSites(pair: pair)
            try await sites.run { a, _, _ in
                let pro = try #require(try await Browser.login(a, email: "pro@a.example").1)
                let page = try await pro.get(a, "/").html
                let theirs = try #require(page.range(of: "/offres/\(try pair.offerOfB)"))
                let mine = try #require(page.range(of: "/offres/\(later.header.record)"))
                #expect(theirs.lowerBound < mine.lowerBound)
            }
        }
    }
}
