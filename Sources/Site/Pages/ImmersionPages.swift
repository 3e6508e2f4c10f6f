import Exchange
import Foundation
import Hummingbird
import Records
import Storage
import Workflow

/// The immersion workflow in the site: ask, answer, convention, signatures, cancellation,
/// evaluation, attestation, the "À traiter" page and the calendar file.
extension Site {
    var desk: ImmersionDesk { ImmersionDesk(node: node) }
    var today: Day { Day.today(configuration.now()) }

    func structureNames() throws -> [String: String] {
        var names = Dictionary(try store.structures().map { ($0.structureID, $0.name) }, uniquingKeysWith: { a, _ in a })
        for member in try store.currentRecords(type: Member.recordType) {
            if let m = try? member.decode(Member.self), names[m.structure] == nil { names[m.structure] = m.name }
        }
        return names
    }

    func addImmersionRoutes(_ router: Router<SiteContext>) {
        router.get("/offres/{id}/demander") { request, context in
            await page(context) {
                let session = try require(context)
                let (record, offer) = try requestableOffer(context)
                if let problem = try desk.reciprocityProblem(today: today) {
                    return render(
                        "reciprocity",
                        ["explanation": problem, "offer": record.record, "canPublish": session.account.role >= .referent],
                        title: "Demander une immersion",
                        context: context
                    )
                }
                // Pre-filled from an exchange suggestion.
                let query = Form(encoded: request.uri.query ?? "")
                let values = ["from": query["du"], "to": query["au"], "objective": query["objectif"]].filter { !$0.value.isEmpty }
                return try requestForm(record: record, offer: offer, session: session, values: values, issues: [], attested: false, context: context)
            }
        }
        router.post("/offres/{id}/demander") { request, context in
            await page(context) {
                let session = try require(context)
                let form = try await Form.read(request, context: context)
                try checkCSRF(form, session)
                let (record, offer) = try requestableOffer(context)
                var values: [String: String] = [:]
                for field in Self.requestFields { values[field.key] = form[field.key] }
                let attested = form["practisingProfessional"] == "1"
                do {
                    // Every problem is reported at once: dates here, the rest by the record's own validation.
                    var dateIssues: [ValidationIssue] = []
                    let from = Day(values["from"] ?? "")
                    let to = Day(values["to"] ?? "")
                    if from == nil { dateIssues.append(ValidationIssue(field: "from", message: "date de début manquante ou mal écrite.")) }
                    if to == nil { dateIssues.append(ValidationIssue(field: "to", message: "date de fin manquante ou mal écrite.")) }
                    if let from, let to, to < from {
                        dateIssues.append(ValidationIssue(field: "to", message: "la date de fin précède la date de début."))
                    }
                    let period = dateIssues.isEmpty ? from.flatMap { f in to.map { Period(from: f, to: $0) } } : nil
                    let id: String
                    do {
                        id = try desk.request(
                            offer: record.record,
                            by: Actor(session.account),
                            job: values["job"] ?? "",
                            experience: values["experience"] ?? "",
                            period: period,
                            objective: values["objective"] ?? "",
                            practisingProfessional: attested,
                            today: today,
                            now: configuration.now()
                        )
                    } catch let error as ValidationError {
                        let others = dateIssues.isEmpty ? error.issues : error.issues.filter { !$0.field.hasPrefix("period") }
                        throw ValidationError(dateIssues + others)
                    }
                    if !dateIssues.isEmpty { throw ValidationError(dateIssues) }
                    return redirect("/immersions/\(id)?fait=demande")
                } catch let error as ValidationError {
                    var response = try requestForm(
                        record: record,
                        offer: offer,
                        session: session,
                        values: values,
                        issues: error.issues,
                        attested: attested,
                        context: context
                    )
                    response.status = .badRequest
                    return response
                } catch let refusal as Refusal {
                    throw PageError(status: .forbidden, title: "Demande impossible", explanation: refusal.message)
                }
            }
        }
        router.get("/immersions") { _, context in
            await page(context) { try immersionsPage(session: require(context), context: context) }
        }
        router.get("/immersions.ics") { _, context in
            await page(context) {
                let session = try require(context)
                let visible = try desk.book.all().filter { mayView($0, session) }
                let ics = ICalendar.document(visible, today: today, names: try structureNames(), now: configuration.now())
                return Response(
                    status: .ok,
                    headers: [
                        .contentType: "text/calendar; charset=utf-8",
                        .contentDisposition: "attachment; filename=\"immersions-vis-ma-vie-pro.ics\"", .cacheControl: "no-store",
                    ],
                    body: .init(byteBuffer: ByteBuffer(string: ics))
                )
            }
        }
        router.get("/immersions/{id}") { request, context in
            await page(context) {
                let session = try require(context)
                let (immersion, all) = try viewable(context, session)
                let done = request.uri.queryParameters["fait"].map(String.init)
                return try immersionPage(immersion, among: all, session: session, context: context, notice: done.flatMap { Self.notices[$0] })
            }
        }
        router.post("/immersions/{id}/{action}") { request, context in
            await page(context) {
                let session = try require(context)
                let form = try await Form.read(request, context: context)
                try checkCSRF(form, session)
                let (immersion, all) = try viewable(context, session)
                let action = context.parameters.get("action") ?? ""
                do {
                    let done = try perform(action, on: immersion, form: form, session: session)
                    return redirect("/immersions/\(immersion.id)?fait=\(done)")
                } catch let refusal as Refusal {
                    var response = try immersionPage(immersion, among: all, session: session, context: context, refusal: refusal.message)
                    response.status = .conflict
                    return response
                } catch let error as ValidationError {
                    var response = try immersionPage(immersion, among: all, session: session, context: context, form: form, issues: error.issues)
                    response.status = .badRequest
                    return response
                }
            }
        }
        router.get("/immersions/{id}/convention") { _, context in
            await page(context) {
                let session = try require(context)
                let immersion = try viewableImmersion(context, session)
                guard let current = immersion.conventions.last else { throw PageError.notFound }
                return render(
                    "conventionPrint",
                    [
                        "id": immersion.id, "text": current.convention.text(), "version": "\(immersion.conventions.count)",
                        "hash": current.convention.versionHash, "parties": partyStatus(immersion),
                    ],
                    title: "Convention d'immersion",
                    context: context
                )
            }
        }
        router.get("/immersions/{id}/attestation") { _, context in
            await page(context) {
                let session = try require(context)
                let immersion = try viewableImmersion(context, session)
                guard immersion.analysis.attestationAvailable(today: today), let convention = immersion.currentConvention else {
                    throw PageError(
                        status: .notFound,
                        title: "Attestation pas encore disponible",
                        explanation:
                            "L'attestation s'imprime une fois l'immersion terminée et évaluée par les deux structures (ou par la structure d'accueil seule, 30 jours après la fin)."
                    )
                }
                return render(
                    "attestation",
                    try attestationData(immersion, convention: convention),
                    title: "Attestation de participation",
                    context: context
                )
            }
        }
        router.get("/a-traiter") { _, context in
            await page(context) {
                let session = try require(context)
                let names = try structureNames()
                let items = try ToDoList(node: node).items(for: Actor(session.account), today: today, names: names)
                var data: [String: Any] = [
                    "items": items.map { ["immersion": $0.immersion, "title": $0.title, "detail": $0.detail, "overdue": $0.overdue] },
                    "empty": items.isEmpty,
                ]
                if try node.role() == .hub, session.account.role == .admin {
                    let counts = try Steering(store: store).unansweredRequests(today: today)
                    data["hub"] =
                        [
                            "unansweredEmpty": counts.isEmpty,
                            "unanswered": counts.sorted { $0.key < $1.key }.map { ["name": names[$0.key] ?? $0.key, "count": $0.value] },
                        ] as [String: Any]
                }
                return render("todo", data, title: "À traiter", context: context)
            }
        }
    }

