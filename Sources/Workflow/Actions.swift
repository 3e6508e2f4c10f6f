import Exchange
import Foundation
import Records
import Storage

/// Who acts on the site: a signed-in account of this node.
public struct Actor: Sendable {
    public let name: String
    public let email: String
    public let role: Role

    public init(name: String, email: String, role: Role) {
        self.name = name
        self.email = email
        self.role = role
    }

    public init(_ account: Account) {
        self.init(name: account.name, email: account.email, role: account.role)
    }
}

/// Why an action is refused, in plain French for staff; nothing was written.
public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The form of an acceptance: the dates confirmed, and what the convention needs.
public struct AcceptanceTerms: Sendable {
    public var period: Period
    public var hours: String
    public var places: String
    public var programme: String
    public var practicalNotes: String

    public init(period: Period, hours: String, places: String, programme: String, practicalNotes: String = "") {
        self.period = period
        self.hours = hours
        self.places = places
        self.programme = programme
        self.practicalNotes = practicalNotes
    }
}

/// The steps of an immersion, each taken by the party entitled to it, on its own node, as a
/// sealed record addressed to the other structure. Every rule is checked before anything is written.
public struct ImmersionDesk: Sendable {
    public let node: OpenNode
    public let book: ImmersionBook

    public init(node: OpenNode) {
        self.node = node
        book = ImmersionBook(node: node)
    }

    var me: String { node.structureID }

    // MARK: Step 1 and 2: request, under the reciprocity rule

    /// The reciprocity rule in force: the source's floor (one published offer), or the hub's stricter setting.
    public func reciprocityPolicy() throws -> ReciprocityPolicy {
        let hub = try node.settings[.hubStructureID]
        let published = try node.store.currentRecords(type: ReciprocityPolicy.recordType).filter { $0.origin == hub }
        guard let latest = published.max(by: { $0.created < $1.created }), let policy = try? latest.decode(ReciprocityPolicy.self) else {
            return .floor
        }
        return ReciprocityPolicy(
            minimumPublishedOffers: max(policy.minimumPublishedOffers, ReciprocityPolicy.floor.minimumPublishedOffers),
            maximumDaysOwed: policy.maximumDaysOwed
        )
    }

    /// This structure's reciprocity ledger: it is a party to all its immersions, so its own
    /// account is complete here.
    /// `immersions`: the book's contents when the caller already opened them.
    public func ledger(today: Day, immersions: [Immersion]? = nil) throws -> Ledger.Account {
        let sectors = Dictionary(try node.store.structures().map { ($0.structureID, $0.sector) }, uniquingKeysWith: { a, _ in a })
        let entries = try (immersions ?? book.all()).map { Ledger.Entry(visitor: $0.visitorStructure, host: $0.hostStructure, analysis: $0.analysis) }
        return Ledger(entries, sectors: sectors, today: today)[me]
    }

    /// Nil when this structure may ask for immersions; otherwise the explanation to show.
    public func reciprocityProblem(today: Day = Day.today()) throws -> String? {
        let policy = try reciprocityPolicy()
        let required = policy.minimumPublishedOffers
        let published = try node.store.publishedOfferCounts()[me] ?? 0
        if published < required {
            let offers = required == 1 ? "une offre d'accueil publiée" : "\(required) offres d'accueil publiées"
            return "La bourse repose sur la réciprocité : une structure qui demande une immersion en propose une en retour. "
                + "Votre structure doit avoir au moins \(offers) (elle en a \(published)) avant de pouvoir faire une demande."
        }
        if let threshold = policy.maximumDaysOwed {
            let account = try ledger(today: today)
            if account.sentDays - account.hostedDays >= threshold, try !hasOpenPeriod(today: today) {
                return "Votre structure a envoyé \(account.sentDays) jours en immersion et en a accueilli \(account.hostedDays). "
                    + "Au-delà de \(threshold) jours d'écart, la règle du réseau demande d'ouvrir d'abord une nouvelle période d'accueil dans l'une de vos offres publiées."
            }
        }
        return nil
    }

