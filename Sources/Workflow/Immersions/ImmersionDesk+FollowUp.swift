import Exchange
import Foundation
import Records
import Storage

/// The follow-ups three and six months after an immersion that took place (référentiel,
/// "Et après ?"): each structure answers for itself, sealed to the other; consent to list the
/// partnership in the directory is published as the structure's own `partnership` record.
extension ImmersionDesk {
    /// Days after a checkpoint when its follow-up is flagged late and a reminder goes out.
    public static let followUpReminderDays = 14

    /// One structure's answer, as this node holds it.
    public struct FollowUpAnswer: Sendable {
        public let structure: String
        public let record: String
        public let written: Timestamp
        public let followUp: ImmersionFollowUp
    }

    /// The checkpoint `actor` may answer now for their structure: the visitor or a referent of
    /// the visiting structure, a referent of the host. An answer may be changed until the next.
    public func followUpCheckpoint(_ immersion: Immersion, by actor: Actor, today: Day) -> FollowUpCheckpoint? {
        let entitled =
            immersion.visitorStructure == me
            ? actor.role >= .referent || actor.email.lowercased() == immersion.request.visitorEmail.lowercased()
            : immersion.hostStructure == me && actor.role >= .referent
        return entitled ? immersion.analysis.followUpCheckpoint(today: today) : nil
    }

    /// Writes this structure's follow-up, or a new version of it; the same answer as the last writes nothing.
    public func followUp(_ id: String, _ answer: ImmersionFollowUp, by actor: Actor, today: Day, now: Date = Date()) throws {
        let immersion = try immersion(id)
        guard let checkpoint = followUpCheckpoint(immersion, by: actor, today: today) else {
            throw Refusal(
                "Aucun suivi n'est attendu de votre part pour cette immersion : il vient 3 puis 6 mois après une immersion qui a eu lieu, et revient aux référents des deux structures et à la personne accueillie."
            )
        }
        let answer = try answer.validated()
        guard answer.request == id, answer.months == checkpoint.months else {
            throw Refusal("Ce suivi ne correspond plus à l'étape attendue (\(checkpoint.months) mois) : rechargez la page.")
        }
        let current = try followUps(of: immersion).first { $0.structure == me && $0.followUp.months == answer.months }
        if current?.followUp != answer {
            try node.appendSealed(
                answer,
                to: [immersion.hostStructure, immersion.visitorStructure],
                record: current?.record,
                disclosing: answer.disclosure,
                now: now
            )
        }
        try declarePartnership(of: immersion, answer: answer, now: now)
    }

    /// Every structure's latest answer for each checkpoint, 3 months first.
    public func followUps(of immersion: Immersion) throws -> [FollowUpAnswer] {
        var latest: [String: FollowUpAnswer] = [:]
        for origin in [immersion.visitorStructure, immersion.hostStructure] {
            for record in try node.store.currentRecords(type: ImmersionFollowUp.recordType, origin: origin) {
                // Sealed between the two structures, about this immersion, disclosing exactly what it says.
                guard record.visibility == .parties, let sealed = try? SealedBody(json: JSONParser.parse(record.body)),
                    sealed.disclosed?.thread == immersion.id,
                    Set(sealed.structures) == [immersion.visitorStructure, immersion.hostStructure],
                    let clear = try? JSONParser.parse(node.clearBody(of: record)),
                    let body = try? ImmersionFollowUp.validated(clear), body.request == immersion.id, sealed.disclosed == body.disclosure,
                    let written = Timestamp(record.created)
                else { continue }
                let key = "\(origin):\(body.months)"
                if let known = latest[key], known.written > written { continue }
                latest[key] = FollowUpAnswer(structure: origin, record: record.record, written: written, followUp: body)
            }
        }
        return latest.values.sorted {
            ($0.followUp.months, $0.structure == immersion.visitorStructure ? 0 : 1) < (
                $1.followUp.months, $1.structure == immersion.visitorStructure ? 0 : 1
            )
        }
    }

    /// Publishes or withdraws this structure's declaration of the partnership: published when it
    /// worked with the other structure and consents; withdrawn when it worked with it and says
    /// no. A "not worked together since" leaves an earlier declaration as it is.
    func declarePartnership(of immersion: Immersion, answer: ImmersionFollowUp, now: Date) throws {
        guard answer.workedTogether else { return }
        let mine = try node.store.currentRecords(type: Partnership.recordType, origin: me).filter {
            (try? $0.decode(Partnership.self))?.immersion == immersion.id
        }
        if answer.listInDirectory, mine.isEmpty {
            let partnership = try Partnership(partner: immersion.counterpart(of: me), immersion: immersion.id, since: immersion.period.from)
                .validated()
            try node.store.append(partnership, as: node.author, now: now)
        } else if !answer.listInDirectory {
            for record in mine {
                try node.store.retract(record.record, reason: "Consentement retiré lors du suivi de l'immersion.", as: node.author, now: now)
            }
        }
    }
}
