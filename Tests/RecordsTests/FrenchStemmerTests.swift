import Testing

@testable import Records

@Suite("French light stemmer")
struct FrenchStemmerTests {
    /// Word families of the network's vocabulary: each family shares one stem.
    static let families: [[String]] = [
        ["pédopsychiatrie", "pédopsychiatre", "pédopsychiatres", "Pédopsychiatrie"],
        ["éducateur", "éducatrice", "éducateurs", "éducatrices", "éducatif", "éducative", "éducatives", "éducation"],
        ["infirmier", "infirmière", "infirmiers", "infirmières"],
        ["psychologue", "psychologues", "psychologie", "psychologique"],
        ["social", "sociale", "sociaux", "sociales"],
        ["conseiller", "conseillère", "conseillers", "conseillères"],
        ["professionnel", "professionnelle", "professionnels", "professionnelles"],
        ["animateur", "animatrice", "animation", "animations"],
        ["directeur", "directrice", "directeurs"],
        ["accompagnement", "accompagnements", "accompagner"],
        ["adolescent", "adolescents", "adolescente", "adolescentes"],
        ["judiciaire", "judiciaires"],
        ["scolaire", "scolaires"],
        ["handicap", "handicapé", "handicapée", "handicapés"],
        ["jeune", "jeunes"],
        ["médical", "médicaux", "médicale"],
    ]

    @Test(arguments: families) func aFamilySharesOneStem(_ family: [String]) {
        let stems = Set(family.map(FrenchStemmer.stem))
        #expect(stems.count == 1, "\(family) → \(stems.sorted())")
    }

    @Test func differentWordsStayApart() {
        let distinct = ["pédopsychiatre", "psychologue", "éducateur", "infirmier", "collège", "soin", "insertion", "justice", "famille", "culture"]
        #expect(Set(distinct.map(FrenchStemmer.stem)).count == distinct.count)
        #expect(FrenchStemmer.stem("bureaux") != FrenchStemmer.stem("bural"), "-eaux is not -aux")
    }

    @Test func shortWordsAndAcronymsAreOnlyFolded() {
        #expect(FrenchStemmer.stem("CMP") == "cmp")
        #expect(FrenchStemmer.stem("ASE") == "ase")
        #expect(FrenchStemmer.stem("été") == "ete")
        #expect(FrenchStemmer.stem("0-18") == "0-18")
        #expect(FrenchStemmer.stems(of: "Soins psychiques, 0-18 ans") == "soin psych 0 18 ans")
    }
}
