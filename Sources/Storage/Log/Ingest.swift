import Foundation
import GRDB
import Records

/// Who is handing us envelopes, which decides the rules applied.
public enum IngestMode: Sendable, Equatable {
    /// The hub receiving a push from the structure `caller` (identified by its TLS certificate).
    case push(caller: String)
    /// A node receiving the hub's changes feed.
    case pull
}

public struct Rejection: Error, Sendable, Equatable, CustomStringConvertible {
    public let envelopeID: String
    public let reason: String
    /// Permanent: retrying the same bytes can never succeed.
    public let permanent: Bool

    public init(envelopeID: String, reason: String, permanent: Bool) {
        self.envelopeID = envelopeID
        self.reason = reason
        self.permanent = permanent
    }

    public var description: String { "\(envelopeID) : \(reason)" }
}

/// What happened to a batch of received envelopes.
public struct IngestOutcome: Sendable, Equatable {
    public var accepted: [String] = []
    public var duplicates = 0
    /// Stored in the chain but not relayed (signed correctly, content invalid).
    public var withheld: [Rejection] = []
    public var rejected: [Rejection] = []
    public var forks: [Rejection] = []
    /// Sequence numbers the receiver needs before it can accept the rest.
    public var gap: (origin: String, from: Int64, to: Int64)?
    /// Redactions applied: bodies were erased, the caller may have to erase freed bytes.
    public var redactions = 0

    public static func == (a: IngestOutcome, b: IngestOutcome) -> Bool {
        a.accepted == b.accepted && a.duplicates == b.duplicates && a.withheld == b.withheld && a.rejected == b.rejected
            && a.forks == b.forks && a.gap?.origin == b.gap?.origin && a.gap?.from == b.gap?.from && a.gap?.to == b.gap?.to
    }
}

extension RecordStore {
    /// Verifies then stores envelopes received from elsewhere, applying the rules of `mode`
    /// (protocol/federation.md, "Push" and "Pull"). The batch is stored in parts, each verified
    /// on every core before its write transaction; nothing is acknowledged before that
    /// transaction commits. While one part is written, the next is verified.
    public func ingest(_ envelopes: [Envelope], mode: IngestMode, now: Date = Date()) async throws -> IngestOutcome {
        let parts = Self.parts(of: envelopes)
        var outcome = IngestOutcome()
        var verifying: Task<VerifiedPart, any Error>?
        defer { verifying?.cancel() }
        for (n, part) in parts.enumerated() {
            let verified = if let verifying { try await verifying.value } else { try await verify(part, mode: mode) }
            verifying = nil
            // A member or revocation record changes which keys are trusted: the part after it is
            // verified once it is stored, against the updated directory.
            if n + 1 < parts.count, !Self.changesKeys(part.last) {
                let next = parts[n + 1]
                verifying = Task { try await self.verify(next, mode: mode) }
            }
            let stored = try await write(verified, mode: mode, now: now)
            outcome.accepted += stored.accepted
            outcome.duplicates += stored.duplicates
            outcome.withheld += stored.withheld
            outcome.rejected += stored.rejected
            outcome.forks += stored.forks
            outcome.redactions += stored.redactions
            if let gap = stored.gap {
                outcome.gap = outcome.gap ?? gap
                if case .push = mode { break }
            }
        }
        if outcome.redactions > 0 { try eraseFreedBytes() }
        return outcome
    }

    /// Parts of at most `maxPart` envelopes, each ending at the latest after a record that
    /// changes the trusted keys.
    static func parts(of envelopes: [Envelope], maxPart: Int = 1_000) -> [[Envelope]] {
        var parts: [[Envelope]] = []
        var current: [Envelope] = []
        for envelope in envelopes {
            current.append(envelope)
            if current.count == maxPart || changesKeys(envelope) {
                parts.append(current)
                current = []
            }
        }
        if !current.isEmpty { parts.append(current) }
        return parts
    }

    static func changesKeys(_ envelope: Envelope?) -> Bool {
        guard let type = envelope?.header.type else { return false }
        return type == Member.recordType || type == Revocation.recordType
    }

