import Exchange
import Foundation
import Records
import Storage

/// The visitor's preparation (référentiel, "Préparation"): objectives and questions written on
/// the visitor's node once the convention is confirmed, sealed to the host, who reads them
/// before the first day.
extension ImmersionDesk {
    /// Whether `actor` may write or change the preparation now: the visitor, from the moment
    /// every party signed until the first day.
    public func mayPrepare(_ immersion: Immersion, by actor: Actor, today: Day) -> Bool {
        guard case .confirmed = immersion.state(today: today) else { return false }
        return immersion.visitorStructure == me && actor.email.lowercased() == immersion.request.visitorEmail.lowercased()
    }

    /// Writes the preparation, or a new version of it; the same text as the last signs nothing.
    public func prepare(_ id: String, objectives: String, questions: [String], by actor: Actor, today: Day, now: Date = Date()) throws {
        let immersion = try immersion(id)
        guard mayPrepare(immersion, by: actor, today: today) else {
            throw Refusal("Seule la personne accueillie prépare son immersion, une fois la convention signée par tous et avant le premier jour.")
        }
        let filled = questions.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let preparation = try ImmersionPreparation(request: id, objectives: objectives, questions: filled).validated()
        let current = try latestPreparation(of: immersion)
        if current?.body == preparation { return }
        try node.appendSealed(
            preparation,
            to: [immersion.hostStructure],
            record: current?.record,
            disclosing: SealedBody.Disclosure(thread: id, step: "preparation"),
            now: now
        )
    }

    /// The visitor's preparation as this node holds it (written here, or received from the visitor's node).
    public func preparation(of immersion: Immersion) throws -> ImmersionPreparation? {
        try latestPreparation(of: immersion)?.body
    }

    func latestPreparation(of immersion: Immersion) throws -> (record: String, body: ImmersionPreparation)? {
        let expected = SealedBody.Disclosure(thread: immersion.id, step: "preparation")
        return try node.store.currentRecords(type: ImmersionPreparation.recordType, origin: immersion.visitorStructure)
            .compactMap { record -> (String, ImmersionPreparation, String)? in
                // Only the visitor's structure writes it, about this immersion, disclosing exactly that.
                guard record.visibility == .parties, let sealed = try? SealedBody(json: JSONParser.parse(record.body)),
                    sealed.disclosed == expected, Set(sealed.structures) == [immersion.visitorStructure, immersion.hostStructure],
                    let clear = try? JSONParser.parse(node.clearBody(of: record)),
                    let body = try? ImmersionPreparation.validated(clear), body.request == immersion.id
                else { return nil }
                return (record.record, body, record.created)
            }
            .max { $0.2 < $1.2 }
            .map { ($0.0, $0.1) }
    }
}