    /// Whether one of our published offers still has a period to come.
    func hasOpenPeriod(today: Day) throws -> Bool {
        try node.store.currentRecords(type: .offer, origin: me).contains { record in
            guard let offer = try? record.decode(Offer.self), offer.status == .published else { return false }
            return offer.possiblePeriods.contains { $0.to > today }
        }
    }

    @discardableResult
    public func request(
        offer offerID: String,
        by actor: Actor,
        job: String,
        experience: String,
        period: Period?,
        objective: String,
        practisingProfessional: Bool,
        today: Day,
        now: Date = Date()
    ) throws -> String {
        guard let record = try node.store.currentRecord(offerID), record.type == .offer, !record.retracted,
            let offer = try? record.decode(Offer.self), offer.status == .published
        else {
            throw Refusal("Cette offre n'existe pas ou n'est plus publiée.")
        }
        guard record.origin != me else { throw Refusal("Cette offre est celle de votre propre structure : l'immersion se fait chez un partenaire.") }
        if let problem = try reciprocityProblem(today: today) { throw Refusal(problem) }
        let json: JSONValue = .object([
            "offer": .string(offerID), "host": .string(record.origin), "visitorName": .string(actor.name), "visitorEmail": .string(actor.email),
            "visitorJob": .string(job), "experience": .string(experience), "objective": .string(objective),
            "period": .array(period.map { [$0.json] } ?? []), "practisingProfessional": .bool(practisingProfessional),
        ])
        let request = try ImmersionRequest.validated(json)
        try check(request.period, within: offer, today: today, field: "period")
        let envelope = try seal(request, .request(request), thread: "", to: record.origin, in: nil, now: now)
        return envelope.header.record
    }

    /// Dates must start after today and fall inside one of the offer's periods.
    func check(_ period: Period, within offer: Offer, today: Day, field: String) throws {
        var issues: [ValidationIssue] = []
        if period.from <= today { issues.append(ValidationIssue(field: field, message: "les dates doivent commencer après aujourd'hui.")) }
        if !offer.possiblePeriods.contains(where: { $0.contains(period) }) {
            let periods = offer.possiblePeriods.map { "du \($0.from.french) au \($0.to.french)" }.joined(separator: " ; ")
            issues.append(ValidationIssue(field: field, message: "les dates doivent tenir dans une période proposée par l'offre (\(periods))."))
        }
        if !issues.isEmpty { throw ValidationError(issues) }
    }

    // MARK: Step 3: answer

    func immersion(_ id: String) throws -> Immersion {
        guard let immersion = try book.immersion(id) else { throw Refusal("Cette immersion est introuvable sur ce nœud.") }
        return immersion
    }

    func requireHostReferent(_ immersion: Immersion, _ actor: Actor) throws {
        guard immersion.hostStructure == me else { throw Refusal("Seule la structure d'accueil peut faire cela.") }
        guard actor.role >= .referent else { throw Refusal("Seul un référent de la structure d'accueil peut faire cela.") }
    }

    /// Accepts: writes the answer and the first convention version.
    public func accept(_ id: String, terms: AcceptanceTerms, by actor: Actor, today: Day, now: Date = Date()) throws {
        let immersion = try immersion(id)
        try requireHostReferent(immersion, actor)
        try requireAnswerable(immersion, today: today)
        if terms.period.from <= today {
            throw ValidationError([ValidationIssue(field: "period", message: "les dates doivent commencer après aujourd'hui.")])
        }
        let answer = try ImmersionAnswer.validated(ImmersionAnswer(request: id, decision: .accept, period: terms.period).json)
        let convention = try draftConvention(immersion, terms: terms, host: actor)
        let other = immersion.visitorStructure
        try seal(answer, .answer(answer), thread: id, to: other, in: immersion, now: now)
        try seal(
            convention,
            .convention(hash: convention.convention.versionHash, materialHash: convention.convention.materialHash),
            thread: id,
            to: other,
            in: immersion,
            convention: convention.convention,
            now: now
        )
    }