    /// A part checked and ready to be written.
    struct VerifiedPart: Sendable {
        let envelopes: [Envelope]
        let verdicts: [Verdict]
        let keys: TrustedKeys
        let early: IngestOutcome
    }

    func verify(_ envelopes: [Envelope], mode: IngestMode) async throws -> VerifiedPart {
        // The cheapest check first: a body too big for its type (or of a type the hub does not
        // relay) is refused before its signature or content costs anything.
        var outcome = IngestOutcome()
        var fitting: [Envelope] = []
        for envelope in envelopes {
            if let problem = Self.sizeProblem(envelope, mode: mode) {
                outcome.rejected.append(Rejection(envelopeID: envelope.id, reason: problem, permanent: true))
            } else {
                fitting.append(envelope)
            }
        }
        let envelopes = fitting
        // A synchronous read, as every read here: GRDB's async read keeps its reader until the
        // awaiting task resumes on Swift's cooperative pool, and with that pool's threads blocked in
        // synchronous reads waiting for a reader, nothing resumes (the hub froze at 300 nodes).
        let keys = try trustedKeys()
        let pulled = if case .pull = mode { true } else { false }
        let verdicts = await Self.verifyInParallel(envelopes, keys: keys, chainTailsOnly: pulled)
        return VerifiedPart(envelopes: envelopes, verdicts: verdicts, keys: keys, early: outcome)
    }

    func write(_ part: VerifiedPart, mode: IngestMode, now: Date) async throws -> IngestOutcome {
        let (envelopes, verdicts, keys, outcome) = (part.envelopes, part.verdicts, part.keys, part.early)
        return try await pool.write { [outcome] db in
            var outcome = outcome
            var blockedOrigins: Set<String> = []
            var heads = ChainHeads()
            for (envelope, verdict) in zip(envelopes, verdicts) {
                let h = envelope.header
                if blockedOrigins.contains(h.originStructure) { continue }
                if let rejection = try verdict.rejection ?? Self.policyViolation(envelope, mode: mode, keys: keys, db: db)
                    ?? Self.redactionViolation(envelope, decoded: verdict.decoded, db: db)
                {
                    outcome.rejected.append(rejection)
                    continue
                }
                switch try Self.chainPosition(envelope, mode: mode, keys: keys, heads: &heads, db: db) {
                case .duplicate:
                    outcome.duplicates += 1
                case .fork(let reason):
                    let rejection = Rejection(envelopeID: h.id, reason: reason, permanent: true)
                    outcome.forks.append(rejection)
                    try db.execute(
                        sql: """
                            INSERT INTO quarantine (envelope_id, origin, seq, hash, reason, received_at, wire) VALUES (?, ?, ?, ?, ?, ?, ?)
                            """,
                        arguments: [h.id, h.originStructure, h.seq, envelope.hash, reason, Timestamp(now).description, Data(envelope.wireLine)]
                    )
                case .gap(let from, let to):
                    outcome.gap = outcome.gap ?? (h.originStructure, from, to)
                    blockedOrigins.insert(h.originStructure)
                case .append:
                    let problem = Self.contentProblem(envelope, decoded: verdict.decoded, mode: mode)
                    // Correctly signed and chained but not fit to relay: it keeps its place, and is never served.
                    let position = try Self.insert(envelope, withheld: problem, db: db)
                    heads.appended(h, hash: envelope.hash)
                    if verdict.signatureDeferred {
                        try db.cachedStatement(sql: "INSERT INTO signature_pending (position) VALUES (?)").execute(arguments: [position])
                    }
                    if let problem {
                        outcome.withheld.append(Rejection(envelopeID: h.id, reason: problem, permanent: true))
                    } else {
                        try StateProjection.apply(envelope, decoded: try? verdict.decoded?.get(), search: verdict.search, db: db)
                        outcome.accepted.append(h.id)
                        if h.type == Redaction.recordType { outcome.redactions += 1 }
                    }
                }
            }
            return outcome
        }
    }

