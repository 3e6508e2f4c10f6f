import Records

/// The référentiel as plain French text, the way the MDA reads and edits it: five sections,
/// each under a line "# <title>"; the first two are paragraphs, the other three lists of
/// lines starting with "- ". The software's default is such a file
/// (`Texts/referentiel.txt`); the hub's form edits each section in its own box.
public enum FrameworkText {
    /// The sections, in order, by their heading.
    public static let headings = ["Finalité", "Préparation", "Grille d'observation", "Accueil", "Débriefing"]

    /// The référentiel the software ships, used until the hub publishes one.
    public static let standard: ExchangeFramework = {
        guard let framework = try? parse(Texts.read(PackageResources.referentiel_txt)) else {
            preconditionFailure("Texts/referentiel.txt does not read as a référentiel")
        }
        return framework
    }()

    /// Reads the text form; a missing section or list is refused with the record's own messages.
    public static func parse(_ text: String) throws -> ExchangeFramework {
        var sections: [String: [String]] = [:]
        var current: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if line.hasPrefix("# ") {
                current = String(line.dropFirst(2))
            } else if let current, !line.isEmpty {
                sections[current, default: []].append(line)
            }
        }
        return try ExchangeFramework(
            purpose: (sections["Finalité"] ?? []).joined(separator: "\n"),
            preparation: (sections["Préparation"] ?? []).joined(separator: "\n"),
            observationGrid: items(sections["Grille d'observation"]),
            welcomeChecklist: items(sections["Accueil"]),
            debriefQuestions: items(sections["Débriefing"])
        ).validated()
    }

    /// One item per line, with or without its "- ".
    public static func items(_ lines: [String]?) -> [String] {
        (lines ?? []).map { $0.hasPrefix("- ") ? String($0.dropFirst(2)) : $0 }.map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    /// The text form of a référentiel (what `parse` reads back).
    public static func render(_ framework: ExchangeFramework) -> String {
        [
            "# Finalité", framework.purpose, "# Préparation", framework.preparation,
            "# Grille d'observation", framework.observationGrid.map { "- \($0)" }.joined(separator: "\n"),
            "# Accueil", framework.welcomeChecklist.map { "- \($0)" }.joined(separator: "\n"),
            "# Débriefing", framework.debriefQuestions.map { "- \($0)" }.joined(separator: "\n"),
        ].joined(separator: "\n")
    }
}