    static func days(_ n: Int) -> String { n == 0 ? "0 jour" : "\(n) jour\(n > 1 ? "s" : "")" }

    static let notices: [String: String] = [
        "demande": "Votre demande est enregistrée et chiffrée ; elle part vers la structure d'accueil à la prochaine synchronisation.",
        "reponse": "Votre réponse est enregistrée ; elle part à la prochaine synchronisation.",
        "dates": "Vous avez accepté les dates proposées ; la structure d'accueil établit maintenant la convention.",
        "convention": "Nouvelle version de la convention enregistrée.",
        "signature": "Votre signature est enregistrée pour cette version de la convention.",
        "annulation": "L'immersion est annulée ; l'autre structure en est informée à la prochaine synchronisation.",
        "evaluation": "Merci : votre évaluation est enregistrée.",
    ]

    // MARK: Access

    func requestableOffer(_ context: SiteContext) throws -> (StoredRecord, Offer) {
        guard let id = context.parameters.get("id"), let record = try store.currentRecord(id), record.type == .offer, !record.retracted,
            let offer = try? record.decode(Offer.self), offer.status == .published, record.origin != node.structureID
        else { throw PageError.notFound }
        return (record, offer)
    }

    /// Referents of either structure see its immersions; a professional sees their own.
    func mayView(_ immersion: Immersion, _ session: Session) -> Bool {
        let me = node.structureID
        guard immersion.visitorStructure == me || immersion.hostStructure == me else { return false }
        return session.account.role >= .referent || immersion.request.visitorEmail.lowercased() == session.account.email.lowercased()
    }

