import Foundation
import Records
import Storage

/// One published version of a network rule: who signed it is always the hub; when, and its number.
public struct PublishedVersion<Body: RecordBody>: Sendable {
    public let record: String
    public let envelope: String
    public let body: Body
    public let created: Timestamp
    /// 1 for the first version published.
    public let number: Int
}

/// The network's shared rules, which the MDA edits from the hub: the glossary's entries, the
/// convention template and the reciprocity rule. Each save signs a network record (a new
/// version of the same record id, so every node keeps the history); the current rule is the
/// latest version the hub signed. The site and the command line call these same functions.
public struct NetworkRulesDesk: Sendable {
    public let node: OpenNode

    public init(node: OpenNode) { self.node = node }

    // MARK: Glossary

    public struct GlossaryItem: Sendable {
        public let record: String
        public let entry: GlossaryEntry
        public let updated: Timestamp
        public let versions: Int
    }

    /// The current entries, sorted by term.
    public func glossary() throws -> [GlossaryItem] {
        let hub = try hubID()
        return try node.store.currentRecords(type: GlossaryEntry.recordType, origin: hub).compactMap { stored in
            guard let entry = try? stored.decode(GlossaryEntry.self), let updated = Timestamp(stored.created) else { return nil }
            return GlossaryItem(record: stored.record, entry: entry, updated: updated, versions: try node.store.versions(of: stored.record).count)
        }
        .sorted { $0.entry.term.localizedCompare($1.entry.term) == .orderedAscending }
    }

    public func glossaryItem(_ record: String) throws -> GlossaryItem? { try glossary().first { $0.record == record } }

    /// Every version of one entry, newest first (retracted versions are not listed: a tombstone has no text).
    public func glossaryHistory(_ record: String) throws -> [PublishedVersion<GlossaryEntry>] {
        try history(of: [record], as: GlossaryEntry.self)
    }

    /// Adds an entry (`replacing` nil) or signs a new version of one. Saving what is already
    /// published signs nothing. A term is listed once: adding a term already there is refused.
    @discardableResult
    public func saveGlossaryEntry(
        _ draft: GlossaryEntry,
        replacing record: String?,
        by actor: AdministrativeActor,
        now: Date = Date()
    )
        throws -> GlossaryItem
    {
        try requireHub()
        let entry = try GlossaryEntry.validated(draft.json)
        let current = try glossary()
        if let record {
            guard let existing = current.first(where: { $0.record == record }) else { throw AdministrationError.unknownRule }
            if existing.entry == entry { return existing }
        }
        if let twin = current.first(where: { $0.record != record && $0.entry.term.caseInsensitiveCompare(entry.term) == .orderedSame }) {
            throw ValidationError([
                ValidationIssue(field: "term", message: "le sigle « \(twin.entry.term) » est déjà dans le lexique : modifiez sa définition plutôt.")
            ])
        }
        let envelope = try node.store.append(entry, record: record, as: node.author, now: now)
        try node.audit.append(actor: actor.name, action: .rulePublished, subject: "Lexique : \(entry.term)", address: actor.address, now: now)
        guard let saved = try glossaryItem(envelope.header.record) else { throw AdministrationError.unknownRule }
        return saved
    }

    /// Takes an entry out of the glossary (a signed retraction every node applies).
    public func retractGlossaryEntry(_ record: String, by actor: AdministrativeActor, now: Date = Date()) throws {
        try requireHub()
        guard let existing = try glossaryItem(record) else { throw AdministrationError.unknownRule }
        try node.store.retract(record, reason: "Retiré du lexique par la MDA.", as: node.author, now: now)
        try node.audit.append(
            actor: actor.name,
            action: .rulePublished,
            subject: "Lexique : \(existing.entry.term) retiré",
            address: actor.address,
            now: now
        )
    }

    // MARK: Convention template and reciprocity rule

    /// Every version the hub published, newest first; the first is the one in force.
    public func templateHistory() throws -> [PublishedVersion<ConventionTemplateRecord>] {
        try history(of: publishedRecords(ConventionTemplateRecord.recordType), as: ConventionTemplateRecord.self)
    }

    public func reciprocityHistory() throws -> [PublishedVersion<ReciprocityPolicy>] {
        try history(of: publishedRecords(ReciprocityPolicy.recordType), as: ReciprocityPolicy.self)
    }

