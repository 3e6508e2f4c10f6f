import Exchange
import Records
import Workflow

/// The immersions the structure asked for and those it hosts.
struct ImmersionListPage: PageModel {
    static let template = "immersions"

    struct Item: Sendable {
        let id: String
        let visitor: String
        let other: String
        let dates: String
        let state: String
        let crossed: Bool
    }

    struct Section: Sendable {
        let heading: String
        let otherLabel: String
        let empty: Bool
        let emptyText: String
        let items: [Item]
    }

    let ledger: String?
    let sections: [Section]

    /// `visible`: what the viewer may see; `all`: every immersion of the node (to find cross-hosting);
    /// `ledger`: the structure's reciprocity account, shown to its referents.
    init(visible: [Immersion], all: [Immersion], me: String, isHub: Bool, names: [String: StructureName], ledger: Ledger.Account?, today: Day) {
        func items(_ list: [Immersion], other: (Immersion) -> String) -> [Item] {
            list.map { immersion in
                Item(
                    id: immersion.id,
                    visitor: immersion.request.visitorName,
                    other: (names[other(immersion)] ?? .unknown).name,
                    dates: French.dates(immersion.period),
                    state: ImmersionWording.state(immersion.state(today: today), names: names),
                    crossed: immersion.crossHosting(among: all, today: today) != nil
                )
            }
        }
        let sent = visible.filter { $0.visitorStructure == me }
        let hosted = visible.filter { $0.hostStructure == me }
        self.ledger = ledger.map {
            $0.hostedDays + $0.sentDays == 0
                ? "Réciprocité : votre structure n'a encore ni accueilli ni envoyé de professionnel en immersion."
                : "Réciprocité (immersions réalisées) : jours d'accueil donnés par votre structure : \($0.hostedDays) ; jours passés par ses professionnels chez d'autres : \($0.sentDays)."
        }
        sections = [
            Section(
                heading: "Demandées par votre structure",
                otherLabel: "Structure d'accueil",
                empty: sent.isEmpty,
                emptyText: isHub
                    ? "Le hub de la Maison des Adolescents (MDA) relaie les immersions sans pouvoir les lire : elles sont chiffrées pour les deux structures concernées."
                    : "Aucune demande pour l'instant : choisissez une offre dans le catalogue.",
                items: items(sent) { $0.hostStructure }
            ),
            Section(
                heading: "Accueillies par votre structure",
                otherLabel: "Structure d'origine",
                empty: hosted.isEmpty,
                emptyText: "Aucune demande reçue pour l'instant.",
                items: items(hosted) { $0.visitorStructure }
            ),
        ]
    }
}

/// "À traiter": what the signed-in person has to do; on the hub, the requests left unanswered.
struct ToDoPage: PageModel {
    static let template = "todo"

    struct Item: Sendable {
        let immersion: String
        let title: String
        let detail: String
        let overdue: Bool
    }

    struct HubCounts: Sendable {
        struct Row: Sendable {
            let name: String
            let count: Int
        }
        let unansweredEmpty: Bool
        let unanswered: [Row]
    }

    let items: [Item]
    let empty: Bool
    let hub: HubCounts?

    /// `unanswered`: for the MDA, unanswered requests by host structure.
    init(items: [ToDoItem], unanswered: [String: Int]?, names: [String: StructureName]) {
        self.items = items.map { Item(immersion: $0.immersion, title: $0.title, detail: $0.detail, overdue: $0.overdue) }
        empty = items.isEmpty
        hub = unanswered.map { counts in
            HubCounts(
                unansweredEmpty: counts.isEmpty,
                unanswered: counts.sorted { $0.key < $1.key }.map { HubCounts.Row(name: names[$0.key]?.name ?? $0.key, count: $0.value) }
            )
        }
    }
}