    func viewableImmersion(_ context: SiteContext, _ session: Session) throws -> Immersion {
        try viewable(context, session).immersion
    }

    /// The immersion the address names, with every immersion of the node (opened once per page).
    func viewable(_ context: SiteContext, _ session: Session) throws -> (immersion: Immersion, all: [Immersion]) {
        let all = try desk.book.all()
        guard let id = context.parameters.get("id"), let immersion = all.first(where: { $0.id == id }) else { throw PageError.notFound }
        guard mayView(immersion, session) else { throw PageError.forbidden }
        return (immersion, all)
    }

    // MARK: Request form

    static let requestFields: [FormField] = [
        .init(
            key: "job",
            label: "Votre métier",
            help: "Par exemple : éducatrice spécialisée, infirmier scolaire, conseillère Mission locale.",
            kind: .line,
            required: true
        ),
        .init(key: "experience", label: "Votre expérience", help: "Depuis quand vous exercez, auprès de quels publics.", kind: .text, required: true),
        .init(key: "from", label: "Premier jour souhaité", help: nil, kind: .date, required: true),
        .init(key: "to", label: "Dernier jour souhaité", help: nil, kind: .date, required: true),
        .init(
            key: "objective",
            label: "Ce que vous voulez découvrir, et pourquoi",
            help: "Ce que cette immersion changerait dans votre travail avec la structure d'accueil.",
            kind: .text,
            required: true
        ),
    ]

    func requestForm(
        record: StoredRecord,
        offer: Offer,
        session: Session,
        values: [String: String],
        issues: [ValidationIssue],
        attested: Bool,
        context: SiteContext
    ) throws -> Response {
        var errors: [String: String] = [:]
        for issue in issues {
            let key =
                switch issue.field {
                case let f where f.hasPrefix("period"): "from"
                case "visitorJob": "job"
                default: issue.field
                }
            errors[key] = errors[key] ?? (issue.message.prefix(1).uppercased() + issue.message.dropFirst())
        }
        let fields: [[String: Any]] = Self.requestFields.map { field in
            var item: [String: Any] = [
                "id": field.key, "label": field.label, "help": field.help as Any, "value": values[field.key] ?? "",
                "error": errors[field.key] as Any,
            ]
            switch field.kind {
            case .text: item["textarea"] = true
            case .date:
                item["input"] = true
                item["type"] = "date"
            default:
                item["input"] = true
                item["type"] = "text"
            }
            return item
        }
        var summary: [[String: String]] = Self.requestFields.compactMap { field in
            errors[field.key].map { ["anchor": field.key, "label": field.label, "message": $0] }
        }
        let attestationError = errors["practisingProfessional"]
        if let attestationError { summary.append(["anchor": "practisingProfessional", "label": "Attestation", "message": attestationError]) }
        let names = try structureNames()
        return render(
            "requestForm",
            [
                "offer": record.record, "csrf": session.csrfToken, "structureName": names[record.origin] ?? offer.hostStructure,
                "establishment": offer.establishment, "commune": offer.commune, "duration": OfferText.duration(offer.durationHalfDays),
                "periods": offer.possiblePeriods.map(OfferText.period).joined(separator: " ; "),
                "visitorName": session.account.name, "visitorEmail": session.account.email, "fields": fields,
                "attested": attested, "attestationError": attestationError as Any,
                "hasErrors": !summary.isEmpty, "errorCount": summary.count, "plural": summary.count > 1, "errors": summary,
            ],
            title: "Demander une immersion",
            context: context
        )
    }

