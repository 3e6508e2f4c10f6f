import Exchange
import Foundation
import Records
import Storage

/// The clear metadata each immersion step carries for the hub (protocol/federation.md, "Disclosed
/// metadata"). Written by the author from the step itself; checked by the other party, who
/// ignores a step whose metadata disagrees with its sealed content.
enum Disclosures {
    /// `materialOf`: material hash of each convention version of the immersion, by version hash.
    static func expected(thread: String, kind: ImmersionStep.Kind, convention: Convention?, materialOf: [String: String]) -> SealedBody.Disclosure {
        var disclosure = SealedBody.Disclosure(thread: thread, step: kind.disclosedName)
        switch kind {
        case .answer(let answer): disclosure.period = answer.period
        case .convention(_, let material):
            disclosure.period = convention?.period
            disclosure.material = material
        case .signature(let signature):
            disclosure.material = materialOf[signature.conventionHash]
            disclosure.party = signature.party.rawValue
        case .evaluation(let evaluation): disclosure.attended = evaluation.attended
        case .request, .cancellation: break
        }
        return disclosure
    }
}

extension ImmersionDesk {
    /// Seals one step to the other structure, with its disclosed metadata.
    @discardableResult
    func seal<Body: RecordBody>(
        _ body: Body,
        _ kind: ImmersionStep.Kind,
        thread: String,
        to other: String,
        in immersion: Immersion?,
        convention: Convention? = nil,
        now: Date
    ) throws -> Envelope {
        let materialOf = Dictionary(
            (immersion?.conventions ?? []).map { ($0.convention.versionHash, $0.convention.materialHash) },
            uniquingKeysWith: { a, _ in a }
        )
        let disclosure = Disclosures.expected(thread: thread, kind: kind, convention: convention, materialOf: materialOf)
        return try node.appendSealed(body, to: [other], disclosing: disclosure, now: now)
    }
}
