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
    }

    public let author: String
    public let seq: Int64
    public let kind: Kind

    public init(author: String, seq: Int64, kind: Kind) {
        self.author = author
        self.seq = seq
        self.kind = kind
    }
}

/// Where an immersion stands. Computed by one deterministic function from its steps, so two
/// nodes holding the same records show the same state whatever order they arrived in.
public enum ImmersionState: Sendable, Equatable {
    case noRequest
    /// Waiting for the host's answer.
    case requested
    case declined(ImmersionAnswer.Reason)
    case counterProposed(Period)
    /// Accepted; the convention is being prepared or signed. `missing` lists who has not
    /// signed the current version yet (all three if there is no convention yet).
    case awaitingSignatures(missing: [ConventionSignature.Party])
    /// Every party signed the current convention version.
    case confirmed(Period)
    case cancelled(by: String)
    /// Confirmed and its last day is past.
    case completed(Period)

    /// The state of one immersion. The requesting structure (A) is the author of the request;
    /// the host (B) is named by the request. Steps by anyone not entitled to them are ignored.
    public static func compute(_ steps: [ImmersionStep], today: Day) -> ImmersionState {
        // Chain order within each author; authors are independent, so only per-author order matters.
        let ordered = steps.sorted { ($0.author, $0.seq) < ($1.author, $1.seq) }
        guard let (visitor, request) = ordered.lazy.compactMap({ step -> (String, ImmersionRequest)? in
            if case .request(let r) = step.kind { return (step.author, r) }
            return nil
        }).first else { return .noRequest }
        let host = request.host
        guard host != visitor else { return .noRequest }

        // Cancellation by either structure wins over everything but a completed immersion.
        let lastAnswer = ordered.last { step in
            if case .answer = step.kind { return step.author == host }
            return false
        }
        let conventions = ordered.compactMap { step -> (hash: String, material: String)? in
            if case .convention(let hash, let material) = step.kind, step.author == host { return (hash, material) }
            return nil
        }
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
        var state: ImmersionState = .requested
        if let lastAnswer, case .answer(let answer) = lastAnswer.kind {
            switch answer.decision {
            case .decline: state = .declined(answer.reason ?? .other)
            case .counter: state = answer.period.map { .counterProposed($0) } ?? .requested
            case .accept:
                let period = answer.period ?? request.period
                let missing = ConventionSignature.Party.allCases.filter { !signed.contains($0) }
                if conventions.isEmpty || !missing.isEmpty {
                    state = .awaitingSignatures(missing: conventions.isEmpty ? ConventionSignature.Party.allCases : missing)
                } else {
                    state = period.to < today ? .completed(period) : .confirmed(period)
                }
            }
        }
        if case .completed = state { return state }
        let cancellers = ordered.filter { step in
            if case .cancellation = step.kind { return step.author == visitor || step.author == host }
            return false
        }.map(\.author)
        if let canceller = cancellers.min() { return .cancelled(by: canceller) }
        return state
    }
}