    public func decline(_ id: String, reason: ImmersionAnswer.Reason?, text: String, by actor: Actor, today: Day, now: Date = Date()) throws {
        let immersion = try immersion(id)
        try requireHostReferent(immersion, actor)
        try requireAnswerable(immersion, today: today)
        var o: [String: JSONValue] = ["request": .string(id), "decision": .string("decline"), "text": .string(text), "period": .array([])]
        if let reason { o["reason"] = .string(reason.rawValue) }
        let answer = try ImmersionAnswer.validated(.object(o))
        try seal(answer, .answer(answer), thread: id, to: immersion.visitorStructure, in: immersion, now: now)
    }

    public func counter(_ id: String, period: Period, text: String, by actor: Actor, today: Day, now: Date = Date()) throws {
        let immersion = try immersion(id)
        try requireHostReferent(immersion, actor)
        try requireAnswerable(immersion, today: today)
        if period.from <= today {
            throw ValidationError([ValidationIssue(field: "period", message: "les dates proposées doivent commencer après aujourd'hui.")])
        }
        let answer = try ImmersionAnswer.validated(ImmersionAnswer(request: id, decision: .counter, period: period, text: text).json)
        try seal(answer, .answer(answer), thread: id, to: immersion.visitorStructure, in: immersion, now: now)
    }

    func requireAnswerable(_ immersion: Immersion, today: Day) throws {
        switch immersion.state(today: today) {
        case .requested, .counterProposed: return
        default: throw Refusal("Cette demande a déjà reçu sa réponse, ou elle a été annulée.")
        }
    }

    /// The visitor agrees to the dates the host proposed.
    public func agreeToProposedDates(_ id: String, by actor: Actor, today: Day, now: Date = Date()) throws {
        let immersion = try immersion(id)
        guard immersion.visitorStructure == me, actor.email.lowercased() == immersion.request.visitorEmail.lowercased() || actor.role >= .referent
        else {
            throw Refusal("Seule la personne qui a fait la demande, ou un référent de sa structure, peut accepter les dates proposées.")
        }
        guard case .counterProposed(let period) = immersion.state(today: today) else {
            throw Refusal("Il n'y a pas de dates proposées en attente pour cette demande.")
        }
        let answer = try ImmersionAnswer.validated(ImmersionAnswer(request: id, decision: .accept, period: period).json)
        try seal(answer, .answer(answer), thread: id, to: immersion.hostStructure, in: immersion, now: now)
    }

    // MARK: Step 4 and 5: convention and signatures

    /// The convention from the network's template, the request, the offer and the acceptance terms.
    func draftConvention(_ immersion: Immersion, terms: AcceptanceTerms, host: Actor) throws -> ImmersionConvention {
        let names = Dictionary(try node.store.structures().map { ($0.structureID, $0.name) }, uniquingKeysWith: { a, _ in a })
        let visitorProfile = try node.store.currentRecords(type: .structureProfile, origin: immersion.visitorStructure).first
            .flatMap { try? $0.decode(StructureProfile.self) }
        let visitorStructureName = names[immersion.visitorStructure] ?? immersion.visitorStructure
        let hostStructureName = names[me] ?? me
        let employer: Convention.Person =
            visitorProfile?.resourcePerson.map {
                Convention.Person(name: $0.name, role: $0.role, structure: visitorStructureName, email: $0.email, phone: $0.phone)
            } ?? Convention.Person(name: "Référent de la structure", role: "Référent Vis ma vie pro", structure: visitorStructureName)
        let template = try networkTemplate()
        let convention = Convention(
            visitor: .init(
                name: immersion.request.visitorName,
                role: immersion.request.visitorJob,
                structure: visitorStructureName,
                email: immersion.request.visitorEmail
            ),
            employer: employer,
            host: .init(name: host.name, role: "Référent Vis ma vie pro", structure: hostStructureName, email: host.email),
            period: terms.period,
            hours: terms.hours,
            places: terms.places,
            programme: terms.programme,
            principles: template.principles,
            practicalNotes: terms.practicalNotes,
            template: template.text
        )
        return try ImmersionConvention.validated(ImmersionConvention(request: immersion.id, convention: convention).json)
    }

