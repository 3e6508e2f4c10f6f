import Foundation
import Hummingbird
import Records
import Storage

/// The host-offer form: create, edit, save as draft, publish, pause, archive.
/// Every save signs a new version of the record.
struct OfferFormController {
    let site: SiteEnvironment

    func addRoutes(to router: Router<SiteContext>) {
        router.get("/offres/nouvelle") { _, context in
            await site.page(context) {
                let session = try site.require(context, .referent)
                return form(newDraft(session: session), record: nil, session: session, context: context)
            }
        }
        router.post("/offres") { request, context in
            await site.page(context) { try await save(request, context: context, record: nil) }
        }
        router.get("/offres/{id}/modifier") { _, context in
            await site.page(context) {
                let session = try site.require(context, .referent)
                let (record, offer) = try ownOffer(context)
                return form(Offer.Draft(offer), record: record.record, session: session, context: context)
            }
        }
        router.post("/offres/{id}") { request, context in
            await site.page(context) {
                let (record, _) = try ownOffer(context)
                return try await save(request, context: context, record: record.record)
            }
        }
    }

    /// A new offer starts from the structure's profile and the signed-in person.
    func newDraft(session: Session) -> Offer.Draft {
        let profile = try? site.node.profile()
        let contact = profile?.resourcePerson
        var draft = Offer.Draft()
        draft.hostStructure = profile?.name ?? ""
        draft.commune = profile?.establishments.first?.commune ?? ""
        draft.contactName = contact?.name ?? session.account.name
        draft.contactRole = contact?.role ?? ""
        draft.contactEmail = contact?.email ?? session.account.email
        draft.contactPhone = contact?.phone ?? ""
        draft.writtenBy = session.account.name
        draft.writtenOn = Day.today().description
        return draft
    }

    /// One of our own offers (only its structure may edit it).
    func ownOffer(_ context: SiteContext) throws -> (StoredRecord, Offer) {
        _ = try site.require(context, .referent)
        guard let id = context.parameters.get("id"), let record = try site.store.currentRecord(id), record.type == .offer, !record.retracted,
            let offer = try? record.decode(Offer.self)
        else { throw PageError.notFound }
        guard record.origin == site.node.structureID else { throw PageError.forbidden }
        return (record, offer)
    }

    func save(_ request: Request, context: SiteContext, record: String?) async throws -> Response {
        let session = try site.require(context, .referent)
        let submitted = try await site.readForm(request, context, session)
        let draft = OfferFormPage.draft(from: submitted)
        return try await site.once(submitted, session) {
            do {
                let offer = try draft.validatedInHerault()
                let envelope = try site.store.append(offer, record: record, as: site.node.author)
                return .done("/offres/\(envelope.header.record)")
            } catch let error as ValidationError {
                return .notDone(form(draft, record: record, session: session, context: context, issues: error.issues, status: .badRequest))
            }
        }
    }

    func form(
        _ draft: Offer.Draft,
        record: String?,
        session: Session,
        context: SiteContext,
        issues: [ValidationIssue] = [],
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let page = OfferFormPage(draft: draft, record: record, csrf: session.csrfToken, formToken: site.formToken(), issues: issues)
        return site.render(page, title: record == nil ? "Proposer un accueil" : "Modifier l'offre", context: context, status: status)
    }
}
