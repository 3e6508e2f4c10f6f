import ArgumentParser
import Records
import Storage

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Crée le nœud d'une structure : dossier, base de données, clés et fiche de la structure.",
        discussion: "Secteurs possibles : \(Sector.allCases.map { "\($0.rawValue) (\($0.label))" }.joined(separator: ", "))."
    )

    @OptionGroup var data: DataOptions

    @Option(help: "Nom de la structure, par exemple « CMP infanto-juvénile de Béziers ».")
    var name: String

    @Option(help: "Secteur de la structure (voir la liste ci-dessous).")
    var sector: String

    @Option(name: .customLong("sub-type"), help: "Précision sur le type de structure, par exemple « PJJ — UEMO ».")
    var subType: String = ""

    @Option(help: "Commune de l'établissement principal, par exemple « Montpellier ».")
    var commune: String?

    @Option(help: "Courte description de la structure.")
    var description: String = ""

    func run() throws {
        guard let sector = Sector(rawValue: sector) else {
            throw StaffMessage("Secteur « \(self.sector) » inconnu. Valeurs possibles : \(Sector.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        let node = try NodeDirectory.create(at: data.path, profile: { signingKey, encryptionKey in
            StructureProfile(name: name, sector: sector, subType: subType,
                             establishments: commune.map { [.init(name: name, commune: $0)] } ?? [],
                             description: description, signingKey: signingKey, encryptionKey: encryptionKey)
        })
        Output.line("Nœud créé dans \(node.directory.path)")
        Output.line("  Structure : \(name) (\(sector.label))")
        Output.line("  Identifiant de la structure : \(node.structureID)")
        Output.line("  Clé de signature : \(node.author.identity.keyID)")
    }
}
