import Foundation

/// A light French stemmer for the catalogue search, so that the words of one family find each
/// other: "pédopsychiatrie" and "pédopsychiatre", "éducateur", "éducatrice", "éducatif" and
/// "éducation", "infirmier" and "infirmières".
///
/// No Swift library stems French, so this is a small one, written for this project after the
/// "light" approach of Jacques Savoy (*A stemming procedure and stopword list for general French
/// corpora*, JASIS 50(10), 1999), which Lucene's `FrenchLightStemFilter` also follows: remove
/// plural and feminine endings and a few frequent derivational suffixes, never more, so that
/// unrelated words are rarely merged. Accents are removed first (the search ignores them) and
/// doubled letters are collapsed ("professionnelle" → "profesionel").
///
/// The steps, in order, on a lower-cased word without accents, each applied only when the word
/// keeps enough letters to remain a word:
/// 1. plural: "-aux" → "-al" (sociaux → social), then a final "-s" or "-x" goes;
/// 2. the first matching family suffix is replaced by its root: "-atrice", "-ateur", "-ation",
///    "-atif", "-ative" → "-at"; "-trice", "-teuse", "-teur" → "-t"; "-euse" → "-eur";
///    "-ologue", "-ologie", "-ologique" → "-olog"; "-ique" and "-ement" go; "-iere", "-ere" → "-ier", "-er";
///    "-elle" → "-el"; "-enne" → "-en"; "-ive" → "-if";
/// 3. endings: "-ie", then "-er", then a final "-e" (twice: "-ée") go;
/// 4. doubled letters collapse.
public enum FrenchStemmer {
    /// The stem of one word (a word with non-letters is returned lower-cased and unaccented).
    public static func stem(_ word: String) -> String {
        var s = Array(fold(word))
        guard s.count > 3, s.allSatisfy(\.isLetter) else { return String(s) }

        // 1. Plural.
        if s.count > 5, ends(s, "aux"), s[s.count - 4] != "e" {
            s.removeLast(3)
            s += Array("al")
        } else if s.count > 4, s.last == "s" || s.last == "x" {
            s.removeLast()
        }

        // 2. One family suffix, the longest first.
        for (suffix, root) in familySuffixes where s.count - suffix.count >= 3 && ends(s, suffix) {
            s.removeLast(suffix.count)
            s += Array(root)
            break
        }

        // 3. Endings that vary inside a family.
        if s.count > 5, ends(s, "ie") { s.removeLast(2) }
        if s.count > 5, ends(s, "er") { s.removeLast(2) }
        // Twice: a feminine past participle ends in "-ee" ("handicapée").
        for _ in 0..<2 where s.count > 4 && s.last == "e" { s.removeLast() }

        // 4. Doubled letters.
        var collapsed: [Character] = []
        for c in s where c != collapsed.last { collapsed.append(c) }
        return String(collapsed)
    }

    /// Every word of `text`, stemmed, separated by spaces (what the search indexes).
    public static func stems(of text: String) -> String {
        words(text).map(stem).joined(separator: " ")
    }

    /// The words of a text: runs of letters and digits.
    public static func words(_ text: String) -> [String] {
        text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
    }

    /// Lower case, without accents or ligatures ("Élève" → "eleve", "cœur" → "coeur").
    static func fold(_ word: String) -> String {
        word.lowercased().replacingOccurrences(of: "œ", with: "oe").replacingOccurrences(of: "æ", with: "ae")
            .folding(options: [.diacriticInsensitive], locale: Locale(identifier: "fr_FR"))
    }

    static func ends(_ s: [Character], _ suffix: String) -> Bool {
        let tail = Array(suffix)
        return s.count >= tail.count && Array(s.suffix(tail.count)) == tail
    }

    /// (suffix, what replaces it), longest first so that "-atrice" wins over "-trice".
    static let familySuffixes: [(String, String)] = [
        ("ologique", "olog"), ("atrice", "at"), ("ateur", "at"), ("ation", "at"), ("ative", "at"), ("ologue", "olog"),
        ("ologie", "olog"), ("trice", "t"), ("teuse", "t"), ("ement", ""), ("atif", "at"), ("teur", "t"), ("euse", "eur"),
        ("ique", ""), ("iere", "ier"), ("elle", "el"), ("enne", "en"), ("ere", "er"), ("ive", "if"),
    ]
}
