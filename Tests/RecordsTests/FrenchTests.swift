import Testing

@testable import Records

@Suite("French wording")
struct FrenchTests {
    @Test func datesWriteTheFirstOfTheMonthAs1er() {
        #expect(French.date(Day("2027-04-01")!) == "1er avril 2027")
        #expect(French.date(Day("2027-03-03")!) == "3 mars 2027")
        #expect(French.dates(Period(from: Day("2027-03-03")!, to: Day("2027-03-03")!)) == "le 3 mars 2027")
        #expect(French.dates(Period(from: Day("2027-03-03")!, to: Day("2027-03-05")!)) == "du 3 mars 2027 au 5 mars 2027")
        #expect(French.month("2027-08") == "août 2027")
        #expect(French.month("pas un mois") == "pas un mois")
    }

    @Test func countsAgreeWithTheirNoun() {
        #expect(French.count(0, "offre") == "0 offre")
        #expect(French.count(1, "offre") == "1 offre")
        #expect(French.count(3, "offre") == "3 offres")
        #expect(French.count(2, "demi-journée", "demi-journées") == "2 demi-journées")
        #expect(French.days(1) == "1 jour")
        #expect(French.capacity(1) == "1 personne accueillie par période")
        #expect(French.capacity(2) == "2 personnes accueillies par période")
    }

    @Test func halfDaysReadAsDays() {
        #expect(French.halfDays(1) == "1 demi-journée (une demi-journée)")
        #expect(French.halfDays(3) == "3 demi-journées (1 jour et demi)")
        #expect(French.halfDays(5) == "5 demi-journées (2 jours et demi)")
        #expect(French.halfDays(4) == "4 demi-journées (2 jours)")
    }

    @Test func numbersUseTheFrenchComma() {
        #expect(French.decimalDays(1.5) == "1,5 jour")
        #expect(French.decimalDays(3) == "3,0 jours")
        #expect(French.percent(0.416) == "42 %")
        #expect(French.capitalized("la structure") == "La structure")
    }
}

@Suite("Structure names in sentences")
struct StructureNameTests {
    @Test func articlesContractAndElide() {
        let cmp = StructureName("CMP infanto-juvénile de Béziers", article: .le)
        #expect(cmp.the == "le CMP infanto-juvénile de Béziers" && cmp.of == "du CMP infanto-juvénile de Béziers")
        #expect(cmp.at == "chez le CMP infanto-juvénile de Béziers" && cmp.by == "par le CMP infanto-juvénile de Béziers")
        let uemo = StructureName("UEMO de Montpellier", article: .elided)
        #expect(uemo.the == "l'UEMO de Montpellier" && uemo.of == "de l'UEMO de Montpellier")
        let ml = StructureName("Mission locale", article: .la)
        #expect(ml.of == "de la Mission locale" && ml.at == "chez la Mission locale")
        #expect(StructureName("Foyers du Biterrois", article: .les).of == "des Foyers du Biterrois")
        #expect(StructureName("Agde Solidarités").of == "d'Agde Solidarités" && StructureName("Collège Paul Valéry").of == "de Collège Paul Valéry")
        #expect(StructureName.unknown.of == "d'une structure du réseau")
    }

    @Test func aProfileKeepsItsArticleAndOlderProfilesHaveNone() throws {
        let keys = (Base64.encode(SigningIdentity().publicKey), Base64.encode(EncryptionIdentity().publicKey))
        let profile = StructureProfile(name: "UEMO", article: .elided, sector: .judiciaire, signingKey: keys.0, encryptionKey: keys.1)
        #expect(try StructureProfile.validated(profile.json).article == .elided)
        var older = profile
        older.article = .none
        #expect(older.json["article"] == nil, "a profile without article is written as before")
        #expect(try StructureProfile.validated(older.json).article == StructureProfile.Article.none)
        guard case .object(var o) = profile.json else { return }
        o["article"] = .string("lez")
        #expect(throws: ValidationError.self) { try StructureProfile.validated(.object(o)) }
    }

    @Test func dateTimesSayTheirZoneAndTheUTCTimeOfTheLogs() throws {
        let winter = try #require(Timestamp("2026-12-06T13:05:00.000Z"))
        #expect(French.dateTimeWithZone(winter) == "6 décembre 2026 à 14:05, heure de Paris (13:05 UTC)")
        let summer = try #require(Timestamp("2027-07-01T08:30:00.000Z"))
        #expect(French.dateTimeWithZone(summer) == "1er juillet 2027 à 10:30, heure de Paris (08:30 UTC)")
    }

    @Test func recordKindsInFrench() {
        #expect(French.recordKind(.offer) == "offre")
        #expect(French.recordKind(RecordType(rawValue: "convention_signature")) == "signature de convention")
        #expect(French.recordKind(RecordType(rawValue: "future_kind")) == "enregistrement « future_kind »")
    }
}
