import Testing

@testable import Geography

@Suite struct HeraultCommunesTests {
    @Test func theOfficialListHoldsEveryCommuneOfTheHerault() throws {
        let communes = HeraultCommunes.all
        #expect(communes.count == 341)
        #expect(Set(communes.map(\.code)).count == 341)
        #expect(communes.allSatisfy { $0.code.hasPrefix("34") && $0.code.count == 5 })
        #expect(communes.allSatisfy { !$0.outline.isEmpty && $0.outline.allSatisfy { $0.count >= 3 } })
        #expect(communes.allSatisfy { !$0.postalCodes.isEmpty && $0.population > 0 })
        let montpellier = try #require(HeraultCommunes.code("34172"))
        #expect(montpellier.name == "Montpellier")
        #expect(montpellier.postalCodes.contains("34000"))
    }

    @Test func aFormerCommuneLeadsToTheCommuneItNowBelongsTo() throws {
        let delegated = HeraultCommunes.parse(String(decoding: PackageResources.herault_communes_txt, as: UTF8.self)).delegated
        #expect(!delegated.isEmpty)
        for (name, parent) in delegated {
            #expect(HeraultCommunes.named(name)?.code == parent, "\(name)")
        }
    }

    @Test(arguments: [
        ("Béziers", "Béziers"), ("beziers", "Béziers"), ("BEZIERS", "Béziers"), ("Sète", "Sète"), ("sete", "Sète"),
        ("Clermont-l'Hérault", "Clermont-l'Hérault"), ("clermont l herault", "Clermont-l'Hérault"), ("Clermont l’Hérault", "Clermont-l'Hérault"),
        ("Lodève", "Lodève"), ("Frontignan", "Frontignan"), ("Lunel", "Lunel"), ("Montpellier", "Montpellier"),
        ("st jean de vedas", "Saint-Jean-de-Védas"), ("Saint Pons de Thomières", "Saint-Pons-de-Thomières"), ("la grande motte", "La Grande-Motte"),
    ])
    func namesAreFoundWhateverTheAccentsCaseOrHyphens(typed: String, official: String) {
        #expect(HeraultCommunes.named(typed)?.name == official)
    }

    @Test func anUnknownCommuneGetsTheClosestOfficialNames() {
        #expect(HeraultCommunes.named("Béziere") == nil)
        #expect(HeraultCommunes.suggestions(for: "Béziere").first == "Béziers")
        #expect(HeraultCommunes.suggestions(for: "Montpelier").first == "Montpellier")
        #expect(HeraultCommunes.suggestions(for: "clermont").contains("Clermont-l'Hérault"))
        #expect(HeraultCommunes.named("Nîmes") == nil)
        #expect(HeraultCommunes.suggestions(for: "Nîmes").count == 3)
        #expect(HeraultCommunes.suggestions(for: "  ").isEmpty)
    }

    @Test func distancesRunBetweenTownHalls() throws {
        let montpellier = try #require(HeraultCommunes.named("Montpellier"))
        let beziers = try #require(HeraultCommunes.named("Béziers"))
        let distance = montpellier.distance(to: beziers)
        #expect(distance > 55 && distance < 65)
        #expect(montpellier.distance(to: montpellier) == 0)
    }

    @Test func theMapPutsMontpellierEastOfBeziersAndNorthOfSete() throws {
        let frame = MapFrame(width: 640)
        let montpellier = frame.point(try #require(HeraultCommunes.named("Montpellier")).townHall)
        let beziers = frame.point(try #require(HeraultCommunes.named("Béziers")).townHall)
        let sete = frame.point(try #require(HeraultCommunes.named("Sète")).townHall)
        #expect(montpellier.x > beziers.x)
        #expect(montpellier.y < sete.y)  // y grows southwards
        // Every outline fits in the frame.
        for commune in HeraultCommunes.all {
            for point in commune.outline.flatMap({ $0 }).map(frame.point) {
                #expect(point.x >= 0 && point.x <= frame.width && point.y >= 0 && point.y <= frame.height)
            }
        }
        // The département is wider than tall, about 150 km by 100 km.
        #expect(frame.height > 300 && frame.height < 520)
        #expect(frame.path(try #require(HeraultCommunes.named("Sète"))).hasPrefix("M"))
    }
}
