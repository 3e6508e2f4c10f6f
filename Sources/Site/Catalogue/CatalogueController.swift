import Foundation
import Hummingbird
import Records
import Storage

/// The catalogue of the network's offers, and each offer's page.
struct CatalogueController {
    let site: SiteEnvironment

    func addRoutes(to router: Router<SiteContext>) {
        router.get("/") { request, context in
            await site.page(context) {
                _ = try site.require(context)
                let query = CatalogueQuery(Form(encoded: request.uri.query ?? ""))
                let (search, problem) = query.search(today: site.today)
                let result = try site.store.searchOffers(search)
                let page = CataloguePage(
                    query: query,
                    result: result,
                    problem: problem,
                    glossary: try Glossary(store: site.store),
                    help: result.total == 0 ? try emptyHelp(query) : .init()
                )
                return site.render(page, title: "Offres d'accueil", context: context)
            }
        }
        router.get("/offres/{id}") { _, context in
            await site.page(context) {
                let session = try site.require(context)
                guard let id = context.parameters.get("id"), let record = try site.store.currentRecord(id), record.type == .offer,
                    !record.retracted, let offer = try? record.decode(Offer.self)
                else { throw PageError.notFound }
                let mine = record.origin == site.node.structureID
                // Drafts stay with their own structure.
                guard offer.status == .published || mine else { throw PageError.notFound }
                let profile = try site.store.currentRecords(type: .structureProfile, origin: record.origin).first
                    .flatMap { try? $0.decode(StructureProfile.self) }
                let page = OfferPage(
                    record: record,
                    offer: offer,
                    profile: profile,
                    mine: mine,
                    canEdit: mine && session.account.role >= .referent,
                    glossary: try Glossary(store: site.store)
                )
                return site.render(page, title: offer.establishment, context: context)
            }
        }
    }

    /// When a search finds nothing: the same search without each filter, the ended offers it
    /// would find, and the other sectors where it finds something.
    func emptyHelp(_ query: CatalogueQuery) throws -> CataloguePage.EmptyHelp {
        var help = CataloguePage.EmptyHelp()
        help.withoutFilters = query.withoutEachFilter.map { .init(href: $0.query.link(page: 1), label: $0.label) }
        var ended = query
        ended.includeEnded = true
        help.endedMatches = try site.store.searchOffers(ended.search(today: site.today).query).total
        for sector in Sector.allCases where sector != query.sector {
            var other = query
            other.sector = sector
            other.page = 1
            if try site.store.searchOffers(other.search(today: site.today).query).total > 0 {
                help.otherSectors.append(.init(href: other.link(page: 1), label: sector.label))
            }
        }
        return help
    }
}