    /// The hub's published template, or the one shipped with the software.
    public func networkTemplate() throws -> ConventionTemplateRecord {
        let hub = try node.settings[.hubStructureID]
        let published = try node.store.currentRecords(type: ConventionTemplateRecord.recordType).filter { $0.origin == hub }
        if let latest = published.max(by: { $0.created < $1.created }), let template = try? latest.decode(ConventionTemplateRecord.self) {
            return template
        }
        return ConventionTemplateRecord(
            title: "Convention d'immersion (modèle par défaut)",
            text: ConventionTemplate.text,
            principles: ConventionTemplate.principles
        )
    }

    /// Publishes a new version of the convention, for an agreed immersion (the first one after
    /// agreed proposed dates, or an edit). Returns what changed since the previous version.
    @discardableResult
    public func reviseConvention(
        _ id: String,
        terms: AcceptanceTerms,
        contacts: (visitorPhone: String, employerPhone: String, hostPhone: String)? = nil,
        by actor: Actor,
        today: Day,
        now: Date = Date()
    ) throws -> (material: [String], other: [String]) {
        let immersion = try immersion(id)
        try requireHostReferent(immersion, actor)
        switch immersion.state(today: today) {
        case .awaitingSignatures, .confirmed: break
        default: throw Refusal("La convention ne peut être établie ou modifiée que pour une immersion acceptée, avant qu'elle commence.")
        }
        if terms.period.from <= today {
            throw ValidationError([ValidationIssue(field: "period", message: "les dates doivent commencer après aujourd'hui.")])
        }
        var draft = try draftConvention(immersion, terms: terms, host: actor)
        if let previous = immersion.currentConvention {
            // An edit keeps the parties as written and the wording they signed; only the terms change.
            draft.convention.visitor = previous.visitor
            draft.convention.employer = previous.employer
            draft.convention.host = previous.host
            draft.convention.principles = previous.principles
            draft.convention.template = previous.template
        }
        if let contacts {
            draft.convention.visitor.phone = contacts.visitorPhone
            draft.convention.employer.phone = contacts.employerPhone
            draft.convention.host.phone = contacts.hostPhone
        }
        let convention = try ImmersionConvention.validated(draft.json)
        let changes: (material: [String], other: [String]) = immersion.currentConvention.map { convention.convention.changes(since: $0) } ?? ([], [])
        if immersion.currentConvention != nil && changes.material.isEmpty && changes.other.isEmpty {
            throw Refusal("Rien n'a changé : aucune nouvelle version n'a été créée.")
        }
        if convention.convention.period != immersion.analysis.agreedPeriod, immersion.analysis.agreedPeriod != nil {
            // New dates are a new agreement: the answer carries them, so both nodes compute the same period.
            let answer = try ImmersionAnswer.validated(ImmersionAnswer(request: id, decision: .accept, period: convention.convention.period).json)
            try seal(answer, .answer(answer), thread: id, to: immersion.visitorStructure, in: immersion, now: now)
        }
        try seal(
            convention,
            .convention(hash: convention.convention.versionHash, materialHash: convention.convention.materialHash),
            thread: id,
            to: immersion.visitorStructure,
            in: immersion,
            convention: convention.convention,
            now: now
        )
        return changes
    }

    /// The parties `actor` may sign for on this node, among those still missing.
    public func signableParties(_ immersion: Immersion, by actor: Actor, today: Day) -> [ConventionSignature.Party] {
        guard case .awaitingSignatures(let missing) = immersion.state(today: today), immersion.currentConvention != nil else { return [] }
        return missing.filter { mayAct(as: $0, immersion, actor) }
    }

    func mayAct(as party: ConventionSignature.Party, _ immersion: Immersion, _ actor: Actor) -> Bool {
        switch party {
        case .visitor: immersion.visitorStructure == me && actor.email.lowercased() == immersion.request.visitorEmail.lowercased()
        case .employer: immersion.visitorStructure == me && actor.role >= .referent
        case .host: immersion.hostStructure == me && actor.role >= .referent
        }
    }

