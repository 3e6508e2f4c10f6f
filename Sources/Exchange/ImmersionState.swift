import Records

/// One step of an immersion as the state function sees it: who wrote it (structure), where it
/// sits in that structure's chain, and what it says. Built from the sealed records once opened.
public struct ImmersionStep: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case request(ImmersionRequest)
        case answer(ImmersionAnswer)
        /// A version of the convention, written by the host: `hash` is what parties sign;
        /// versions with the same `materialHash` share their signatures.
        case convention(hash: String, materialHash: String)
        case signature(ConventionSignature)
        case cancellation(ImmersionCancellation)
        case evaluation(ImmersionEvaluation)

        public var disclosedName: String {
            switch self {
            case .request: "request"
            case .answer(let a): a.decision.rawValue
            case .convention: "convention"
            case .signature: "signature"
            case .cancellation: "cancellation"
            case .evaluation: "evaluation"
            }
        }
    }

    public let author: String
    public let seq: Int64
    public let kind: Kind
    /// The day the author wrote it (from the signed header): a cancellation written after the
    /// end of an immersion that took place does not undo it.
    public let written: Day?

    public init(author: String, seq: Int64, kind: Kind, written: Day? = nil) {
        self.author = author
        self.seq = seq
        self.kind = kind
        self.written = written
    }

    /// The step's kind as disclosed to the hub in clear (protocol/federation.md, "Disclosed metadata"):
    /// enough to count and time the exchange, nothing of its content.
    public var disclosedName: String { kind.disclosedName }
}

/// Where an immersion stands. Computed by one deterministic function from its steps, so two
/// nodes holding the same records show the same state whatever order they arrived in.
public enum ImmersionState: Sendable, Equatable {
    case noRequest
    /// Waiting for the host's answer.
    case requested
    case declined(ImmersionAnswer.Reason)
    /// The host proposed other dates; the visitor's side may agree to them.
    case counterProposed(Period)
    /// Accepted; the convention is being prepared or signed. `missing` lists who has not
    /// signed the current version yet (all three if there is no convention yet).
    case awaitingSignatures(missing: [ConventionSignature.Party])
    /// Every party signed the current convention version.
    case confirmed(Period)
    /// Confirmed and under way: only a confirmed immersion can start.
    case inProgress(Period)
    case cancelled(by: String)
    /// Confirmed and its last day is past.
    case completed(Period)

    /// The state of one immersion. The requesting structure (A) is the author of the request;
    /// the host (B) is named by the request. Steps by anyone not entitled to them are ignored.
    public static func compute(_ steps: [ImmersionStep], today: Day) -> ImmersionState {
        Analysis(steps).state(today: today)
    }
}

/// Everything the records of one immersion say, read once with the entitlement rules applied.
public struct Analysis: Sendable {
    public let visitorStructure: String?
    public let request: ImmersionRequest?
    /// The dates agreed on, once the host accepted (or the visitor agreed to proposed dates).
    public let agreedPeriod: Period?
    public let lastAnswer: ImmersionAnswer?
    /// The current convention version (the host's latest), if any.
    public let currentConvention: (hash: String, material: String)?
    /// Parties whose signature counts for the current version.
    public let signed: Set<ConventionSignature.Party>
    public let cancelledBy: String?
    public let visitorEvaluation: ImmersionEvaluation?
    public let hostEvaluation: ImmersionEvaluation?

