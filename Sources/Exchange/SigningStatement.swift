import Records

/// What a signatory declares when signing a convention version: shown to them in full before
/// they confirm, and the capacity it names is written into their signature record.
public struct SigningStatement: Sendable, Equatable {
    public let signer: String
    public let capacity: String
    public let text: String

    /// `version`: the number of the convention version signed (from 1).
    public init(signer: String, party: ConventionSignature.Party, convention: Convention, version: Int) {
        self.signer = signer
        capacity = Self.capacity(party, convention: convention)
        let principles = Self.principleTitles(convention.principles)
        let commitment =
            principles.isEmpty
            ? "m'engage à en respecter les principes éthiques"
            : "m'engage à en respecter les principes : \(principles.joined(separator: ", "))"
        text = "Je soussigné·e \(signer), \(capacity), ai pris connaissance de la convention d'immersion (version \(version)) et \(commitment)."
    }

    /// In which capacity a party signs.
    public static func capacity(_ party: ConventionSignature.Party, convention: Convention) -> String {
        switch party {
        case .visitor:
            convention.visitor.role.isEmpty ? "personne accueillie" : "\(convention.visitor.role), personne accueillie"
        case .employer: "référent·e Vis ma vie pro de \(convention.employer.structure), pour l'employeur et son service des ressources humaines"
        case .host: "référent·e Vis ma vie pro de \(convention.host.structure), pour la structure d'accueil"
        }
    }

    /// The principles' short names, lower-cased ("confidentialité et secret professionnel",
    /// "discrétion", …), read from numbered lines "1. Name : explanation".
    public static func principleTitles(_ principles: String) -> [String] {
        principles.split(whereSeparator: \.isNewline).compactMap { line in
            let text = line.trimmingPrefix(while: { $0.isNumber || $0 == "." || $0 == " " })
            guard text.count < line.count, let colon = text.range(of: " :") else { return nil }
            let title = text[..<colon.lowerBound].trimmingCharacters(in: .whitespaces)
            return title.isEmpty ? nil : title.prefix(1).lowercased() + title.dropFirst()
        }
    }
}
