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

@Suite("French light stemmer: the fast path")
struct FrenchStemmerFastPathTests {
    /// Words with every accented letter and ligature of French, in both cases, and words the
    /// table does not know (they take the general path).
    static let text = """
        À l'École, Élise (éducatrice spécialisée) reçoit l'ÉLÈVE ; Noël, Hélène et Zoé lisent « Cœur d'Œdipe »
        à l'hôpital Saint-Éloi. Ça gère : naïveté, maïs, aïeul, Moïse, capharnaüm, Ÿ, ÿ, façade, çà et là,
        Æsope, nævus, Ève, Ô, ôté, où, Où, août, dû, mûre, Güell, piña, Niño, façonnées, rééducation,
        0-18 ans, 3e, CMP, ASE, PJJ, MDA, straße, ﬁn, Ａ, e\u{301}té, São, Øresund, ĳ, ß, Ĳssel
        """

    @Test func everyWordFoldsAndStemsAsTheGeneralPathDoes() {
        let words = FrenchStemmer.words(Self.text)
        #expect(words.count > 60)
        var fast = 0
        for word in words {
            if let folded = FrenchStemmer.asciiFolded(word) {
                fast += 1
                #expect(String(decoding: folded, as: UTF8.self) == FrenchStemmer.fold(word), "\(word)")
            }
            #expect(FrenchStemmer.stem(word) == FrenchStemmer.stemGeneral(word), "\(word)")
        }
        #expect(fast > 50)
        #expect(FrenchStemmer.asciiFolded("straße") == nil)
        #expect(FrenchStemmer.asciiFolded("e\u{301}té") == nil)
    }

    @Test func aTextIsStemmedAsItsWordsAre() {
        let general = { (text: String) in FrenchStemmer.words(text).map(FrenchStemmer.stemGeneral).joined(separator: " ") }
        let texts = [
            Self.text, "L’équipe « Maison des adolescents » — 12 € ; 3 × 4 = 12… © MDA 34\u{00A0}: ÉDUCATRICES, aïeux !",
            "e\u{301}te\u{301} (décomposé)", "Thumbs 👍🏽 up", "Chiffres ٣٤ et ½", "ﬁn de ligne\r\nsuite\tet\u{2028}fin",
        ]
        for text in texts { #expect(FrenchStemmer.stems(of: text) == general(text), "\(text)") }
        #expect(FrenchStemmer.foldedWords(texts[1]) != nil, "French typography keeps the fast path")
        #expect(FrenchStemmer.foldedWords(texts[2]) == nil && FrenchStemmer.foldedWords(texts[3]) == nil)
    }

    @Test func wordsAreSplitAsUnicodeSaysWhateverTheScript() {
        #expect(FrenchStemmer.words("l'élève\r\n(0-18)…Noël—ÇA ٣٤ ﬁn") == ["l", "élève", "0", "18", "Noël", "ÇA", "٣٤", "ﬁn"])
        let reference = Self.text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        #expect(FrenchStemmer.words(Self.text) == reference)
    }
}