    // MARK: Actions

    /// Runs one posted action; returns the notice key to show after the redirect.
    func perform(_ action: String, on immersion: Immersion, form: Form, session: Session) throws -> String {
        let actor = Actor(session.account)
        let now = configuration.now()
        func period(_ fromKey: String = "from", _ toKey: String = "to") throws -> Period {
            guard let from = Day(form[fromKey]), let to = Day(form[toKey]) else {
                throw ValidationError([ValidationIssue(field: "period", message: "indiquez les dates (premier et dernier jour).")])
            }
            guard from <= to else { throw ValidationError([ValidationIssue(field: "period", message: "la date de fin précède la date de début.")]) }
            return Period(from: from, to: to)
        }
        func terms() throws -> AcceptanceTerms {
            AcceptanceTerms(
                period: try period(),
                hours: form["hours"],
                places: form["places"],
                programme: form["programme"],
                practicalNotes: form["practicalNotes"]
            )
        }
        switch action {
        case "reponse":
            switch form["decision"] {
            case "accept": try desk.accept(immersion.id, terms: terms(), by: actor, today: today, now: now)
            case "counter": try desk.counter(immersion.id, period: period(), text: form["text"], by: actor, today: today, now: now)
            case "decline":
                try desk.decline(
                    immersion.id,
                    reason: ImmersionAnswer.Reason(rawValue: form["reason"]),
                    text: form["text"],
                    by: actor,
                    today: today,
                    now: now
                )
            default:
                throw ValidationError([
                    ValidationIssue(field: "decision", message: "choisissez une réponse : accepter, proposer d'autres dates ou refuser.")
                ])
            }
            return "reponse"
        case "dates":
            try desk.agreeToProposedDates(immersion.id, by: actor, today: today, now: now)
            return "dates"
        case "convention":
            try desk.reviseConvention(
                immersion.id,
                terms: terms(),
                contacts: (form["visitorPhone"], form["employerPhone"], form["hostPhone"]),
                by: actor,
                today: today,
                now: now
            )
            return "convention"
        case "signature":
            guard let party = ConventionSignature.Party(rawValue: form["party"]) else { throw Refusal("Signature incomplète : rechargez la page.") }
            try desk.sign(immersion.id, as: party, version: form["version"], by: actor, today: today, now: now)
            return "signature"
        case "annulation":
            try desk.cancel(immersion.id, reason: form["reason"], by: actor, today: today, now: now)
            return "annulation"
        case "evaluation":
            guard let role = desk.evaluationRole(immersion, by: actor, today: today) else {
                throw Refusal("Aucune évaluation n'est attendue de votre part pour cette immersion.")
            }
            let attended = form["attended"] != "0"
            let evaluation = ImmersionEvaluation(
                request: immersion.id,
                role: role,
                attended: attended,
                expected: form["expected"],
                observed: form["observed"],
                changedView: form["changedView"],
                satisfaction: attended ? Int(form["satisfaction"]) : nil,
                wouldRecommend: attended ? form["wouldRecommend"] == "1" : nil,
                comments: form["comments"],
                practiceChanges: role == .visitor ? form["practiceChanges"] : ""
            )
            try desk.evaluate(immersion.id, evaluation, by: actor, today: today, now: now)
            return "evaluation"
        default:
            throw PageError.notFound
        }
    }

    // MARK: Pages

