import Exchange
import Foundation
import Hummingbird
import Records
import Storage
import Workflow

/// "Demander une immersion" on another structure's offer.
struct ImmersionRequestController {
    let site: SiteEnvironment

    func addRoutes(to router: Router<SiteContext>) {
        router.get("/offres/{id}/demander") { request, context in
            await site.page(context) {
                let session = try site.require(context)
                let (record, offer) = try requestableOffer(context)
                if let problem = try site.desk.reciprocityProblem(today: site.today) {
                    let page = ReciprocityPage(explanation: problem, offer: record.record, canPublish: session.account.role >= .referent)
                    return site.render(page, title: "Demander une immersion", context: context)
                }
                // Pre-filled from an exchange suggestion.
                let query = Form(encoded: request.uri.query ?? "")
                let values = ["from": query["du"], "to": query["au"], "objective": query["objectif"]].filter { !$0.value.isEmpty }
                return try form(record: record, offer: offer, session: session, values: values, attested: false, context: context)
            }
        }
        router.post("/offres/{id}/demander") { request, context in
            await site.page(context) { try await submit(request, context: context) }
        }
    }

    func submit(_ request: Request, context: SiteContext) async throws -> Response {
        let session = try site.require(context)
        let form = try await site.readForm(request, context, session)
        let (record, offer) = try requestableOffer(context)
        return try await site.once(form, session) { try send(form, record: record, offer: offer, session: session, context: context) }
    }

    func send(_ form: Form, record: StoredRecord, offer: Offer, session: Session, context: SiteContext) throws -> SiteEnvironment.Submission {
        var values: [String: String] = [:]
        for field in RequestFormPage.fields { values[field.key] = form[field.key] }
        let attested = form["practisingProfessional"] == "1"
        do {
            // Every problem is reported at once: dates here, the rest by the record's own validation.
            var dateIssues: [ValidationIssue] = []
            let from = Day(values["from"] ?? "")
            let to = Day(values["to"] ?? "")
            if from == nil { dateIssues.append(ValidationIssue(field: "from", message: "date de début manquante ou mal écrite.")) }
            if to == nil { dateIssues.append(ValidationIssue(field: "to", message: "date de fin manquante ou mal écrite.")) }
            if let from, let to, to < from { dateIssues.append(ValidationIssue(field: "to", message: "la date de fin précède la date de début.")) }
            let period = dateIssues.isEmpty ? from.flatMap { f in to.map { Period(from: f, to: $0) } } : nil
            let id: String
            do {
                id = try site.desk.request(
                    offer: record.record,
                    by: Actor(session.account),
                    job: values["job"] ?? "",
                    experience: values["experience"] ?? "",
                    period: period,
                    objective: values["objective"] ?? "",
                    practisingProfessional: attested,
                    today: site.today,
                    now: site.now
                )
            } catch let error as ValidationError {
                let others = dateIssues.isEmpty ? error.issues : error.issues.filter { !$0.field.hasPrefix("period") }
                throw ValidationError(dateIssues + others)
            }
            if !dateIssues.isEmpty { throw ValidationError(dateIssues) }
            return .done("/immersions/\(id)?fait=demande")
        } catch let error as ValidationError {
            return .notDone(
                try self.form(
                    record: record,
                    offer: offer,
                    session: session,
                    values: values,
                    attested: attested,
                    issues: error.issues,
                    context: context,
                    status: .badRequest
                )
            )
        } catch let refusal as Refusal {
            let link = refusal.immersion.map { PageError.Link(href: "/immersions/\($0)", label: "Voir votre demande en cours") }
            throw PageError(status: .forbidden, title: "Demande impossible", explanation: refusal.message, link: link)
        }
    }

    /// A published offer of another structure.
    func requestableOffer(_ context: SiteContext) throws -> (StoredRecord, Offer) {
        guard let id = context.parameters.get("id"), let record = try site.store.currentRecord(id), record.type == .offer, !record.retracted,
            let offer = try? record.decode(Offer.self), offer.status == .published, record.origin != site.node.structureID
        else { throw PageError.notFound }
        return (record, offer)
    }

    func form(
        record: StoredRecord,
        offer: Offer,
        session: Session,
        values: [String: String],
        attested: Bool,
        issues: [ValidationIssue] = [],
        context: SiteContext,
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let page = RequestFormPage(
            record: record,
            offer: offer,
            structureName: try site.structureNames()[record.origin]?.name ?? offer.hostStructure,
            visitor: session.account,
            csrf: session.csrfToken,
            formToken: site.formToken(),
            values: values,
            attested: attested,
            issues: issues
        )
        return site.render(page, title: "Demander une immersion", context: context, status: status)
    }
}
