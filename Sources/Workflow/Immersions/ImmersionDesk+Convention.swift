import Exchange
import Foundation
import Records
import Storage

extension ImmersionDesk {
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
        return try ImmersionConvention(request: immersion.id, convention: convention).validated()
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
        try checkDuration(terms.period, of: immersion)
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
        let convention = try draft.validated()
        let changes: (material: [String], other: [String]) = immersion.currentConvention.map { convention.convention.changes(since: $0) } ?? ([], [])
        if immersion.currentConvention != nil && changes.material.isEmpty && changes.other.isEmpty {
            throw Refusal("Rien n'a changé : aucune nouvelle version n'a été créée.")
        }
        if convention.convention.period != immersion.analysis.agreedPeriod, immersion.analysis.agreedPeriod != nil {
            // New dates are a new agreement: the answer carries them, so both nodes compute the same period.
            let answer = try ImmersionAnswer(request: id, decision: .accept, period: convention.convention.period).validated()
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

    /// What `actor` declares when signing the current version as `party`.
    public func statement(_ immersion: Immersion, as party: ConventionSignature.Party, by actor: Actor) -> SigningStatement? {
        guard let current = immersion.currentConvention else { return nil }
        return SigningStatement(signer: actor.name, party: party, convention: current, version: immersion.conventions.count)
    }

    /// Signs the current version, as `party`, once the person has confirmed the statement shown
    /// to them (`confirmed`); the signature records the capacity they sign in.
    public func sign(
        _ id: String,
        as party: ConventionSignature.Party,
        version: String,
        confirmed: Bool,
        by actor: Actor,
        today: Day,
        now: Date = Date()
    ) throws {
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
        guard confirmed else {
            throw ValidationError([
                ValidationIssue(
                    field: "confirm",
                    message: "cochez la case qui confirme que vous avez lu la convention et vous engagez à la respecter."
                )
            ])
        }
        let capacity = SigningStatement.capacity(party, convention: current.convention)
        let signature = try ConventionSignature(request: id, party: party, conventionHash: version, signerName: actor.name, capacity: capacity)
            .validated()
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
        let cancellation = try ImmersionCancellation(request: id, reason: reason).validated()
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

    public func evaluate(_ id: String, _ evaluation: ImmersionEvaluation, by actor: Actor, today: Day, now: Date = Date()) throws {
        let immersion = try immersion(id)
        let evaluation = try evaluation.validated()
        guard evaluation.request == id, evaluationRole(immersion, by: actor, today: today) == evaluation.role else {
            throw Refusal(
                "Cette évaluation n'est pas attendue de votre part : elle est déjà écrite, l'immersion n'est pas terminée, ou elle revient à une autre personne."
            )
        }
        try seal(evaluation, .evaluation(evaluation), thread: id, to: immersion.counterpart(of: me), in: immersion, now: now)
        // The host's evaluation that makes the attestation due issues the credential at once; the
        // background pass (`Credentials.issueDue`) covers the visitor's arriving by sync, and a failure here.
        if immersion.hostStructure == me { _ = try? Credentials(node: node).issueDue(today: today, now: now, only: id) }
    }
}
