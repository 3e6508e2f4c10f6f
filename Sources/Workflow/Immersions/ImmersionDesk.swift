import Exchange
import Foundation
import Records
import Storage

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
        let request = try ImmersionRequest.validated(
            offer: offerID,
            host: record.origin,
            visitorName: actor.name,
            visitorEmail: actor.email,
            visitorJob: job,
            experience: experience,
            period: period,
            objective: objective,
            practisingProfessional: practisingProfessional
        )
        try check(request.period, within: offer, today: today, field: "period")
        if let existing = Self.pendingRequest(like: request, among: try book.all(), today: today) {
            throw Refusal(
                "Vous avez déjà une demande en cours pour cette offre à ces dates (\(French.dates(existing.period))) : "
                    + "suivez-la plutôt que d'en envoyer une seconde.",
                immersion: existing.id
            )
        }
        let envelope = try seal(request, .request(request), thread: "", to: record.origin, in: nil, now: now)
        return envelope.header.record
    }

    /// Dates must start after today, fall inside one of the offer's periods and keep to its duration.
    func check(_ period: Period, within offer: Offer, today: Day, field: String) throws {
        var issues: [ValidationIssue] = []
        if period.from <= today { issues.append(ValidationIssue(field: field, message: "les dates doivent commencer après aujourd'hui.")) }
        if !offer.possiblePeriods.contains(where: { $0.contains(period) }) {
            let periods = French.periods(offer.possiblePeriods)
            issues.append(ValidationIssue(field: field, message: "les dates doivent tenir dans une période proposée par l'offre (\(periods))."))
        }
        if let problem = offer.durationProblem(period) {
            issues.append(ValidationIssue(field: field, message: "\(problem) ; la structure d'accueil pourra proposer une autre durée."))
        }
        if !issues.isEmpty { throw ValidationError(issues) }
    }

    /// The same person's request for the same offer, on overlapping dates, still under way:
    /// sending a second one would only duplicate it.
    public static func pendingRequest(like request: ImmersionRequest, among immersions: [Immersion], today: Day) -> Immersion? {
        immersions.first { other in
            guard other.request.offer == request.offer, other.request.visitorEmail.lowercased() == request.visitorEmail.lowercased(),
                other.period.overlaps(request.period) || other.request.period.overlaps(request.period)
            else { return false }
            switch other.state(today: today) {
            case .requested, .counterProposed, .awaitingSignatures, .confirmed, .inProgress: return true
            case .noRequest, .declined, .cancelled, .completed: return false
            }
        }
    }

    /// The offer a request was made on, as this node holds it now.
    func offer(of immersion: Immersion) throws -> Offer? {
        try node.store.currentRecord(immersion.request.offer).flatMap { try? $0.decode(Offer.self) }
    }

    /// Dates the host sets in an acceptance or a convention keep to the offer's duration, unless
    /// both sides agreed to them through a counter-proposal.
    func checkDuration(_ period: Period, of immersion: Immersion) throws {
        guard period != immersion.analysis.agreedPeriod, let offer = try offer(of: immersion), let problem = offer.durationProblem(period) else {
            return
        }
        throw ValidationError([
            ValidationIssue(field: "period", message: "\(problem) : pour une autre durée, proposez d'autres dates, que la personne devra accepter.")
        ])
    }

    /// Referents of either structure see its immersions; a professional sees their own.
    public func mayView(_ immersion: Immersion, by actor: Actor) -> Bool {
        guard immersion.visitorStructure == me || immersion.hostStructure == me else { return false }
        return actor.role >= .referent || immersion.request.visitorEmail.lowercased() == actor.email.lowercased()
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
        try checkDuration(terms.period, of: immersion)
        let answer = try ImmersionAnswer(request: id, decision: .accept, period: terms.period).validated()
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
        let answer = try ImmersionAnswer(request: id, decision: .decline, reason: reason, text: text).validated()
        try seal(answer, .answer(answer), thread: id, to: immersion.visitorStructure, in: immersion, now: now)
    }

    public func counter(_ id: String, period: Period, text: String, by actor: Actor, today: Day, now: Date = Date()) throws {
        let immersion = try immersion(id)
        try requireHostReferent(immersion, actor)
        try requireAnswerable(immersion, today: today)
        if period.from <= today {
            throw ValidationError([ValidationIssue(field: "period", message: "les dates proposées doivent commencer après aujourd'hui.")])
        }
        let answer = try ImmersionAnswer(request: id, decision: .counter, period: period, text: text).validated()
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
        let answer = try ImmersionAnswer(request: id, decision: .accept, period: period).validated()
        try seal(answer, .answer(answer), thread: id, to: immersion.hostStructure, in: immersion, now: now)
    }

}
