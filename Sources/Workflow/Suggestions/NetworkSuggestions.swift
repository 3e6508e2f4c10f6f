import Exchange
import Foundation
import Matching
import Records
import Storage

/// Exchange suggestions from the records a node (or the hub) holds: open discovery demands are
/// the wishes, published offers the places. Both are network records, so every holder computes
/// the same candidates; the last tie-break uses the ledger balances the caller knows.
public struct NetworkSuggestions: Sendable {
    public let store: RecordStore
    public let rules: CompatibilityRules

    public init(store: RecordStore, rules: CompatibilityRules = CompatibilityRules()) {
        self.store = store
        self.rules = rules
    }

    /// The demand behind each wish, for the pages.
    public struct Inputs: Sendable {
        public let wishes: [Wish]
        public let places: [Place]
        public let demands: [String: Demand]
        public let offers: [String: Offer]
    }

    public func inputs(today: Day) throws -> Inputs {
        var communes: [String: String] = [:]
        var sectors: [String: Sector] = [:]
        for record in try store.currentRecords(type: .structureProfile) {
            guard let profile = try? record.decode(StructureProfile.self) else { continue }
            communes[record.origin] = profile.establishments.first?.commune ?? ""
            sectors[record.origin] = profile.sector
        }
        var wishes: [Wish] = []
        var demands: [String: Demand] = [:]
        for record in try store.currentRecords(type: .demand) {
            guard let demand = try? record.decode(Demand.self), demand.status == .open else { continue }
            // Only what is still to come.
            let periods = demand.possiblePeriods.filter { $0.to > today }.map { Period(from: max($0.from, today.adding(days: 1)), to: $0.to) }
            guard !periods.isEmpty else { continue }
            wishes.append(
                Wish(
                    id: record.record,
                    structure: record.origin,
                    commune: communes[record.origin] ?? "",
                    sectors: Set(demand.sectors),
                    periods: periods,
                    durationHalfDays: demand.durationHalfDays,
                    text: "\(demand.missions) \(demand.objective) \(demand.requesterJob)"
                )
            )
            demands[record.record] = demand
        }
        var places: [Place] = []
        var offers: [String: Offer] = [:]
        for record in try store.currentRecords(type: .offer) {
            guard let offer = try? record.decode(Offer.self), offer.status == .published, let sector = sectors[record.origin] else { continue }
            places.append(
                Place(
                    id: record.record,
                    structure: record.origin,
                    sector: sector,
                    commune: offer.commune,
                    periods: offer.possiblePeriods,
                    durationHalfDays: offer.durationHalfDays,
                    capacity: offer.capacity,
                    text: "\(offer.observableMissions) \(offer.proposedContents) \(offer.observableJobProfiles) \(offer.observerProfile)"
                )
            )
            offers[record.record] = offer
        }
        return Inputs(wishes: wishes.sorted { $0.id < $1.id }, places: places.sorted { $0.id < $1.id }, demands: demands, offers: offers)
    }

    public func compute(today: Day, balances: [String: Int] = [:]) throws -> (result: SuggestionResult, inputs: Inputs) {
        let inputs = try inputs(today: today)
        return (SuggestionEngine(rules: rules, balances: balances).run(inputs.wishes, inputs.places), inputs)
    }
}
