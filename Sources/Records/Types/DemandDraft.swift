extension Demand {
    public init(
        requesterName: String,
        requesterJob: String,
        requesterStructure: String,
        sectors: [Sector],
        missions: String,
        possiblePeriods: [Period],
        durationHalfDays: Int,
        objective: String,
        status: Status = .open
    ) {
        self.requesterName = requesterName
        self.requesterJob = requesterJob
        self.requesterStructure = requesterStructure
        self.sectors = sectors
        self.missions = missions
        self.possiblePeriods = possiblePeriods
        self.durationHalfDays = durationHalfDays
        self.objective = objective
        self.status = status
    }

    /// A discovery request as a person typed it in a form (see `Offer.Draft`).
    public struct Draft: Sendable, Equatable {
        public var requesterName = ""
        public var requesterJob = ""
        public var requesterStructure = ""
        /// Sector codes as submitted (an unknown one is reported).
        public var sectors: [String] = []
        public var missions = ""
        public var from = ""
        public var to = ""
        public var durationHalfDays = ""
        public var objective = ""

        public init() {}

        /// The demand, open, with every problem of every field reported at once.
        public func validated() throws(ValidationError) -> Demand {
            var o: [String: JSONValue] = [
                "requester": .object([
                    "name": .string(requesterName), "job": .string(requesterJob), "structure": .string(requesterStructure),
                ]),
                "sectors": .array(sectors.map { .string($0) }),
                "missions": .string(missions), "objective": .string(objective),
                "possiblePeriods": .array([.object(["from": .string(from), "to": .string(to)])]),
                "status": .string(Status.open.rawValue),
            ]
            o["durationHalfDays"] = DraftNumber.json(durationHalfDays)
            return try Demand.validated(.object(o))
        }
    }
}