    static func stateText(_ state: ImmersionState, names: [String: String]) -> String {
        switch state {
        case .noRequest: "Demande introuvable"
        case .requested: "Demande envoyée, en attente de réponse"
        case .declined(let reason): "Refusée : \(reasonLabel(reason))"
        case .counterProposed(let p): "Autres dates proposées : \(ToDoList.describe(p))"
        case .awaitingSignatures(let missing): "Acceptée — convention à signer (manque : \(missing.map(partyLabel).joined(separator: ", ")))"
        case .confirmed(let p): "Confirmée : toutes les parties ont signé (\(ToDoList.describe(p)))"
        case .inProgress: "En cours"
        case .cancelled(let by): "Annulée par \(names[by] ?? "une des structures")"
        case .completed(let p): "Terminée (\(ToDoList.describe(p)))"
        }
    }

    static func reasonLabel(_ reason: ImmersionAnswer.Reason) -> String {
        switch reason {
        case .noAvailability: "pas de disponibilité à ces dates"
        case .profileNotSuited: "profil ne correspondant pas à l'offre"
        case .offerFull: "offre complète"
        case .other: "autre raison"
        }
    }

    static func partyLabel(_ party: ConventionSignature.Party) -> String {
        switch party {
        case .visitor: "la personne accueillie"
        case .employer: "l'employeur (référent de la structure d'origine)"
        case .host: "la structure d'accueil"
        }
    }

    func partyStatus(_ immersion: Immersion) -> [[String: String]] {
        guard let current = immersion.conventions.last else { return [] }
        let material = current.convention.materialHash
        let versions = Dictionary(
            immersion.conventions.map { ($0.convention.versionHash, $0.convention.materialHash) },
            uniquingKeysWith: { a, _ in a }
        )
        return ConventionSignature.Party.allCases.map { party in
            let signature = immersion.signatures.last {
                $0.signature.party == party && versions[$0.signature.conventionHash] == material
                    && immersion.analysis.signed.contains(party)
            }
            let status = signature.map { "signée par \($0.signature.signerName) le \(FrenchDate.describe($0.entry.created))" } ?? "pas encore signée"
            return ["label": Self.partyLabel(party).prefix(1).uppercased() + Self.partyLabel(party).dropFirst(), "status": status]
        }
    }

    /// The opposite immersion between the same two structures, if one is open or done ("accueil croisé").
    func crossHosting(of immersion: Immersion, among all: [Immersion]) -> Immersion? {
        all.first { other in
            guard other.visitorStructure == immersion.hostStructure, other.hostStructure == immersion.visitorStructure else { return false }
            switch other.state(today: today) {
            case .declined, .cancelled, .noRequest: return false
            default: return true
            }
        }
    }

    func immersionsPage(session: Session, context: SiteContext) throws -> Response {
        let names = try structureNames()
        let all = try desk.book.all()
        let visible = all.filter { mayView($0, session) }
        func items(_ list: [Immersion], other: (Immersion) -> String) -> [[String: Any]] {
            list.map { immersion in
                [
                    "id": immersion.id, "visitor": immersion.request.visitorName, "other": names[other(immersion)] ?? "structure inconnue",
                    "dates": ToDoList.describe(immersion.period), "state": Self.stateText(immersion.state(today: today), names: names),
                    "crossed": crossHosting(of: immersion, among: all) != nil,
                ]
            }
        }
        let sent = visible.filter { $0.visitorStructure == node.structureID }
        let isHub = try node.role() == .hub
        let hosted = visible.filter { $0.hostStructure == node.structureID }
        var ledgerText: String?
        if session.account.role >= .referent, !isHub {
            let account = try desk.ledger(today: today, immersions: all)
            ledgerText =
                "Réciprocité : votre structure a accueilli \(Self.days(account.hostedDays)) et envoyé \(Self.days(account.sentDays)) en immersion (immersions réalisées)."
        }
        return render(
            "immersions",
            [
                "ledger": ledgerText as Any,
                "sections": [
                    [
                        "heading": "Demandées par votre structure", "otherLabel": "Structure d'accueil", "empty": sent.isEmpty,
                        "emptyText": isHub
                            ? "Le hub de la Maison des Adolescents (MDA) relaie les immersions sans pouvoir les lire : elles sont chiffrées pour les deux structures concernées."
                            : "Aucune demande pour l'instant : choisissez une offre dans le catalogue.", "items": items(sent) { $0.hostStructure },
                    ],
                    [
                        "heading": "Accueillies par votre structure", "otherLabel": "Structure d'origine", "empty": hosted.isEmpty,
                        "emptyText": "Aucune demande reçue pour l'instant.", "items": items(hosted) { $0.visitorStructure },
                    ],
                ],
            ],
            title: "Immersions",
            context: context
        )
    }