    /// Signs the current version, as `party`.
    public func sign(_ id: String, as party: ConventionSignature.Party, version: String, by actor: Actor, today: Day, now: Date = Date()) throws {
        let immersion = try immersion(id)
        guard mayAct(as: party, immersion, actor) else {
            let who =
                switch party {
                case .visitor: "Seule la personne accueillie signe pour elle-même, depuis le nœud de sa structure."
                case .employer: "Seul un référent de la structure d'origine signe pour l'employeur."
                case .host: "Seul un référent de la structure d'accueil signe pour elle."
                }
            throw Refusal(who)
        }
        guard let current = immersion.conventions.last else { throw Refusal("La convention n'est pas encore établie.") }
        guard current.convention.versionHash == version else {
            throw Refusal("La convention a changé depuis que vous l'avez ouverte : relisez la nouvelle version avant de signer.")
        }
        guard signableParties(immersion, by: actor, today: today).contains(party) else {
            throw Refusal("Cette signature n'est pas attendue : déjà donnée pour cette version, ou l'immersion n'est plus à signer.")
        }
        let signature = try ConventionSignature.validated(
            ConventionSignature(request: id, party: party, conventionHash: version, signerName: actor.name).json
        )
        try seal(signature, .signature(signature), thread: id, to: immersion.counterpart(of: me), in: immersion, now: now)
    }

    // MARK: Step 6: cancellation

    public func mayCancel(_ immersion: Immersion, by actor: Actor, today: Day) -> Bool {
        switch immersion.state(today: today) {
        case .requested, .counterProposed, .awaitingSignatures, .confirmed, .inProgress: break
        default: return false
        }
        guard immersion.visitorStructure == me || immersion.hostStructure == me else { return false }
        // After the last day there is nothing left to cancel (a late cancellation would not count).
        if let end = immersion.analysis.agreedPeriod?.to, today > end { return false }
        return actor.role >= .referent
            || (immersion.visitorStructure == me && actor.email.lowercased() == immersion.request.visitorEmail.lowercased())
    }

    public func cancel(_ id: String, reason: String, by actor: Actor, today: Day, now: Date = Date()) throws {
        let immersion = try immersion(id)
        guard mayCancel(immersion, by: actor, today: today) else {
            throw Refusal("Cette immersion ne peut plus être annulée (terminée, refusée ou déjà annulée), ou votre compte ne le permet pas.")
        }
        let cancellation = try ImmersionCancellation.validated(ImmersionCancellation(request: id, reason: reason).json)
        try seal(cancellation, .cancellation(cancellation), thread: id, to: immersion.counterpart(of: me), in: immersion, now: now)
    }

    // MARK: Step 7: evaluation

    /// The evaluation `actor` may write on this node, if any is due.
    public func evaluationRole(_ immersion: Immersion, by actor: Actor, today: Day) -> ImmersionEvaluation.Role? {
        guard case .completed = immersion.state(today: today) else { return nil }
        if immersion.visitorStructure == me, actor.email.lowercased() == immersion.request.visitorEmail.lowercased(),
            immersion.analysis.visitorEvaluation == nil
        {
            return .visitor
        }
        if immersion.hostStructure == me, actor.role >= .referent, immersion.analysis.hostEvaluation == nil { return .host }
        return nil
    }

    public func evaluate(_ id: String, _ json: JSONValue, by actor: Actor, today: Day, now: Date = Date()) throws {
        let immersion = try immersion(id)
        let evaluation = try ImmersionEvaluation.validated(json)
        guard evaluation.request == id, evaluationRole(immersion, by: actor, today: today) == evaluation.role else {
            throw Refusal(
                "Cette évaluation n'est pas attendue de votre part : elle est déjà écrite, l'immersion n'est pas terminée, ou elle revient à une autre personne."
            )
        }
        try seal(evaluation, .evaluation(evaluation), thread: id, to: immersion.counterpart(of: me), in: immersion, now: now)
    }
}
