import HummingbirdBcrypt
import Records

/// What a password chosen by a person must be, and how it is kept (bcrypt).
public enum PasswordPolicy {
    public static let minimumLength = 12
    /// bcrypt reads 72 bytes at most: a longer password would be cut without a word.
    public static let maximumBytes = 72
    /// A common password followed by digits or signs is refused when it makes up this share of it at least.
    static let commonShare = 0.5

    /// The common-password list (`common-passwords.txt`, embedded in the binary), lower case.
    static let common: Set<String> = Set(
        String(decoding: PackageResources.common_passwords_txt, as: UTF8.self)
            .split(separator: "\n")
            .filter { !$0.hasPrefix("#") }
            .map(String.init)
    )

    /// Why `password` cannot be used, as the end of a sentence ("Mot de passe : …"), or nil when it can.
    public static func problem(_ password: String) -> String? {
        if password.isEmpty { return "champ obligatoire." }
        if password.count < minimumLength {
            return "il faut au moins \(minimumLength) caractères (celui-ci en a \(password.count))."
        }
        if password.utf8.count > maximumBytes {
            return "\(maximumBytes) caractères au plus (une lettre accentuée compte pour deux)."
        }
        let plain = String(password.lowercased().filter { !$0.isWhitespace && !"-_.".contains($0) })
        if common.contains(plain) || common.contains(password.lowercased()) {
            return
                "ce mot de passe fait partie des plus utilisés, ceux que l'on essaie en premier pour entrer dans un compte ; choisissez-en un autre, par exemple une phrase de plusieurs mots."
        }
        let core = plain.trimmingCharacters(in: { !$0.isLetter })
        if core.count >= 4, Double(core.count) >= Double(plain.count) * commonShare, common.contains(core) {
            return
                "c'est un mot de passe très courant entouré de chiffres ou de signes, facile à deviner ; choisissez-en un autre, par exemple une phrase de plusieurs mots."
        }
        if isRepetition(plain) {
            return "c'est une même suite de caractères répétée, facile à deviner ; choisissez-en un autre."
        }
        return nil
    }

    /// "abcabcabcabc", "jetaimejetaime": one unit repeated.
    static func isRepetition(_ text: String) -> Bool {
        let characters = Array(text)
        guard characters.count > 1 else { return false }
        for unit in 1...(characters.count / 2) where characters.count % unit == 0 {
            if (unit..<characters.count).allSatisfy({ characters[$0] == characters[$0 % unit] }) { return true }
        }
        return false
    }

    public static func hash(_ password: String, cost: UInt8) -> String { Bcrypt.hash(password, cost: cost) }

    public static func verify(_ password: String, hash: String) -> Bool { Bcrypt.verify(password, hash: hash) }
}

extension String {
    /// Drops characters from both ends while `drop` holds.
    fileprivate func trimmingCharacters(in drop: (Character) -> Bool) -> String {
        guard let first = firstIndex(where: { !drop($0) }), let last = lastIndex(where: { !drop($0) }) else { return "" }
        return String(self[first...last])
    }
}