    /// A synchronous function, so that the synchronous read is the one called.
    func trustedKeys() throws -> TrustedKeys {
        try pool.read { db in
            let fingerprint = try TrustedKeys.Fingerprint.read(db)
            if let cached = database.trustedKeys.withLock({ $0 }), cached.fingerprint == fingerprint { return cached.keys }
            let keys = try TrustedKeys.load(db)
            database.trustedKeys.withLock { $0 = (fingerprint, keys) }
            return keys
        }
    }

    /// The hub relays only the protocol's types, each within its size; a node accepts a newer
    /// type from the hub, within the largest size any type may have.
    static func sizeProblem(_ envelope: Envelope, mode: IngestMode) -> String? {
        let pushed = if case .push = mode { true } else { false }
        return RecordLimits.problem(type: envelope.header.type, size: envelope.body.count, unknownAllowed: !pushed)
    }

    /// Visibility and ownership rules (protocol/federation.md, "Visibility").
    static func policyViolation(_ envelope: Envelope, mode: IngestMode, keys: TrustedKeys, db: Database) -> Rejection? {
        let h = envelope.header
        func reject(_ reason: String) -> Rejection { Rejection(envelopeID: h.id, reason: reason, permanent: true) }
        if h.visibility == .local { return reject("enregistrement local : il ne doit jamais quitter le nœud qui l'a écrit.") }
        switch mode {
        case .push(let caller):
            if h.originStructure != caller {
                return reject(
                    "signé par une autre structure (\(h.originStructure)) que celle qui l'envoie (\(caller)) : un nœud ne pousse que ses propres enregistrements."
                )
            }
            if h.visibility == .parties && envelope.redactedBy == nil {
                let unknown = h.recipients.filter { keys.members[$0] == nil && $0 != keys.hubStructure }
                if !unknown.isEmpty { return reject("destinataire inconnu de l'annuaire : \(unknown.joined(separator: ", ")).") }
                let sealed: SealedBody
                do { sealed = try SealedBody(json: JSONParser.parse(envelope.body)) } catch let error as SealedBody.SealError {
                    return reject("un enregistrement « parties » doit avoir un contenu scellé : \(error.description).")
                } catch {
                    return reject("un enregistrement « parties » doit avoir un contenu scellé (le contenu n'est pas du JSON).")
                }
                if Set(sealed.structures) != Set(h.recipients + [h.originStructure]) || sealed.structures.count != Set(sealed.structures).count {
                    return reject("le contenu scellé ne correspond pas à la liste des destinataires et de l'émetteur.")
                }
            }
        case .pull:
            if h.visibility == .parties && h.originStructure != keys.selfStructure && !h.recipients.contains(keys.selfStructure) {
                return reject("enregistrement privé adressé à d'autres structures : ce nœud n'a pas à le recevoir.")
            }
        }
        return nil
    }

    /// A redaction that names a record written by another structure is refused: nobody erases
    /// what another wrote (protocol/federation.md, "Redactions").
    static func redactionViolation(_ envelope: Envelope, decoded: Result<any RecordBody, ValidationError>?, db: Database) throws -> Rejection? {
        guard envelope.header.type == Redaction.recordType, case .success(let body)? = decoded, let redaction = body as? Redaction else { return nil }
        return try redactionProblem(envelope.header, body: redaction, db: db).map {
            Rejection(envelopeID: envelope.id, reason: $0, permanent: true)
        }
    }

    /// Content rules applied by the hub before relaying: known clear bodies must validate,
    /// and only the hub may publish directory records.
    static func contentProblem(_ envelope: Envelope, decoded: Result<any RecordBody, ValidationError>?, mode: IngestMode) -> String? {
        guard case .push = mode else { return nil }
        let h = envelope.header
        if KnownRecordTypes.hubOnly.contains(h.type) {
            return "seul le hub publie l'annuaire des membres, le lexique et les règles du réseau (type \(h.type))."
        }
        if case .failure(let error)? = decoded {
            return "contenu invalide : " + error.issues.map(\.description).joined(separator: " ; ")
        }
        return nil
    }

