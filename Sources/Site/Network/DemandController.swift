import Foundation
import Hummingbird
import Records
import Storage

/// Discovery requests ("demandes de découverte"): list, form, and the offers matching a new one.
struct DemandController {
    let site: SiteEnvironment

    /// Offers searched per sector and period of a new demand.
    static let matchesPerSearch = 50

    func addRoutes(to router: Router<SiteContext>) {
        router.get("/demandes") { request, context in
            await site.page(context) {
                _ = try site.require(context)
                let demands = try site.store.currentRecords(type: .demand).reversed().compactMap { try? $0.decode(Demand.self) }
                var matches: [OfferHit]?
                if let created = request.uri.queryParameters["nouvelle"].map(String.init), let record = try site.store.currentRecord(created),
                    let demand = try? record.decode(Demand.self)
                {
                    matches = try matchingOffers(demand)
                }
                return site.render(DemandsPage(demands: demands, matches: matches), title: "Demandes de découverte", context: context)
            }
        }
        router.get("/demandes/nouvelle") { _, context in
            await site.page(context) {
                let session = try site.require(context)
                var draft = Demand.Draft()
                draft.requesterName = session.account.name
                draft.requesterStructure = try site.node.profile()?.name ?? ""
                return form(draft, session: session, context: context)
            }
        }
        router.post("/demandes") { request, context in
            await site.page(context) {
                let session = try site.require(context)
                let submitted = try await site.readForm(request, context, session)
                let draft = DemandFormPage.draft(from: submitted)
                return try await site.once(submitted, session) {
                    do {
                        let envelope = try site.store.append(try draft.validated(), as: site.node.author)
                        return .done("/demandes?nouvelle=\(envelope.header.record)")
                    } catch let error as ValidationError {
                        return .notDone(form(draft, session: session, context: context, issues: error.issues, status: .badRequest))
                    }
                }
            }
        }
    }

    func form(
        _ draft: Demand.Draft,
        session: Session,
        context: SiteContext,
        issues: [ValidationIssue] = [],
        status: HTTPResponse.Status = .ok
    ) -> Response {
        site.render(
            DemandFormPage(draft: draft, csrf: session.csrfToken, formToken: site.formToken(), issues: issues),
            title: "Écrire une demande de découverte",
            context: context,
            status: status
        )
    }

    /// Published offers of the sectors asked for, with a period overlapping the request.
    func matchingOffers(_ demand: Demand) throws -> [OfferHit] {
        var seen = Set<String>()
        var hits: [OfferHit] = []
        for sector in demand.sectors {
            for period in demand.possiblePeriods {
                for hit in try site.store.searchOffers(OfferQuery(sector: sector, month: period, limit: Self.matchesPerSearch)).hits
                where seen.insert(hit.record).inserted {
                    hits.append(hit)
                }
            }
        }
        return hits
    }
}
