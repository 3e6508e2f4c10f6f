import Exchange
import Foundation
import Records

/// What the attestation of participation states, read once from an immersion and its offer:
/// the printed attestation and the credential say the same.
public struct AttestationFacts: Sendable, Equatable {
    public let immersion: String
    public let offer: String
    public let visitorName: String
    public let visitorJob: String
    public let visitorStructure: AttestationCredential.Structure
    public let hostStructure: AttestationCredential.Structure
    /// The establishment, with its commune ("CMP infanto-juvénile, avenue Foch, Béziers").
    public let establishment: String
    public let period: Period
    /// What the immersion was about: the offer's observable missions.
    public let subject: String
    /// The host's referent who signed the convention for the host structure.
    public let signatory: AttestationCredential.Signatory
    public let visitorEvaluation: Day?
    public let hostEvaluation: Day

    /// Nil until the attestation is due (Exchange's rule).
    public init?(_ immersion: Immersion, offer: Offer?, names: [String: StructureName], today: Day) {
        guard immersion.analysis.attestationAvailable(today: today), let convention = immersion.currentConvention,
            let host = Self.evaluationDay(immersion, .host)
        else { return nil }
        self.immersion = immersion.id
        self.offer = immersion.request.offer
        visitorName = immersion.request.visitorName
        visitorJob = immersion.request.visitorJob
        visitorStructure = .init(id: immersion.visitorStructure, name: names[immersion.visitorStructure]?.name ?? convention.visitor.structure)
        hostStructure = .init(id: immersion.hostStructure, name: names[immersion.hostStructure]?.name ?? convention.host.structure)
        establishment = offer.map { "\($0.establishment), \($0.commune)" } ?? convention.places
        period = immersion.analysis.agreedPeriod ?? convention.period
        subject = offer?.observableMissions ?? convention.programme
        let signature = immersion.countingSignature(for: .host)?.signature
        let capacity = signature?.capacity ?? ""
        signatory = .init(
            name: signature?.signerName ?? convention.host.name,
            capacity: capacity.isEmpty ? SigningStatement.capacity(.host, convention: convention) : capacity
        )
        visitorEvaluation = Self.evaluationDay(immersion, .visitor)
        hostEvaluation = host
    }

    /// The day the evaluation of `role` was written, by the structure entitled to write it.
    static func evaluationDay(_ immersion: Immersion, _ role: ImmersionEvaluation.Role) -> Day? {
        let author = role == .host ? immersion.hostStructure : immersion.visitorStructure
        return immersion.entries.last { entry in
            if case .evaluation(let e) = entry.step.kind { return e.role == role && entry.author == author }
            return false
        }.map { Day.today($0.created.date) }
    }

    /// The credential that states these facts, issued at `issued`.
    public func credential(id: String, issued: Timestamp) -> AttestationCredential {
        AttestationCredential(
            id: id,
            immersion: immersion,
            offer: offer,
            issuer: hostStructure,
            establishment: establishment,
            visitorName: visitorName,
            visitorJob: visitorJob,
            visitorStructure: visitorStructure,
            period: period,
            subject: subject,
            signatory: signatory,
            visitorEvaluation: visitorEvaluation,
            hostEvaluation: hostEvaluation,
            issued: issued
        )
    }
}