    enum ChainPosition {
        case append, duplicate
        case fork(String)
        case gap(Int64, Int64)
    }

    /// Where an envelope falls in its origin's chain as held here. Origins whose chain must be
    /// complete here (strict): every origin at the hub, and our own on a node. Other origins on
    /// a node have gaps where private records addressed elsewhere were never sent to us.
    static func chainPosition(
        _ envelope: Envelope,
        mode: IngestMode,
        keys: TrustedKeys,
        heads: inout ChainHeads,
        db: Database
    ) throws -> ChainPosition {
        let h = envelope.header
        let strict: Bool
        switch mode {
        case .push: strict = true
        case .pull: strict = h.originStructure == keys.selfStructure
        }
        // Past the highest held: nothing at this number nor after it, and the highest is the
        // one below (the common case, answered without a query per envelope).
        let head = try heads.head(of: h.originStructure, db: db)
        if h.seq > head.seq {
            if strict && head.seq < h.seq - 1 { return .gap(head.seq + 1, h.seq - 1) }
            if head.seq == h.seq - 1 && h.prev != head.hash {
                return .fork("fourche : « prev » du numéro \(h.seq) ne désigne pas l'enregistrement n° \(head.seq) détenu ici ; mis en quarantaine.")
            }
            return .append
        }
        if let existing = try String.fetchOne(
            db.cachedStatement(sql: "SELECT hash FROM envelopes WHERE origin = ? AND chain = 'shared' AND seq = ?"),
            arguments: [h.originStructure, h.seq]
        ) {
            return existing == envelope.hash
                ? .duplicate
                : .fork("fourche : le numéro \(h.seq) de \(h.originStructure) existe déjà avec un autre contenu ; mis en quarantaine.")
        }
        let previous = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT seq, hash FROM envelopes WHERE origin = ? AND chain = 'shared' AND seq < ? ORDER BY seq DESC LIMIT 1"),
            arguments: [h.originStructure, h.seq]
        )
        let previousSeq: Int64 = previous?["seq"] ?? 0
        let previousHash: String = previous?["hash"] ?? Digest.genesis
        if strict && previousSeq < h.seq - 1 {
            return .gap(previousSeq + 1, h.seq - 1)
        }
        if previousSeq == h.seq - 1 && h.prev != previousHash {
            return .fork("fourche : « prev » du numéro \(h.seq) ne désigne pas l'enregistrement n° \(previousSeq) détenu ici ; mis en quarantaine.")
        }
        if let successor = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT header, signature, body FROM envelopes WHERE origin = ? AND chain = 'shared' AND seq = ?"),
            arguments: [h.originStructure, h.seq + 1]
        ),
            let next = try? Envelope(
                headerBytes: [UInt8](successor["header"] as Data),
                signature: [UInt8](successor["signature"] as Data),
                body: [UInt8](successor["body"] as Data)
            ),
            next.header.prev != envelope.hash
        {
            return .fork("fourche : l'enregistrement n° \(h.seq + 1) détenu ici ne désigne pas celui-ci ; mis en quarantaine.")
        }
        return .append
    }
}

/// The highest envelope held of each origin's shared chain, read once per origin and batch,
/// then followed as the batch appends.
struct ChainHeads {
    private var heads: [String: (seq: Int64, hash: String)] = [:]

    mutating func head(of origin: String, db: Database) throws -> (seq: Int64, hash: String) {
        if let head = heads[origin] { return head }
        let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT seq, hash FROM envelopes WHERE origin = ? AND chain = 'shared' ORDER BY seq DESC LIMIT 1"),
            arguments: [origin]
        )
        let head: (seq: Int64, hash: String) = (row?["seq"] ?? 0, row?["hash"] ?? Digest.genesis)
        heads[origin] = head
        return head
    }

    mutating func appended(_ header: EnvelopeHeader, hash: String) {
        guard header.chain == .shared, let head = heads[header.originStructure], header.seq > head.seq else { return }
        heads[header.originStructure] = (header.seq, hash)
    }
}
