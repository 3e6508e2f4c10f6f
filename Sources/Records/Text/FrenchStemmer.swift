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
        // Nearly every word of the network's texts folds to ASCII through the table below; the
        // same steps on bytes cost a fraction of Foundation's folding and of `Character`s (the
        // stemmer was most of the cost of storing an offer). Anything else takes the general path.
        if let folded = asciiFolded(word) { return stemASCII(folded) }
        return stemGeneral(word)
    }

    /// The steps on `Character`s, for any word.
    static func stemGeneral(_ word: String) -> String {
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
        if let folded = foldedWords(text) { return folded.map(stemASCII).joined(separator: " ") }
        return words(text).map(stem).joined(separator: " ")
    }

    /// The words of `text`, each as `asciiFolded` makes it, read scalar by scalar; nil when the
    /// text holds a scalar that could make `Character`s split otherwise (a combining mark, a
    /// joiner, a modifier, a digit of another script) or one the fold table does not know.
    static func foldedWords(_ text: String) -> [[UInt8]]? {
        var words: [[UInt8]] = []
        var current: [UInt8] = []
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 128 {
                let b = UInt8(v)
                if (b >= 48 && b <= 57) || (b >= 97 && b <= 122) {
                    current.append(b)
                    continue
                }
                if b >= 65 && b <= 90 {
                    current.append(b + 32)
                    continue
                }
            } else if let folded = latinFold[v] {
                current += folded
                continue
            } else {
                switch scalar.properties.generalCategory {
                case .spaceSeparator, .lineSeparator, .paragraphSeparator, .connectorPunctuation, .dashPunctuation, .openPunctuation,
                    .closePunctuation, .initialPunctuation, .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol, .otherSymbol:
                    break
                default:
                    return nil
                }
            }
            if !current.isEmpty {
                words.append(current)
                current = []
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// The words of a text: runs of letters and digits.
    public static func words(_ text: String) -> [String] {
        text.split(whereSeparator: isSeparator).map(String.init)
    }

    /// Not a letter nor a digit; ASCII is decided without Unicode's property tables.
    static func isSeparator(_ c: Character) -> Bool {
        if let a = c.asciiValue { return !((a >= 48 && a <= 57) || (a >= 65 && a <= 90) || (a >= 97 && a <= 122)) }
        return !c.isLetter && !c.isNumber
    }

    /// `fold(word)` as ASCII bytes, when every scalar is ASCII or one of French's accented
    /// letters and ligatures; nil otherwise (the general path then decides).
    static func asciiFolded(_ word: String) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(word.utf8.count)
        for scalar in word.unicodeScalars {
            let v = scalar.value
            if v < 128 {
                let b = UInt8(v)
                out.append(b >= 65 && b <= 90 ? b + 32 : b)
            } else if let folded = latinFold[v] {
                out += folded
            } else {
                return nil
            }
        }
        return out
    }

    /// Latin-1 and French letters, either case, to what `fold` makes of them.
    static let latinFold: [UInt32: [UInt8]] = {
        var table: [UInt32: [UInt8]] = [:]
        let groups: [(String, String)] = [
            ("àáâãäåÀÁÂÃÄÅ", "a"), ("çÇ", "c"), ("èéêëÈÉÊË", "e"), ("ìíîïÌÍÎÏ", "i"), ("ñÑ", "n"),
            ("òóôõöÒÓÔÕÖ", "o"), ("ùúûüÙÚÛÜ", "u"), ("ýÿÝŸ", "y"), ("œŒ", "oe"), ("æÆ", "ae"),
        ]
        for (letters, folded) in groups {
            for scalar in letters.unicodeScalars { table[scalar.value] = Array(folded.utf8) }
        }
        return table
    }()

    /// The steps of `stem` on a folded ASCII word.
    static func stemASCII(_ word: [UInt8]) -> String {
        var s = word
        guard s.count > 3, s.allSatisfy({ $0 >= 97 && $0 <= 122 }) else { return String(decoding: s, as: UTF8.self) }
        func ends(_ suffix: [UInt8]) -> Bool { s.count >= suffix.count && s[(s.count - suffix.count)...].elementsEqual(suffix) }
        let (e, sLetter, x) = (UInt8(ascii: "e"), UInt8(ascii: "s"), UInt8(ascii: "x"))

        if s.count > 5, ends(ASCII.aux), s[s.count - 4] != e {
            s.removeLast(3)
            s += ASCII.al
        } else if s.count > 4, s.last == sLetter || s.last == x {
            s.removeLast()
        }
        for (suffix, root) in asciiFamilySuffixes where s.count - suffix.count >= 3 && ends(suffix) {
            s.removeLast(suffix.count)
            s += root
            break
        }
        if s.count > 5, ends(ASCII.ie) { s.removeLast(2) }
        if s.count > 5, ends(ASCII.er) { s.removeLast(2) }
        for _ in 0..<2 where s.count > 4 && s.last == e { s.removeLast() }

        var collapsed: [UInt8] = []
        collapsed.reserveCapacity(s.count)
        for c in s where c != collapsed.last { collapsed.append(c) }
        return String(decoding: collapsed, as: UTF8.self)
    }

    enum ASCII {
        static let aux = Array("aux".utf8), al = Array("al".utf8), ie = Array("ie".utf8), er = Array("er".utf8)
    }

    static let asciiFamilySuffixes: [([UInt8], [UInt8])] = familySuffixes.map { (Array($0.0.utf8), Array($0.1.utf8)) }

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
