/// A professional's "demande de découverte": what they would like to discover, when.
public struct Demand: RecordBody, Hashable {
    public static let recordType = RecordType.demand
    public static let visibility = Visibility.network

    public enum Status: String, Sendable, CaseIterable {
        case open, closed
    }

    public var requesterName: String
    public var requesterJob: String
    public var requesterStructure: String
    public var sectors: [Sector]
    public var missions: String
    public var possiblePeriods: [Period]
    public var durationHalfDays: Int
    public var objective: String
    public var status: Status

    public static let fieldLabels: [(key: String, label: String)] = [
        ("requester", "Qui demande (nom, métier, structure)"),
        ("sectors", "Champs à découvrir"),
        ("missions", "Missions à découvrir"),
        ("possiblePeriods", "Périodes possibles"),
        ("durationHalfDays", "Durée souhaitée (en demi-journées)"),
        ("objective", "Objectif de la découverte"),
        ("status", "État de la demande"),
    ]

    public init?(json: JSONValue, issues: IssueList) {
        let r = FieldReader(json, issues: issues)
        r.rejectUnknownKeys(allowed: Set(Demand.fieldLabels.map(\.key)))
        let who = r.nested("requester")
        who?.rejectUnknownKeys(allowed: ["name", "job", "structure"])
        requesterName = who?.text("name", max: 120) ?? ""
        requesterJob = who?.text("job", max: 120) ?? ""
        requesterStructure = who?.text("structure", max: 200) ?? ""
        sectors = r.list("sectors", count: 1...8, one: "un champ à découvrir") { value, path in
            guard case .string(let s) = value, let sector = Sector(rawValue: s) else {
                issues.add(path, "champ inconnu ; valeurs possibles : \(Sector.allCases.map(\.rawValue).joined(separator: ", ")).")
                return nil
            }
            return sector
        }
        if Set(sectors).count != sectors.count { issues.add("sectors", "un même champ est cité deux fois.") }
        missions = r.text("missions", max: 4000, multiline: true)
        possiblePeriods = r.periods("possiblePeriods")
        let duration = r.integer("durationHalfDays", in: 1...10, unit: "demi-journées")
        objective = r.text("objective", max: 4000, multiline: true)
        let status = r.choice("status", Status.self)
        guard who != nil, let duration, let status else { return nil }
        durationHalfDays = Int(duration)
        self.status = status
    }

    public var json: JSONValue {
        .object([
            "requester": .object([
                "name": .string(requesterName), "job": .string(requesterJob),
                "structure": .string(requesterStructure),
            ]),
            "sectors": .array(sectors.map { .string($0.rawValue) }),
            "missions": .string(missions),
            "possiblePeriods": .array(possiblePeriods.map(\.json)),
            "durationHalfDays": .integer(Int64(durationHalfDays)),
            "objective": .string(objective),
            "status": .string(status.rawValue),
        ])
    }
}
