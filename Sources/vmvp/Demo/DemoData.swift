import Records

/// Sample data for `vmvp demo`: partner structures of the Hérault adolescent network,
/// their host offers, discovery requests and people. Names are illustrative; dates are counted
/// from the demo's today, so the catalogue never shows only offers that ended.
enum DemoData {
    struct Structure {
        let directory: String
        let name: String
        let article: StructureProfile.Article
        let sector: Sector
        let subType: String
        let commune: String
        let description: String
        let contact: Contact
        let offers: [OfferSeed]
        let demands: [DemandSeed]
        /// Professionals of the structure: the demo's history sends them to partners; the first
        /// one is the demo's `pro@` account.
        var people: [Person] = []
    }

    struct Person {
        let name: String
        let job: String
    }

    struct OfferSeed {
        let establishment: String
        let commune: String
        let missions: String
        let jobs: String
        let observer: String
        /// Days from the demo's today: the catalogue always has periods to come.
        let periods: [(Int, Int)]
        let halfDays: Int
        let capacity: Int
        let contents: String
        let documents: [String]
        let conditions: String
        let effectsHost: String
        let effectsVisitor: String
    }

    /// Every structure of the demo: the founding four, then the rest of the network.
    static let structures: [Structure] = founding + network

    /// The offer as published now: its periods counted from `today`.
    static func offer(_ seed: OfferSeed, structure: Structure, today: Day) throws -> Offer {
        try offer(
            seed,
            structure: structure,
            periods: seed.periods.map { Period(from: today.adding(days: $0.0), to: today.adding(days: $0.1)) },
            writtenOn: today.adding(days: -30)
        )
    }

    static func offer(_ seed: OfferSeed, structure: Structure, periods: [Period], writtenOn: Day) throws -> Offer {
        try Offer(
            hostStructure: structure.name,
            establishment: seed.establishment,
            commune: seed.commune,
            observableMissions: seed.missions,
            observableJobProfiles: seed.jobs,
            observerProfile: seed.observer,
            possiblePeriods: periods,
            durationHalfDays: seed.halfDays,
            capacity: seed.capacity,
            proposedContents: seed.contents,
            contact: structure.contact,
            supportingDocuments: seed.documents,
            specialConditions: seed.conditions,
            expectedEffectsHost: seed.effectsHost,
            expectedEffectsVisitor: seed.effectsVisitor,
            writtenBy: structure.contact.name,
            writtenOn: writtenOn,
            status: .published
        ).validated()
    }

    /// A discovery request ("demande de découverte"), its period counted in days from today.
    struct DemandSeed {
        let name: String
        let job: String
        let structure: String
        let sectors: [Sector]
        let missions: String
        let from: Int
        let to: Int
        let halfDays: Int
        let objective: String

        func demand(today: Day) -> Demand {
            Demand(
                requesterName: name,
                requesterJob: job,
                requesterStructure: structure,
                sectors: sectors,
                missions: missions,
                possiblePeriods: [Period(from: today.adding(days: from), to: today.adding(days: to))],
                durationHalfDays: halfDays,
                objective: objective
            )
        }
    }

    static func demand(
        name: String,
        job: String,
        structure: String,
        sectors: [Sector],
        missions: String,
        from: Int,
        to: Int,
        halfDays: Int,
        objective: String
    ) -> DemandSeed {
        DemandSeed(
            name: name,
            job: job,
            structure: structure,
            sectors: sectors,
            missions: missions,
            from: from,
            to: to,
            halfDays: halfDays,
            objective: objective
        )
    }

    static let secrecy =
        "Engagement écrit de confidentialité et de discrétion : aucune information sur les jeunes et les familles accompagnés n'est notée ni transmise."
}