    public init(_ steps: [ImmersionStep]) {
        // Chain order within each author; authors are independent, so only per-author order matters.
        let ordered = steps.sorted { ($0.author, $0.seq) < ($1.author, $1.seq) }
        let first = ordered.lazy.compactMap { step -> (String, ImmersionRequest)? in
            if case .request(let r) = step.kind { return (step.author, r) }
            return nil
        }.first
        guard let (visitor, request) = first, request.host != visitor else {
            (visitorStructure, self.request, agreedPeriod, lastAnswer, currentConvention, signed, cancelledBy, visitorEvaluation, hostEvaluation) =
                (nil, nil, nil, nil, nil, [], nil, nil, nil)
            return
        }
        let host = request.host
        visitorStructure = visitor
        self.request = request

        func answers(by author: String) -> [ImmersionAnswer] {
            ordered.compactMap { step in
                if case .answer(let a) = step.kind, step.author == author { return a }
                return nil
            }
        }
        let hostAnswer = answers(by: host).last
        lastAnswer = hostAnswer
        switch hostAnswer?.decision {
        case .accept?: agreedPeriod = hostAnswer?.period ?? request.period
        case .counter?:
            // The visitor's side agrees to the proposed dates by accepting exactly them.
            let proposed = hostAnswer?.period
            agreedPeriod = answers(by: visitor).contains { $0.decision == .accept && $0.period == proposed } ? proposed : nil
        default: agreedPeriod = nil
        }

        let conventions = ordered.compactMap { step -> (hash: String, material: String)? in
            if case .convention(let hash, let material) = step.kind, step.author == host { return (hash, material) }
            return nil
        }
        currentConvention = conventions.last
        let materialOf = Dictionary(conventions.map { ($0.hash, $0.material) }, uniquingKeysWith: { first, _ in first })
        var signed: Set<ConventionSignature.Party> = []
        if let current = conventions.last {
            for step in ordered {
                // A signature counts for the current version if it names a version agreeing on everything material.
                guard case .signature(let signature) = step.kind, materialOf[signature.conventionHash] == current.material else { continue }
                // The visitor and the employer sign from structure A; the host from structure B.
                let expectedAuthor = signature.party == .host ? host : visitor
                if step.author == expectedAuthor { signed.insert(signature.party) }
            }
        }
        self.signed = signed
        let agreedEnd = agreedPeriod?.to
        cancelledBy = ordered.filter { step in
            guard case .cancellation = step.kind, step.author == visitor || step.author == host else { return false }
            // Too late to cancel what has already happened; without a date, the cancellation counts.
            if let agreedEnd, let written = step.written, written > agreedEnd { return false }
            return true
        }.map(\.author).min()
        func evaluation(_ role: ImmersionEvaluation.Role, by author: String) -> ImmersionEvaluation? {
            ordered.compactMap { step -> ImmersionEvaluation? in
                if case .evaluation(let e) = step.kind, e.role == role, step.author == author { return e }
                return nil
            }.last
        }
        visitorEvaluation = evaluation(.visitor, by: visitor)
        hostEvaluation = evaluation(.host, by: host)
    }

    public var missingSignatures: [ConventionSignature.Party] {
        currentConvention == nil ? ConventionSignature.Party.allCases : ConventionSignature.Party.allCases.filter { !signed.contains($0) }
    }

    public func state(today: Day) -> ImmersionState {
        guard request != nil else { return .noRequest }
        var state: ImmersionState = .requested
        if let answer = lastAnswer {
            switch answer.decision {
            case .decline: state = .declined(answer.reason ?? .other)
            case .counter: state = answer.period.map { .counterProposed($0) } ?? .requested
            case .accept: break
            }
        }
        if let period = agreedPeriod {
            let missing = missingSignatures
            if !missing.isEmpty {
                state = .awaitingSignatures(missing: missing)
            } else if period.to < today {
                state = .completed(period)
            } else {
                state = period.from <= today ? .inProgress(period) : .confirmed(period)
            }
        }
        if let cancelledBy { return .cancelled(by: cancelledBy) }
        return state
    }

    /// Days after the end when the host's evaluation alone makes the attestation available.
    public static let hostAloneAttestationDelayDays = 30

    /// The attestation of participation: for a completed immersion the visitor attended, once
    /// both evaluations are in, or the host's alone `hostAloneAttestationDelayDays` after the end.
    public func attestationAvailable(today: Day) -> Bool {
        guard case .completed(let period) = state(today: today), let host = hostEvaluation, host.attended,
            visitorEvaluation?.attended != false
        else { return false }
        return visitorEvaluation != nil || period.to.adding(days: Self.hostAloneAttestationDelayDays) <= today
    }
}
