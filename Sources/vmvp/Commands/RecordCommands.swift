import ArgumentParser
import Records
import Storage

/// Reads, validates and signs a record body from a JSON file; nothing is stored if anything is wrong.
func appendFromFile<Body: RecordBody>(_ type: Body.Type, file: String, replacing record: String?, data: DataOptions) throws -> Envelope {
    let node = try data.openNode()
    let bytes = try readInputFile(file)
    let json: JSONValue
    do { json = try JSONParser.parse(bytes) } catch {
        throw StaffMessage("Le fichier « \(file) » n'est pas un JSON valide : \(error.description)")
    }
    let body: Body
    do { body = try Body.validated(json) } catch {
        throw StaffMessage("Rien n'a été enregistré. \(error.description)")
    }
    return try node.store.append(body, record: record, as: node.author)
}

struct OfferCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "offer",
        abstract: "Offres d'accueil (« Fiche offre accueil ») de la structure.",
        subcommands: [Add.self, Update.self, Retract.self, List.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Vérifie, signe et enregistre une offre d'accueil décrite dans un fichier JSON.",
            discussion:
                "Champs : \(Offer.fieldLabels.map { "\($0.key) (\($0.label))" }.joined(separator: ", ")). Voir protocol/schemas/offer.schema.json."
        )
        @OptionGroup var data: DataOptions
        @Option(help: "Fichier JSON de l'offre (« - » pour l'entrée standard).") var file: String

        func run() throws {
            let envelope = try appendFromFile(Offer.self, file: file, replacing: nil, data: data)
            Output.line("Offre enregistrée et signée : \(envelope.header.record) (n° \(envelope.header.seq) du journal).")
        }
    }

    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enregistre une nouvelle version signée d'une offre de la structure.")
        @OptionGroup var data: DataOptions
        @Option(help: "Identifiant de l'offre à remplacer.") var record: String
        @Option(help: "Fichier JSON de la nouvelle version.") var file: String

        func run() throws {
            let envelope = try appendFromFile(Offer.self, file: file, replacing: record, data: data)
            Output.line("Nouvelle version de l'offre \(record) enregistrée (n° \(envelope.header.seq) du journal).")
        }
    }

    struct Retract: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Retire une offre de la structure (elle disparaît du catalogue).")
        @OptionGroup var data: DataOptions
        @Argument(help: "Identifiant de l'offre.") var record: String
        @Option(help: "Raison du retrait.") var reason: String = ""

        func run() throws {
            let node = try data.openNode()
            try node.store.retract(record, reason: reason, as: node.author)
            Output.line("Offre \(record) retirée.")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Liste les offres de la structure.")
        @OptionGroup var data: DataOptions

        func run() throws {
            let node = try data.openNode()
            let records = try node.store.currentRecords(type: .offer, origin: node.structureID)
            if records.isEmpty {
                Output.line("Aucune offre pour l'instant. Ajouter une offre : vmvp offer add --file offre.json")
                return
            }
            Output.line("\(French.count(records.count, "offre")) :")
            for record in records {
                let offer = try record.decode(Offer.self)
                Output.line("- \(record.record) [\(offer.status.label)] \(offer.establishment), \(offer.commune) — \(describe(offer))")
            }
        }
    }
}

func describe(_ offer: Offer) -> String {
    let periods = French.periods(offer.possiblePeriods)
    return "\(French.halfDays(offer.durationHalfDays)), \(French.count(offer.capacity, "place")) par période, \(periods)"
}

struct DemandCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demand",
        abstract: "Demandes de découverte des professionnels de la structure.",
        subcommands: [Add.self, List.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Vérifie, signe et enregistre une demande de découverte décrite dans un fichier JSON.",
            discussion:
                "Champs : \(Demand.fieldLabels.map { "\($0.key) (\($0.label))" }.joined(separator: ", ")). Voir protocol/schemas/demand.schema.json."
        )
        @OptionGroup var data: DataOptions
        @Option(help: "Fichier JSON de la demande (« - » pour l'entrée standard).") var file: String

        func run() throws {
            let envelope = try appendFromFile(Demand.self, file: file, replacing: nil, data: data)
            Output.line("Demande enregistrée et signée : \(envelope.header.record) (n° \(envelope.header.seq) du journal).")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Liste les demandes de découverte connues du nœud.")
        @OptionGroup var data: DataOptions

        func run() throws {
            let node = try data.openNode()
            let records = try node.store.currentRecords(type: .demand)
            if records.isEmpty {
                Output.line("Aucune demande de découverte.")
                return
            }
            Output.line("\(French.count(records.count, "demande")) :")
            for record in records {
                let demand = try record.decode(Demand.self)
                let sectors = demand.sectors.map(\.label).joined(separator: ", ")
                Output.line(
                    "- \(record.record) [\(demand.status == .open ? "ouverte" : "close")] \(demand.requesterName), \(demand.requesterJob) (\(demand.requesterStructure)) — souhaite découvrir : \(sectors)"
                )
            }
        }
    }
}
