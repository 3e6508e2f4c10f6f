import Exchange
import Foundation
import Hummingbird
import NIOCore
import Records
import Storage
import Workflow

/// The immersion workflow in the site: the list, each immersion's page and its steps,
/// the convention and the attestation to print, the calendar file and "À traiter".
struct ImmersionController {
    let site: SiteEnvironment

    func addRoutes(to router: Router<SiteContext>) {
        router.get("/immersions") { _, context in
            await site.page(context) {
                let session = try site.require(context)
                let actor = Actor(session.account)
                let all = try site.desk.book.all()
                let isHub = try site.isHub()
                let ledger = session.account.role >= .referent && !isHub ? try site.desk.ledger(today: site.today, immersions: all) : nil
                let page = ImmersionListPage(
                    visible: all.filter { site.desk.mayView($0, by: actor) },
                    all: all,
                    me: site.node.structureID,
                    isHub: isHub,
                    names: try site.structureNames(),
                    ledger: ledger,
                    today: site.today
                )
                return site.render(page, title: "Immersions", context: context)
            }
        }
        router.get("/immersions.ics") { _, context in
            await site.page(context) {
                let actor = Actor(try site.require(context).account)
                let visible = try site.desk.book.all().filter { site.desk.mayView($0, by: actor) }
                let ics = ICalendar.document(visible, today: site.today, names: try site.structureNames(), now: site.now)
                return site.download(ics, type: "text/calendar; charset=utf-8", filename: "immersions-vis-ma-vie-pro.ics")
            }
        }
        router.get("/immersions/{id}") { request, context in
            await site.page(context) {
                let session = try site.require(context)
                let (immersion, all) = try viewable(context, session)
                let done = request.uri.queryParameters["fait"].map(String.init)
                return try page(immersion, among: all, session: session, context: context, notice: done.flatMap { ImmersionWording.notices[$0] })
            }
        }
        router.get("/immersions/{id}/signer") { request, context in
            await site.page(context) {
                let session = try site.require(context)
                let (immersion, _) = try viewable(context, session)
                let party = try signableParty(request.uri.queryParameters["partie"].map(String.init), immersion, session)
                return try signingPage(immersion, party: party, session: session, context: context)
            }
        }
        // One route per step: a catch-all "{action}" would lose to the GET routes of the same path.
        for action in ImmersionActions.names {
            router.post("/immersions/{id}/\(action)") { request, context in
                await site.page(context) { try await perform(action, request, context) }
            }
        }
        router.get("/immersions/{id}/convention") { _, context in
            await site.page(context) {
                let (immersion, _) = try viewable(context, try site.require(context))
                return site.render(try conventionPage(immersion), title: "Convention d'immersion", context: context)
            }
        }
        router.get("/immersions/{id}/convention.css") { _, context in
            await site.page(context) {
                let (immersion, _) = try viewable(context, try site.require(context))
                return Response(
                    status: .ok,
                    headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "no-store"],
                    body: .init(byteBuffer: ByteBuffer(string: try conventionPage(immersion).footerCSS))
                )
            }
        }
        router.get("/immersions/{id}/attestation") { _, context in
            await site.page(context) {
                let (immersion, _) = try viewable(context, try site.require(context))
                let names = try site.structureNames()
                guard let facts = AttestationFacts(immersion, offer: try offer(of: immersion), names: names, today: site.today) else {
                    throw AttestationPage.unavailable
                }
                let page = AttestationPage(
                    facts,
                    names: names,
                    credential: try Credentials(node: site.node).credential(for: immersion),
                    verifierURL: site.configuration.verifierURL,
                    today: site.today
                )
                return site.render(page, title: "Attestation de participation", context: context)
            }
        }
        router.get("/immersions/{id}/carnet") { _, context in
            await site.page(context) {
                let (immersion, _) = try viewable(context, try site.require(context))
                guard
                    let page = CarnetPage(
                        immersion,
                        offer: try offer(of: immersion),
                        preparation: try site.desk.preparation(of: immersion),
                        framework: try NetworkRulesDesk(node: site.node).framework(),
                        names: try site.structureNames(),
                        today: site.today
                    )
                else { throw CarnetPage.unavailable }
                return site.render(page, title: "Carnet d'immersion", context: context)
            }
        }
        router.get("/immersions/{id}/attestation.jwt") { _, context in
            await site.page(context) {
                let (immersion, _) = try viewable(context, try site.require(context))
                guard let credential = try Credentials(node: site.node).credential(for: immersion) else {
                    throw AttestationPage.credentialUnavailable
                }
                let day = immersion.period.to.description
                return site.download(credential.jws.text, type: "application/vc+jwt", filename: "attestation-vis-ma-vie-pro-\(day).jwt")
            }
        }
        router.get("/a-traiter") { _, context in
            await site.page(context) {
                let session = try site.require(context)
                let names = try site.structureNames()
                let items = try ToDoList(node: site.node).items(for: Actor(session.account), today: site.today, names: names)
                let unanswered =
                    try site.isHub() && session.account.role == .admin ? try Steering(store: site.store).unansweredRequests(today: site.today) : nil
                return site.render(ToDoPage(items: items, unanswered: unanswered, names: names), title: "À traiter", context: context)
            }
        }
    }

    func perform(_ action: String, _ request: Request, _ context: SiteContext) async throws -> Response {
        let session = try site.require(context)
        let form = try await site.readForm(request, context, session)
        let (immersion, all) = try viewable(context, session)
        let actions = ImmersionActions(desk: site.desk, actor: Actor(session.account), today: site.today, now: site.now)
        return try await site.once(form, session) {
            do {
                let done = try actions.perform(action, on: immersion, form: form)
                return .done("/immersions/\(immersion.id)?fait=\(done)")
            } catch let refusal as Refusal {
                return .notDone(
                    try page(immersion, among: all, session: session, context: context, refusal: refusal.message, status: .conflict)
                )
            } catch let error as ValidationError {
                if action == "signature", let party = ConventionSignature.Party(rawValue: form["party"]) {
                    return .notDone(try signingPage(immersion, party: party, session: session, context: context, issues: error.issues))
                }
                return .notDone(
                    try page(immersion, among: all, session: session, context: context, form: form, issues: error.issues, status: .badRequest)
                )
            }
        }
    }

    func offer(of immersion: Immersion) throws -> Offer? {
        try site.store.currentRecord(immersion.request.offer).flatMap { try? $0.decode(Offer.self) }
    }

    /// The printable convention, with where each structure is and each signature's envelope.
    func conventionPage(_ immersion: Immersion) throws -> ConventionPrintPage {
        var establishments: [String: String] = [:]
        if let offer = try offer(of: immersion) { establishments[immersion.hostStructure] = "\(offer.establishment), \(offer.commune)" }
        let profile = try site.store.currentRecords(type: .structureProfile, origin: immersion.visitorStructure).first
            .flatMap { try? $0.decode(StructureProfile.self) }
        if let place = profile?.establishments.first { establishments[immersion.visitorStructure] = "\(place.name), \(place.commune)" }
        let store = site.store
        let page = ConventionPrintPage(immersion, establishments: establishments) { entry in
            try? store.envelopeHash(origin: entry.author, seq: entry.step.seq)
        }
        guard let page else { throw PageError.notFound }
        return page
    }

    /// The immersion the address names, with every immersion of the node (opened once per page).
    func viewable(_ context: SiteContext, _ session: Session) throws -> (immersion: Immersion, all: [Immersion]) {
        let all = try site.desk.book.all()
        guard let id = context.parameters.get("id"), let immersion = all.first(where: { $0.id == id }) else { throw PageError.notFound }
        guard site.desk.mayView(immersion, by: Actor(session.account)) else { throw PageError.forbidden }
        return (immersion, all)
    }

    /// The party the signed-in person may sign for now; otherwise the page says why not.
    func signableParty(_ text: String?, _ immersion: Immersion, _ session: Session) throws -> ConventionSignature.Party {
        guard let party = text.flatMap(ConventionSignature.Party.init(rawValue:)),
            site.desk.signableParties(immersion, by: Actor(session.account), today: site.today).contains(party)
        else {
            throw PageError(
                status: .conflict,
                title: "Signature non attendue",
                explanation: "Cette signature n'est pas attendue de votre part : déjà donnée pour cette version, ou l'immersion n'est plus à signer.",
                link: .init(href: "/immersions/\(immersion.id)", label: "Revenir à l'immersion")
            )
        }
        return party
    }

    func signingPage(
        _ immersion: Immersion,
        party: ConventionSignature.Party,
        session: Session,
        context: SiteContext,
        issues: [ValidationIssue] = []
    ) throws -> Response {
        let actor = Actor(session.account)
        guard let statement = site.desk.statement(immersion, as: party, by: actor),
            let page = SigningPage(
                immersion,
                party: party,
                statement: statement,
                csrf: session.csrfToken,
                formToken: site.formToken(),
                issues: issues
            )
        else { throw PageError.notFound }
        let title = issues.isEmpty ? "Signer la convention" : "Erreur : signer la convention"
        return site.render(page, title: title, context: context, status: issues.isEmpty ? .ok : .badRequest)
    }

    func page(
        _ immersion: Immersion,
        among all: [Immersion],
        session: Session,
        context: SiteContext,
        notice: String? = nil,
        refusal: String? = nil,
        form: Form? = nil,
        issues: [ValidationIssue] = [],
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let viewer = ImmersionPage.Viewer(
            actor: Actor(session.account),
            csrf: session.csrfToken,
            formToken: site.formToken(),
            structure: site.node.structureID,
            desk: site.desk,
            names: try site.structureNames(),
            today: site.today
        )
        var credential = false
        if immersion.analysis.attestationAvailable(today: site.today) {
            credential = try Credentials(node: site.node).credential(for: immersion) != nil
        }
        let page = ImmersionPage(
            immersion,
            among: all,
            offer: try offer(of: immersion),
            viewer: viewer,
            credential: credential,
            notice: notice,
            refusal: refusal,
            form: form,
            issues: issues
        )
        return site.render(page, title: "Immersion de \(immersion.request.visitorName)", context: context, status: status)
    }
}
