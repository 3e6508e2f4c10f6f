import Exchange
import Foundation
import Records
import Storage

/// One immersion as a node holding its records sees it: the request, every step in the order
/// it was written, and what the state function makes of them.
public struct Immersion: Sendable {
    /// The record id of the request, which names the immersion.
    public let id: String
    public let visitorStructure: String
    public let hostStructure: String
    public let request: ImmersionRequest
    public let requestedAt: Timestamp
    /// In time order; steps written in the same instant by one structure keep their chain order.
    public let entries: [Entry]
    public let analysis: Analysis

    /// One signed step: who wrote it, when, and what it says.
    public struct Entry: Sendable {
        public let record: String
        public let author: String
        public let created: Timestamp
        public let step: ImmersionStep
        /// Set for convention versions.
        public let convention: Convention?
    }

    public func state(today: Day) -> ImmersionState { analysis.state(today: today) }

    /// Every convention version written by the host, oldest first.
    public var conventions: [(entry: Entry, convention: Convention)] {
        entries.compactMap { entry in entry.author == hostStructure ? entry.convention.map { (entry, $0) } : nil }
    }

    /// The current version (what parties sign now).
    public var currentConvention: Convention? { conventions.last?.convention }

    public var signatures: [(entry: Entry, signature: ConventionSignature)] {
        entries.compactMap { entry in
            if case .signature(let s) = entry.step.kind { return (entry, s) }
            return nil
        }
    }

    /// The dates as they stand: agreed ones once accepted, else the requested ones.
    public var period: Period { analysis.agreedPeriod ?? request.period }

    /// The other structure, seen from `structure`.
    public func counterpart(of structure: String) -> String { structure == visitorStructure ? hostStructure : visitorStructure }

    /// The signature that counts for `party` on the current convention: one given on a version
    /// with the same material terms, as the state function counts it. Nil while it is missing.
    public func countingSignature(for party: ConventionSignature.Party) -> (entry: Entry, signature: ConventionSignature)? {
        guard let current = conventions.last, analysis.signed.contains(party) else { return nil }
        let material = current.convention.materialHash
        let versions = Dictionary(conventions.map { ($0.convention.versionHash, $0.convention.materialHash) }, uniquingKeysWith: { a, _ in a })
        return signatures.last { $0.signature.party == party && versions[$0.signature.conventionHash] == material }
    }

    /// The version number (from 1) of the convention a signature was given on; 0 if unknown.
    public func versionNumber(ofConvention hash: String) -> Int {
        (conventions.firstIndex { $0.convention.versionHash == hash } ?? -1) + 1
    }

    /// The opposite immersion between the same two structures, if one is open or done ("accueil croisé").
    public func crossHosting(among all: [Immersion], today: Day) -> Immersion? {
        all.first { other in
            guard other.visitorStructure == hostStructure, other.hostStructure == visitorStructure else { return false }
            switch other.state(today: today) {
            case .declined, .cancelled, .noRequest: return false
            default: return true
            }
        }
    }
}
