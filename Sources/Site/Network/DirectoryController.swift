import Foundation
import Hummingbird
import Records
import Storage
import Workflow

/// The shared directory and the shared glossary.
struct DirectoryController {
    let site: SiteEnvironment

    /// Offers listed on a structure's page.
    static let offersPerStructure = 500

    func addRoutes(to router: Router<SiteContext>) {
        router.get("/annuaire") { _, context in
            await site.page(context) {
                _ = try site.require(context)
                let profiles = try site.store.currentRecords(type: .structureProfile).compactMap {
                    record -> (id: String, profile: StructureProfile)? in
                    (try? record.decode(StructureProfile.self)).map { (record.origin, $0) }
                }
                let page = DirectoryPage(profiles: profiles, offerCounts: try site.store.publishedOfferCounts())
                return site.render(page, title: "Annuaire partagé", context: context)
            }
        }
        router.get("/annuaire/{id}") { _, context in
            await site.page(context) {
                _ = try site.require(context)
                guard let id = context.parameters.get("id"), let record = try site.store.currentRecords(type: .structureProfile, origin: id).first,
                    let profile = try? record.decode(StructureProfile.self)
                else { throw PageError.notFound }
                var query = OfferQuery(limit: Self.offersPerStructure)
                query.origin = id
                let page = StructurePage(
                    profile: profile,
                    offers: try site.store.searchOffers(query).hits,
                    glossary: try Glossary(store: site.store),
                    partnerships: try Partnerships.of(id, store: site.store),
                    names: try site.structureNames()
                )
                return site.render(page, title: profile.name, context: context)
            }
        }
        router.get("/lexique") { _, context in
            await site.page(context) {
                _ = try site.require(context)
                return site.render(GlossaryPage(glossary: try Glossary(store: site.store)), title: "Lexique partagé", context: context)
            }
        }
    }
}