    func timeline(_ immersion: Immersion, names: [String: String]) -> [[String: String]] {
        var version = 0
        var previous: Convention?
        return immersion.entries.map { entry in
            let who = names[entry.author] ?? "structure inconnue"
            let what: String
            switch entry.step.kind {
            case .request(let r): what = "Demande envoyée par \(r.visitorName) (\(who)) ; dates souhaitées : \(ToDoList.describe(r.period))."
            case .answer(let a):
                switch a.decision {
                case .accept where entry.author == immersion.visitorStructure: what = "Dates proposées acceptées par \(who)."
                case .accept: what = "Acceptée par \(who) ; dates retenues : \(a.period.map(ToDoList.describe) ?? "celles demandées")."
                case .decline: what = "Refusée par \(who) : \(a.reason.map(Self.reasonLabel) ?? "")\(a.text.isEmpty ? "" : " — \(a.text)")."
                case .counter:
                    what = "Autres dates proposées par \(who) : \(a.period.map(ToDoList.describe) ?? "")\(a.text.isEmpty ? "" : " — \(a.text)")."
                }
            case .convention:
                version += 1
                if let previous, let convention = entry.convention {
                    let changes = convention.changes(since: previous)
                    if changes.material.isEmpty {
                        what =
                            "Convention modifiée par \(who) (version \(version)) : \((changes.other).joined(separator: ", ")) ; les signatures restent valables."
                    } else {
                        what =
                            "Convention modifiée par \(who) (version \(version)) : \((changes.material + changes.other).joined(separator: ", ")) ; chaque partie doit signer à nouveau."
                    }
                } else {
                    what = "Convention établie par \(who) (version \(version))."
                }
                previous = entry.convention
            case .signature(let s):
                let signedVersion = (immersion.conventions.firstIndex { $0.convention.versionHash == s.conventionHash } ?? -1) + 1
                what = "Convention signée par \(s.signerName) pour \(Self.partyLabel(s.party)) (version \(signedVersion))."
            case .cancellation(let c): what = "Annulée par \(who) : \(c.reason)"
            case .evaluation(let e): what = "Évaluation écrite par \(e.role == .visitor ? "la personne accueillie" : "la structure d'accueil")."
            }
            return ["when": FrenchDate.describe(entry.created), "what": what]
        }
    }

