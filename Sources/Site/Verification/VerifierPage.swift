import Exchange
import Records

/// The hub's public page where anyone (an HR officer) checks an attestation credential.
struct VerifierPage: PageModel {
    static let template = "verifier"

    struct Fact: Sendable {
        let label: String
        let value: String
    }

    struct Verdict: Sendable {
        let authentic: Bool
        let headline: String
        let facts: [Fact]
    }

    let maxKilobytes: Int
    let verdict: Verdict?
    var hasFormErrors: Bool { verdict.map { !$0.authentic } ?? false }

    init(verdict: Verdict? = nil) {
        maxKilobytes = CredentialCheck.maxBytes / 1024
        self.verdict = verdict
    }

    init(verified: CredentialCheck.Verified, names: [String: StructureName]) {
        self.init(
            verdict: Verdict(
                authentic: true,
                headline: verified.headline(names: names),
                facts: verified.facts(names: names).map { Fact(label: $0.label, value: $0.value) }
            )
        )
    }

    init(refusal: CredentialRefusal) {
        self.init(verdict: Verdict(authentic: false, headline: "Attestation non reconnue : \(refusal.reason)", facts: []))
    }

    static let empty = CredentialRefusal(.malformed, "aucun fichier ni texte reçu : choisissez le fichier .jwt, ou collez son contenu.")
}
