import Foundation

/// How people type a commune's name, reduced to one comparable key: case, accents, hyphens
/// and apostrophes do not matter, and "St"/"Ste" stand for "Saint"/"Sainte".
/// "ST JEAN de vedas" and "Saint-Jean-de-Védas" have the same key.
enum CommuneName {
    static func key(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR")).lowercased()
        var words: [Substring] = []
        for word in folded.split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
            switch word {
            case "st": words.append("saint")
            case "ste": words.append("sainte")
            default: words.append(word)
            }
        }
        return words.joined(separator: " ")
    }

    /// Edit distance between two keys (Levenshtein), to suggest names close to a misspelling.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