    func immersionPage(
        _ immersion: Immersion,
        among all: [Immersion],
        session: Session,
        context: SiteContext,
        notice: String? = nil,
        refusal: String? = nil,
        form: Form? = nil,
        issues: [ValidationIssue] = []
    ) throws -> Response {
        let names = try structureNames()
        let actor = Actor(session.account)
        let state = immersion.state(today: today)
        let me = node.structureID
        let offer = try store.currentRecord(immersion.request.offer).flatMap { try? $0.decode(Offer.self) }
        var data: [String: Any] = [
            "id": immersion.id, "csrf": session.csrfToken, "notice": notice as Any, "refusal": refusal as Any,
            "visitorName": immersion.request.visitorName, "visitorJob": immersion.request.visitorJob,
            "visitorStructure": names[immersion.visitorStructure] ?? "structure inconnue",
            "hostName": names[immersion.hostStructure] ?? "structure inconnue",
            "offer": immersion.request.offer, "requestedDates": ToDoList.describe(immersion.request.period),
            "objective": immersion.request.objective, "experience": immersion.request.experience,
            "state": Self.stateText(state, names: names), "timeline": timeline(immersion, names: names),
        ]
        if let other = crossHosting(of: immersion, among: all) {
            data["crossed"] = true
            data["crossedID"] = other.id
            data["crossedText"] =
                "\(names[other.visitorStructure] ?? "l'autre structure") demande aussi une immersion chez \(names[other.hostStructure] ?? "vous") ; chacune accueille un professionnel de l'autre."
        }
        var errors: [String: String] = [:]
        for issue in issues {
            errors[issue.field.hasPrefix("period") ? "period" : issue.field] = issue.message.prefix(1).uppercased() + issue.message.dropFirst()
        }
        let summary = errors.sorted { $0.key < $1.key }.map {
            ["anchor": Self.anchors[$0.key] ?? $0.key, "label": Self.fieldLabels[$0.key] ?? "Formulaire", "message": $0.value]
        }
        let errorData: [String: Any] = ["hasErrors": !summary.isEmpty, "errorCount": summary.count, "plural": summary.count > 1, "errors": summary]

        let isHostReferent = immersion.hostStructure == me && actor.role >= .referent
        if isHostReferent, case .requested = state {
            let decision = form?["decision"] ?? "accept"
            data["answerForm"] = errorData.merging(
                [
                    "accept": decision == "accept", "counter": decision == "counter", "decline": decision == "decline",
                    "from": form?["from"] ?? immersion.request.period.from.description, "to": form?["to"] ?? immersion.request.period.to.description,
                    "periodError": errors["period"] as Any,
                    "hours": form?["hours"] ?? "9 h – 17 h", "places": form?["places"] ?? offer.map { "\($0.establishment), \($0.commune)" } ?? "",
                    "programme": form?["programme"] ?? offer?.proposedContents ?? "", "practicalNotes": form?["practicalNotes"] ?? "",
                    "text": form?["text"] ?? "",
                    "reasons": ImmersionAnswer.Reason.allCases.map {
                        [
                            "value": $0.rawValue, "label": Self.reasonLabel($0).prefix(1).uppercased() + Self.reasonLabel($0).dropFirst(),
                            "selected": form?["reason"] == $0.rawValue,
                        ]
                    },
                ] as [String: Any]
            ) { a, _ in a }
        }
        if case .counterProposed(let p) = state, immersion.visitorStructure == me,
            actor.role >= .referent || actor.email.lowercased() == immersion.request.visitorEmail.lowercased()
        {
            data["agreeDates"] = ToDoList.describe(p)
        }
        if let current = immersion.conventions.last {
            var conventionData: [String: Any] = [
                "version": "\(immersion.conventions.count)", "date": FrenchDate.describe(current.entry.created),
                "hash": current.convention.versionHash, "parties": partyStatus(immersion),
                "signable": desk.signableParties(immersion, by: actor, today: today).map { ["party": $0.rawValue, "label": Self.signLabel($0)] },
            ]
            if immersion.conventions.count > 1 {
                let changes = current.convention.changes(since: immersion.conventions[immersion.conventions.count - 2].convention)
                conventionData["changes"] =
                    changes.material.isEmpty
                    ? "Dernière modification : \(changes.other.joined(separator: ", ")) — les signatures déjà données restent valables."
                    : "Dernière modification : \((changes.material + changes.other).joined(separator: ", ")) — chaque partie doit signer cette nouvelle version."
            }
            data["convention"] = conventionData
        }
        if isHostReferent {
            switch state {
            case .awaitingSignatures, .confirmed:
                let c = immersion.currentConvention
                let p = immersion.period
                let defaultPlaces = offer.map { "\($0.establishment), \($0.commune)" } ?? ""
                let hours: String = form?["hours"] ?? c?.hours ?? "9 h – 17 h"
                let places: String = form?["places"] ?? c?.places ?? defaultPlaces
                let programme: String = form?["programme"] ?? c?.programme ?? offer?.proposedContents ?? ""
                let notes: String = form?["practicalNotes"] ?? c?.practicalNotes ?? ""
                var edit: [String: String] = ["from": form?["from"] ?? p.from.description, "to": form?["to"] ?? p.to.description]
                edit["hours"] = hours
                edit["places"] = places
                edit["programme"] = programme
                edit["practicalNotes"] = notes
                edit["visitorPhone"] = c?.visitor.phone ?? ""
                edit["employerPhone"] = c?.employer.phone ?? ""
                edit["hostPhone"] = c?.host.phone ?? ""
                data["editForm"] = edit
            default: break
            }
        }
        if let role = desk.evaluationRole(immersion, by: actor, today: today) {
            data["evaluationForm"] = errorData.merging(
                [
                    "heading": role == .visitor ? "Évaluer votre immersion" : "Évaluer l'immersion",
                    "attendedQuestion": role == .visitor ? "Avez-vous effectué l'immersion ?" : "La personne est-elle venue ?",
                    "visitor": role == .visitor,
                    "expected": form?["expected"] ?? (role == .visitor ? offer?.expectedEffectsVisitor : offer?.expectedEffectsHost) ?? "",
                    "observed": form?["observed"] ?? "", "changedView": form?["changedView"] ?? "", "comments": form?["comments"] ?? "",
                    "practiceChanges": form?["practiceChanges"] ?? "",
                ] as [String: Any]
            ) { a, _ in a }
        }
        data["evaluations"] = [immersion.analysis.visitorEvaluation, immersion.analysis.hostEvaluation].compactMap { $0 }.map { e in
            [
                "who": e.role == .visitor ? "par la personne accueillie" : "par la structure d'accueil",
                "attended": e.attended ? "Venue" : "Pas venue", "expected": e.expected, "observed": e.observed, "changedView": e.changedView,
                "satisfaction": e.satisfaction.map(String.init) as Any, "recommend": e.wouldRecommend.map { $0 ? "Oui" : "Non" } as Any,
                "comments": e.comments, "practiceChanges": e.practiceChanges,
            ] as [String: Any]
        }
        data["attestation"] = immersion.analysis.attestationAvailable(today: today)
        data["cancelForm"] = desk.mayCancel(immersion, by: actor, today: today)
        return render("immersion", data, title: "Immersion de \(immersion.request.visitorName)", context: context)
    }

