import Foundation
import Geography
import Records
import Storage
import Workflow

struct PersonCard: Sendable {
    let name: String
    let role: String
    let email: String
    let phone: String

    init(_ contact: Contact) {
        name = contact.name
        role = contact.role
        email = contact.email
        phone = contact.phone
    }
}

/// The shared directory ("annuaire partagé"): the network's structures by sector.
struct DirectoryPage: PageModel {
    static let template = "directory"

    struct Structure: Sendable {
        let id: String
        let name: String
        let subType: String
        let resource: PersonCard?
        let offerCount: String
    }

    struct Group: Sendable {
        let value: String
        let label: String
        let examples: String
        let structures: [Structure]
    }

    /// A commune of the map's text alternative and the structures placed there.
    struct Place: Sendable {
        let commune: String
        let structures: String
    }

    struct LegendItem: Sendable {
        let swatch: String
        let label: String
    }

    let groups: [Group]
    let empty: Bool
    let map: String
    let legend: [LegendItem]
    let places: [Place]
    /// Establishments whose commune is not in the official list (written before it was checked).
    let unplaced: String?

    /// `profiles`: each structure's id and profile; `offerCounts`: published offers by structure.
    init(profiles: [(id: String, profile: StructureProfile)], offerCounts: [String: Int]) {
        groups = Sector.allCases.compactMap { sector in
            let members = profiles.filter { $0.profile.sector == sector }.sorted { $0.profile.name < $1.profile.name }
            guard !members.isEmpty else { return nil }
            return Group(
                value: sector.rawValue,
                label: sector.label,
                examples: sector.examples,
                structures: members.map { id, profile in
                    let count = offerCounts[id] ?? 0
                    return Structure(
                        id: id,
                        name: profile.name,
                        subType: profile.subType,
                        resource: profile.resourcePerson.map(PersonCard.init),
                        offerCount: count == 0 ? "Pas encore d'offre publiée" : "\(French.count(count, "offre")) publiée\(French.s(count))"
                    )
                }
            )
        }
        empty = groups.isEmpty
        // Each establishment is placed on its commune's town hall.
        var markers: [NetworkMap.Marker] = []
        var named: [String: [String]] = [:]
        var unknown: [String] = []
        for (_, profile) in profiles.sorted(by: { $0.profile.name < $1.profile.name }) {
            for establishment in profile.establishments {
                guard let commune = HeraultCommunes.named(establishment.commune) else {
                    unknown.append("\(profile.name) (\(establishment.commune))")
                    continue
                }
                let label = establishment.name == profile.name ? profile.name : "\(profile.name) — \(establishment.name)"
                markers.append(.init(commune: commune, color: SectorColor.hex(profile.sector), label: "\(label), \(commune.name)"))
                named[commune.name, default: []].append("\(label) (\(profile.sector.label))")
            }
        }
        map = NetworkMap.svg(
            id: "carte-reseau",
            title: "Carte du réseau : les établissements des structures dans l'Hérault",
            description: "Chaque point est un établissement, placé sur sa commune et coloré selon le secteur de la structure. "
                + "Le tableau qui suit donne les mêmes informations.",
            markers: markers
        )
        let sectors = Set(profiles.map(\.profile.sector))
        legend = Sector.allCases.filter(sectors.contains).map { LegendItem(swatch: SectorColor.swatch($0), label: $0.label) }
        places = named.keys.sorted { $0.compare($1, locale: Locale(identifier: "fr_FR")) == .orderedAscending }.map {
            Place(commune: $0, structures: (named[$0] ?? []).joined(separator: " ; "))
        }
        unplaced = unknown.isEmpty ? nil : "Hors de la carte (commune non reconnue) : " + unknown.joined(separator: " ; ") + "."
    }
}

/// One structure of the directory, with its establishments and published offers.
struct StructurePage: PageModel {
    static let template = "structure"

    struct Establishment: Sendable {
        let name: String
        let commune: String
    }

    struct OfferLink: Sendable {
        let record: String
        let establishment: String
        let commune: String
    }

    struct PartnerLink: Sendable {
        let structure: String
        let name: String
        let since: String
    }

    let name: String
    let sector: String
    let subType: String
    /// HTML: escaped, acronyms explained.
    let description: String?
    let resource: PersonCard?
    let establishments: [Establishment]
    let hasEstablishments: Bool
    let offers: [OfferLink]
    let noOffers: Bool
    /// Partnerships born of the bourse, declared by both structures.
    let partners: [PartnerLink]
    let hasPartners: Bool

    init(
        profile: StructureProfile,
        offers: [OfferHit],
        glossary: Glossary,
        partnerships: [Partnerships.Listed] = [],
        names: [String: StructureName] = [:]
    ) {
        name = profile.name
        sector = profile.sector.label
        subType = profile.subType
        description = profile.description.isEmpty ? nil : glossary.annotate(profile.description)
        resource = profile.resourcePerson.map(PersonCard.init)
        establishments = profile.establishments.map { Establishment(name: $0.name, commune: $0.commune) }
        hasEstablishments = !establishments.isEmpty
        self.offers = offers.map { OfferLink(record: $0.record, establishment: $0.offer.establishment, commune: $0.offer.commune) }
        noOffers = offers.isEmpty
        partners = partnerships.map {
            PartnerLink(
                structure: $0.partner,
                name: French.capitalized((names[$0.partner] ?? .unknown).the),
                since: "depuis une immersion en \(French.month(String($0.since.description.prefix(7))))"
                    + " — \(French.count($0.immersions, "immersion suivie", "immersions suivies")) d'un travail en commun"
            )
        }
        hasPartners = !partners.isEmpty
    }
}

/// The shared glossary, published by the MDA.
struct GlossaryPage: PageModel {
    static let template = "glossary"

    struct Entry: Sendable {
        let term: String
        let expansion: String
        let definition: String
    }

    let entries: [Entry]
    let empty: Bool

    init(glossary: Glossary) {
        entries = glossary.entries.map { Entry(term: $0.term, expansion: $0.expansion, definition: $0.definition) }
        empty = entries.isEmpty
    }
}
