import Exchange
import Records
import Workflow

/// The current convention as an A4 document (the browser's print): the network's heading, the
/// template read as blocks (Exchange's `ConventionDocument`), the parties each in a block, and a
/// signature block per party. Its version and fingerprint are in the footer of every page
/// (`footerCSS`, served beside the page).
struct ConventionPrintPage: PageModel {
    static let template = "conventionPrint"

    struct Item: Sendable {
        let title: String?
        let text: String
    }

    /// One block of the template; Mustache reads which kind through the flags.
    struct Block: Sendable {
        let heading: String?
        let paragraph: String?
        let hasList: Bool
        let list: [String]
        let hasNumbered: Bool
        let numbered: [Item]
        let hasFields: Bool
        let fields: [Item]
        let isParties: Bool

        init(_ block: ConventionDocument.Block) {
            func items(_ list: [ConventionDocument.Item]) -> [Item] { list.map { Item(title: $0.title.isEmpty ? nil : $0.title, text: $0.text) } }
            var (heading, paragraph, list, numbered, fields, parties): (String?, String?, [String], [Item], [Item], Bool) = (
                nil, nil, [], [], [], false
            )
            switch block {
            case .heading(let text): heading = text
            case .paragraph(let text): paragraph = text
            case .list(let lines): list = lines
            case .numbered(let lines): numbered = items(lines)
            case .fields(let lines): fields = items(lines)
            case .parties: parties = true
            }
            (self.heading, self.paragraph, self.list, self.numbered, self.fields, isParties) = (heading, paragraph, list, numbered, fields, parties)
            (hasList, hasNumbered, hasFields) = (!list.isEmpty, !numbered.isEmpty, !fields.isEmpty)
        }
    }

    struct Party: Sendable {
        let label: String
        let structure: String
        let establishment: String?
        let person: String
        let contact: String?
        let note: String?
    }

    struct Signature: Sendable {
        let label: String
        let name: String
        let capacity: String
        /// "Signée électroniquement le …"; nil while the signature is awaited.
        let signedAt: String?
        let fingerprint: String?
    }

    let id: String
    let title: String
    let version: String
    let date: String
    let hash: String
    let shortHash: String
    let blocks: [Block]
    let partyBlocks: [Party]
    let signatureBlocks: [Signature]

    /// `establishments`: each structure's establishment and commune, by structure id, when known;
    /// `envelopeHash`: the hash of the envelope a step was signed in.
    init?(_ immersion: Immersion, establishments: [String: String], envelopeHash: (Immersion.Entry) -> String?) {
        guard let current = immersion.conventions.last else { return nil }
        let c = current.convention
        let document = ConventionDocument(c)
        id = immersion.id
        title = document.title
        version = "\(immersion.conventions.count)"
        date = French.dateTime(current.entry.created)
        hash = c.versionHash
        shortHash = Fingerprint.short(c.versionHash)
        blocks = document.blocks.map(Block.init)
        func contact(_ p: Convention.Person) -> String? {
            let parts = [p.email, p.phone].filter { !$0.isEmpty }
            return parts.isEmpty ? nil : parts.joined(separator: " — ")
        }
        let visitorPlace = establishments[immersion.visitorStructure]
        partyBlocks = [
            Party(
                label: "La personne accueillie",
                structure: c.visitor.structure,
                establishment: visitorPlace,
                person: "\(c.visitor.name), \(c.visitor.role)",
                contact: contact(c.visitor),
                note: nil
            ),
            Party(
                label: "Son employeur",
                structure: c.employer.structure,
                establishment: visitorPlace,
                person: "Représenté par \(c.employer.name), \(c.employer.role)",
                contact: contact(c.employer),
                note:
                    "Le référent représente l'employeur et associe son service des ressources humaines : autorisation d'absence, assurance, inscription au parcours de formation."
            ),
            Party(
                label: "La structure d'accueil",
                structure: c.host.structure,
                establishment: establishments[immersion.hostStructure],
                person: "Représentée par \(c.host.name), \(c.host.role)",
                contact: contact(c.host),
                note: nil
            ),
        ]
        signatureBlocks = ConventionSignature.Party.allCases.map { party in
            let label = French.capitalized(ImmersionWording.party(party))
            guard let (entry, signature) = immersion.countingSignature(for: party) else {
                let person = party == .visitor ? c.visitor : party == .employer ? c.employer : c.host
                return Signature(
                    label: label,
                    name: person.name,
                    capacity: SigningStatement.capacity(party, convention: c),
                    signedAt: nil,
                    fingerprint: nil
                )
            }
            return Signature(
                label: label,
                name: signature.signerName,
                capacity: signature.capacity.isEmpty ? SigningStatement.capacity(party, convention: c) : signature.capacity,
                signedAt: "Signée électroniquement le \(French.dateTime(entry.created))",
                fingerprint: envelopeHash(entry).map(Fingerprint.short) ?? "—"
            )
        }
    }

    /// The footer of every printed page: CSS margin boxes, as the page's own stylesheet (the
    /// site's policy forbids inline styles). Only digits, hex and fixed words go in it.
    var footerCSS: String {
        """
        @page {
          @bottom-left { content: "Convention d'immersion Vis ma vie pro — version \(version) — empreinte \(shortHash)"; }
          @bottom-right { content: "page " counter(page) " / " counter(pages); }
        }

        """
    }
}