    /// Where each field's error points, and how the summary names it.
    static let anchors = ["period": "from", "decision": "decision-accept", "attended": "attended-yes"]
    static let fieldLabels = [
        "period": "Dates", "decision": "Votre réponse", "reason": "Raison du refus", "text": "Message", "hours": "Horaires", "places": "Lieux",
        "programme": "Programme", "attended": "Présence", "expected": "Effets attendus", "observed": "Ce que vous avez observé",
        "changedView": "Ce qui a changé dans votre regard", "satisfaction": "Satisfaction", "wouldRecommend": "Recommandation",
        "comments": "Commentaires", "practiceChanges": "Ce que je vais changer",
    ]

    static func signLabel(_ party: ConventionSignature.Party) -> String {
        switch party {
        case .visitor: "(pour vous-même)"
        case .employer: "(pour votre structure, en tant qu'employeur)"
        case .host: "(pour la structure d'accueil)"
        }
    }

    func attestationData(_ immersion: Immersion, convention: Convention) throws -> [String: Any] {
        let names = try structureNames()
        let material = convention.materialHash
        let versions = Dictionary(
            immersion.conventions.map { ($0.convention.versionHash, $0.convention.materialHash) },
            uniquingKeysWith: { a, _ in a }
        )
        let signed: [[String: String]] = ConventionSignature.Party.allCases.compactMap { party in
            guard let s = immersion.signatures.last(where: { $0.signature.party == party && versions[$0.signature.conventionHash] == material })
            else { return nil }
            return [
                "label": Self.partyLabel(party).prefix(1).uppercased() + Self.partyLabel(party).dropFirst(), "name": s.signature.signerName,
                "date": Day.today(s.entry.created.date).french,
            ]
        }
        let evaluations = [immersion.analysis.visitorEvaluation, immersion.analysis.hostEvaluation].compactMap { $0 }
        return [
            "id": immersion.id, "visitorName": immersion.request.visitorName, "visitorJob": immersion.request.visitorJob,
            "visitorStructure": names[immersion.visitorStructure] ?? convention.visitor.structure,
            "hostStructure": names[immersion.hostStructure] ?? convention.host.structure,
            "dates": ToDoList.describe(convention.period), "hours": convention.hours, "places": convention.places, "signatures": signed,
            "evaluations": evaluations.count == 2
                ? "écrites par la personne accueillie et par la structure d'accueil"
                : "écrite par la structure d'accueil (la personne accueillie n'a pas écrit la sienne dans les 30 jours)",
            "today": today.french, "issuer": names[node.structureID] ?? "ce nœud",
        ]
    }
}
