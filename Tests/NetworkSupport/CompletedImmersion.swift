import Exchange
import Foundation
import Records
import Storage
import Workflow

extension Pair {
    /// An immersion of 8–10 March 2027 requested, accepted, signed by the three parties and
    /// synced; then evaluated on 12 March by the visitor and the host (`hostFirst`: in that order),
    /// each evaluation synced before the next. Returns the immersion's id.
    public func completedImmersion(hostFirst: Bool = false) async throws -> String {
        let id = try request()
        try await signedByAll(id)
        let deskA = ImmersionDesk(node: a)
        let deskB = ImmersionDesk(node: b)
        let after = Pair.day("2027-03-12")
        let steps: [() throws -> Void] = [
            { try deskA.evaluate(id, Pair.evaluation(id, .visitor), by: self.visitor, today: after, now: Pair.date("2027-03-12")) },
            { try deskB.evaluate(id, Pair.evaluation(id, .host), by: self.referentB, today: after, now: Pair.date("2027-03-12", hour: 11)) },
        ]
        for step in hostFirst ? steps.reversed() : steps {
            try step()
            try await sync()
        }
        return id
    }

    /// Accepts request `id` at B on 16 January 2027 and has it signed by all three parties on
    /// the 17th (`visitor`: the person who asked, when not the pair's own), synced both ways.
    public func signedByAll(_ id: String, visitor person: Actor? = nil, terms: AcceptanceTerms = Pair.terms) async throws {
        try await sync()
        try ImmersionDesk(node: b).accept(id, terms: terms, by: referentB, today: Pair.day("2027-01-16"), now: Pair.date("2027-01-16"))
        try await sync()
        guard let version = try ImmersionBook(node: a).immersion(id)?.currentConvention?.versionHash else {
            throw Refusal("no convention for \(id) at A after sync")
        }
        let day = Pair.day("2027-01-17")
        let deskA = ImmersionDesk(node: a)
        try deskA.sign(id, as: .visitor, version: version, confirmed: true, by: person ?? visitor, today: day, now: Pair.date("2027-01-17"))
        try deskA.sign(id, as: .employer, version: version, confirmed: true, by: referentA, today: day, now: Pair.date("2027-01-17", hour: 11))
        try ImmersionDesk(node: b).sign(
            id,
            as: .host,
            version: version,
            confirmed: true,
            by: referentB,
            today: day,
            now: Pair.date("2027-01-17", hour: 12)
        )
        try await sync()
    }

    public static func evaluation(_ id: String, _ role: ImmersionEvaluation.Role) -> ImmersionEvaluation {
        ImmersionEvaluation(
            request: id,
            role: role,
            attended: true,
            expected: "Comprendre l'orientation",
            observed: "Une réunion clinique, deux accueils",
            changedView: "Le délai d'attente s'explique",
            satisfaction: 5,
            wouldRecommend: true,
            practiceChanges: role == .visitor ? "Appeler le CMP avant d'orienter." : ""
        )
    }
}
