import Records

/// The follow-up a structure answers three and six months after an immersion that took place
/// (the référentiel's "Et après ?"): have we worked together since, do I know whom to call
/// there, what changed in my practice. Written by either structure, sealed to the other; the
/// hub sees only the yes/no facts disclosed beside it. A change is a new version of the same
/// record; the reader takes each structure's latest for each checkpoint.
public struct ImmersionFollowUp: RecordBody, Hashable {
    public static let recordType = RecordType(rawValue: "immersion_followup")
    public static let visibility = Visibility.parties

    /// What working together may have meant since the immersion.
    public enum JointWork: String, CaseIterable, Sendable {
        case situation, orientation, rencontre, formation, convention
    }

    public var request: String
    /// Months after the last day: one of `SealedBody.Disclosure.followUpMonths`.
    public var months: Int
    public var workedTogether: Bool
    /// Empty when the structures have not worked together; otherwise at least one kind.
    public var jointWork: [JointWork]
    public var knowsWhomToCall: Bool
    public var practice: String
    /// Consent to list the partnership in the network's directory (only when they worked together).
    public var listInDirectory: Bool

    public init(
        request: String,
        months: Int,
        workedTogether: Bool,
        jointWork: [JointWork],
        knowsWhomToCall: Bool,
        practice: String = "",
        listInDirectory: Bool
    ) {
        self.request = request
        self.months = months
        self.workedTogether = workedTogether
        self.jointWork = jointWork
        self.knowsWhomToCall = knowsWhomToCall
        self.practice = practice
        self.listInDirectory = listInDirectory
    }

    public init?(json: JSONValue, issues: IssueList) {
        let r = FieldReader(json, issues: issues)
        r.rejectUnknownKeys(allowed: ["request", "months", "workedTogether", "jointWork", "knowsWhomToCall", "practice", "listInDirectory"])
        request = r.text("request", max: 36)
        let months = r.integer("months", in: 3...6, unit: "mois")
        let worked = r.bool("workedTogether")
        let kinds = r.list("jointWork", count: 0...JointWork.allCases.count) { value, path -> JointWork? in
            guard let raw = value.stringValue, let kind = JointWork(rawValue: raw) else {
                let allowed = JointWork.allCases.map(\.rawValue).joined(separator: ", ")
                issues.add(path, "valeur inconnue ; valeurs possibles : \(allowed).")
                return nil
            }
            return kind
        }
        let knows = r.bool("knowsWhomToCall")
        practice = r.text("practice", required: false, max: 2_000, multiline: true)
        let listed = r.bool("listInDirectory")
        if let months, !SealedBody.Disclosure.followUpMonths.contains(Int(months)) {
            issues.add("months", "le suivi a lieu 3 ou 6 mois après l'immersion (reçu : \(months)).")
        }
        if Set(kinds).count != kinds.count || kinds != kinds.sorted(by: { $0.order < $1.order }) {
            issues.add("jointWork", "chaque forme de travail commun une seule fois, dans l'ordre de la liste.")
        }
        if worked == true, kinds.isEmpty {
            issues.add("jointWork", "dites sous quelle forme vous avez travaillé ensemble (au moins une).")
        }
        if worked == false, !kinds.isEmpty {
            issues.add("jointWork", "aucune forme de travail commun quand vous n'avez pas travaillé ensemble.")
        }
        if worked == false, listed == true {
            issues.add("listInDirectory", "un partenariat ne figure dans l'annuaire que si vous avez travaillé ensemble.")
        }
        guard let months, let worked, let knows, let listed else { return nil }
        self.months = Int(months)
        workedTogether = worked
        jointWork = kinds
        knowsWhomToCall = knows
        listInDirectory = listed
    }

    public var json: JSONValue {
        .object([
            "request": .string(request), "months": .integer(Int64(months)), "workedTogether": .bool(workedTogether),
            "jointWork": .array(jointWork.map { .string($0.rawValue) }), "knowsWhomToCall": .bool(knowsWhomToCall),
            "practice": .string(practice), "listInDirectory": .bool(listInDirectory),
        ])
    }

    /// What the hub may see beside it: the checkpoint and the two yes/no facts, nothing written.
    public var disclosure: SealedBody.Disclosure {
        SealedBody.Disclosure(thread: request, step: "followup", months: months, joint: workedTogether, contact: knowsWhomToCall)
    }
}

extension ImmersionFollowUp.JointWork {
    var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }
}

/// One checkpoint of an immersion's follow-up: 3 or 6 months after its last day.
public struct FollowUpCheckpoint: Sendable, Equatable {
    public let months: Int
    public let day: Day
}

extension Analysis {
    /// The follow-up checkpoint reached by `today`, the latest one: nil before 3 months, for a
    /// cancelled immersion, and for one the visitor did not come to (either evaluation says so).
    /// The same function runs on the nodes (to ask) and at the hub (to count what is due).
    public func followUpCheckpoint(today: Day) -> FollowUpCheckpoint? {
        guard case .completed(let period) = state(today: today), hostEvaluation?.attended != false, visitorEvaluation?.attended != false
        else { return nil }
        return SealedBody.Disclosure.followUpMonths.map { FollowUpCheckpoint(months: $0, day: period.to.adding(months: $0)) }
            .last { $0.day <= today }
    }
}
