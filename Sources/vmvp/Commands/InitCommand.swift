import ArgumentParser
import Federation
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
    var name: String?

    @Option(help: "Secteur de la structure (voir la liste ci-dessous).")
    var sector: String?

    @Flag(help: "Crée le hub de la MDA (autorité de certification du réseau et point de synchronisation) au lieu d'un nœud de structure.")
    var hub = false

    @Option(name: .customLong("host"), help: "Hub : nom d'hôte ou adresse IP sous lesquels les nœuds le joignent (répéter l'option).")
    var hosts: [String] = ["localhost", "127.0.0.1", "::1"]

    @Option(name: .customLong("sub-type"), help: "Précision sur le type de structure, par exemple « PJJ — UEMO ».")
    var subType: String = ""

    @Option(help: "Commune de l'établissement principal, par exemple « Montpellier ».")
    var commune: String?

    @Option(help: "Courte description de la structure.")
    var description: String = ""

    func run() throws {
        guard let name = name ?? (hub ? "Maison des Adolescents de l'Hérault" : nil) else {
            throw StaffMessage("Préciser le nom de la structure avec --name.")
        }
        guard let sectorText = sector ?? (hub ? Sector.medicoSocial.rawValue : nil) else {
            throw StaffMessage("Préciser le secteur avec --sector. Valeurs possibles : \(Sector.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        guard let sector = Sector(rawValue: sectorText) else {
            throw StaffMessage("Secteur « \(sectorText) » inconnu. Valeurs possibles : \(Sector.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        let node: OpenNode
        if hub {
            let created = try HubSetup.create(at: data.path, name: name, sector: sector, hosts: hosts, description: description)
            node = created.hub
            let ca = created.ca
            Output.line("Hub créé dans \(node.directory.path)")
            Output.line("  Autorité de certification du réseau : empreinte \(ca.fingerprint)")
            Output.line("  Certificat du serveur pour : \(hosts.joined(separator: ", "))")
        } else {
            node = try NodeDirectory.create(
                at: data.path,
                profile: { signingKey, encryptionKey in
                    StructureProfile(
                        name: name,
                        sector: sector,
                        subType: subType,
                        establishments: commune.map { [.init(name: name, commune: $0)] } ?? [],
                        description: description,
                        signingKey: signingKey,
                        encryptionKey: encryptionKey
                    )
                }
            )
            Output.line("Nœud créé dans \(node.directory.path)")
        }
        Output.line("  Structure : \(name) (\(sector.label))")
        Output.line("  Identifiant de la structure : \(node.structureID)")
        Output.line("  Clé de signature : \(node.author.identity.keyID)")
    }
}