    /// Publishes a template as the new version of the network's template; the same text as the
    /// one in force signs nothing. Conventions already drawn up keep the wording they have.
    @discardableResult
    public func publishTemplate(_ draft: ConventionTemplateRecord, by actor: AdministrativeActor, now: Date = Date()) throws -> Bool {
        try publish(ConventionTemplateRecord.validated(draft.json), history: templateHistory(), subject: "Modèle de convention", by: actor, now: now)
    }

    @discardableResult
    public func publishReciprocity(_ draft: ReciprocityPolicy, by actor: AdministrativeActor, now: Date = Date()) throws -> Bool {
        try publish(ReciprocityPolicy.validated(draft.json), history: reciprocityHistory(), subject: "Règle de réciprocité", by: actor, now: now)
    }

    public func retentionHistory() throws -> [PublishedVersion<RetentionPolicy>] {
        try history(of: publishedRecords(RetentionPolicy.recordType), as: RetentionPolicy.self)
    }

    /// Publishes the network's retention periods; every node applies them from its next daily pass.
    @discardableResult
    public func publishRetention(_ draft: RetentionPolicy, by actor: AdministrativeActor, now: Date = Date()) throws -> Bool {
        try publish(RetentionPolicy.validated(draft.json), history: retentionHistory(), subject: "Durées de conservation", by: actor, now: now)
    }

    // MARK: Référentiel des échanges

    public func frameworkHistory() throws -> [PublishedVersion<ExchangeFramework>] {
        try history(of: publishedRecords(ExchangeFramework.recordType), as: ExchangeFramework.self)
    }

    /// Publishes a new version of the référentiel; the same text as the one in force signs
    /// nothing. Evaluations already written keep the version they answered.
    @discardableResult
    public func publishFramework(_ draft: ExchangeFramework, by actor: AdministrativeActor, now: Date = Date()) throws -> Bool {
        try publish(ExchangeFramework.validated(draft.json), history: frameworkHistory(), subject: "Référentiel des échanges", by: actor, now: now)
    }

    /// The référentiel in force on this node: the latest version the hub published, else the
    /// one the software ships.
    public func framework() throws -> FrameworkInForce {
        guard let latest = try frameworkHistory().first else { return .standard }
        return FrameworkInForce(framework: latest.body, version: latest.envelope, number: latest.number, published: latest.created)
    }

    // MARK: -

    func publish<Body: RecordBody & Equatable>(
        _ body: Body,
        history: [PublishedVersion<Body>],
        subject: String,
        by actor: AdministrativeActor,
        now: Date
    ) throws -> Bool {
        try requireHub()
        if history.first?.body == body { return false }
        try node.store.append(body, record: history.first?.record, as: node.author, now: now)
        try node.audit.append(actor: actor.name, action: .rulePublished, subject: subject, address: actor.address, now: now)
        return true
    }

    func publishedRecords(_ type: RecordType) throws -> [String] {
        try node.store.currentRecords(type: type, origin: hubID()).map(\.record)
    }

    /// The versions of these records, newest first, numbered from the oldest.
    func history<Body: RecordBody>(of records: [String], as _: Body.Type) throws -> [PublishedVersion<Body>] {
        let hub = try hubID()
        let envelopes = try records.flatMap { try node.store.versions(of: $0) }
            .filter { $0.header.originStructure == hub && $0.header.type == Body.recordType }
            .sorted { ($0.header.created, $0.header.seq) < ($1.header.created, $1.header.seq) }
        let versions = envelopes.enumerated().compactMap { index, envelope -> PublishedVersion<Body>? in
            guard let json = try? JSONParser.parse(envelope.body), let body = try? Body.validated(json, normalize: false) else { return nil }
            return PublishedVersion(
                record: envelope.header.record,
                envelope: envelope.id,
                body: body,
                created: envelope.header.created,
                number: index + 1
            )
        }
        return versions.reversed()
    }

    func hubID() throws -> String {
        try node.role() == .hub ? node.structureID : (try node.settings[.hubStructureID] ?? "")
    }

    func requireHub() throws {
        guard try node.role() == .hub else { throw AdministrationError.notHub }
    }
}
