import Exchange
import Foundation
import Records
import Storage

/// The MDA's steering figures, computed at the hub from what it may see: the network's public
/// records (profiles, offers) and the disclosed metadata of immersions — never a sealed body.
public struct Dashboard: Sendable {
    public struct SectorRow: Sendable, Equatable {
        public let sector: Sector
        public let structures: Int
        public let withPublishedOffer: Int
    }

    /// Immersions by the month they were requested, and how far they went (done: took place,
    /// the visitor came; evaluated: at least one evaluation written; no-show: the host says the
    /// visitor did not come). Answer times and evaluations are those of that month's requests.
    public struct MonthRow: Sendable, Equatable {
        public let month: String
        public var requested = 0, accepted = 0, declined = 0, confirmed = 0, done = 0, evaluated = 0
        public var cancelled = 0, noShow = 0
        /// Median days to the host's first answer, over the month's answered requests.
        public var medianAnswerDays: Double?
        /// Among the month's requests at least 10 days old, the share not answered within 10 days.
        public var lateShare: Double?
        /// Evaluations written and due (two per immersion whose dates are past).
        public var evaluationsWritten = 0, evaluationsDue = 0
    }

    public struct Balance: Sendable, Equatable {
        public let structure: String
        public let name: String
        public let hostedDays: Int
        public let sentDays: Int
        public var balance: Int { hostedDays - sentDays }
    }

    public struct Silent: Sendable, Equatable {
        public let structure: String
        public let name: String
        public let lastSeen: Timestamp?
    }

    public static let silenceDays = 30

    public let sectors: [SectorRow]
    public let months: [MonthRow]
    /// Median days from request to the host's first answer, over answered requests.
    public let medianAnswerDays: Double?
    /// Among requests at least 10 days old: the share not answered within 10 days.
    public let lateAnswerShare: Double?
    /// Evaluations written over evaluations due (two per completed immersion).
    public let evaluationCompletion: Double?
    /// Immersions done: rows are the visitor's sector, columns the host's (Sector.allCases order).
    public let matrix: [[Int]]
    public let balances: [Balance]
    public let silent: [Silent]
    /// The busiest pairs of sectors (immersions done), most first.
    public let topPairs: [SectorPair]
    /// Immersions done, by commune of the visiting and of the hosting structure.
    public let communes: [CommuneParticipation]
    /// The network's maximum of days a structure may owe, when its rule sets one.
    public let maximumDaysOwed: Int?
    /// What the follow-ups 3 and 6 months later say of the period's immersions.
    public let followUps: FollowUpFigures

    /// The requests counted: those made within `period` (every request when nil).
    public let period: Period?
    /// The day of the network's first request, whatever the period (for the period selector).
    public let firstRequest: Day?

    /// `period`: count only the requests made within it (the page's year, school year or range).
    public init(node: OpenNode, today: Day, now: Date = Date(), period: Period? = nil) throws {
        self.period = period
        let store = node.store
        let hub = try node.settings[.structureID]
        let profiles = try store.structures().filter { $0.structureID != hub }
        let sectorOf = Dictionary(profiles.map { ($0.structureID, $0.sector) }, uniquingKeysWith: { a, _ in a })
        let names = Dictionary(profiles.map { ($0.structureID, $0.name) }, uniquingKeysWith: { a, _ in a })
        let offers = try store.publishedOfferCounts()
        sectors = Sector.allCases.map { sector in
            let members = profiles.filter { $0.sector == sector }
            return SectorRow(
                sector: sector,
                structures: members.count,
                withPublishedOffer: members.filter { (offers[$0.structureID] ?? 0) > 0 }.count
            )
        }

        let all = try Steering(store: store).threads()
        firstRequest = all.first.map { Day.today($0.requestedAt.date) }
        let threads = all.filter { thread in
            period.map { $0.from <= Day.today(thread.requestedAt.date) && Day.today(thread.requestedAt.date) <= $0.to } ?? true
        }
        months = Self.months(threads, today: today, period: period)
        medianAnswerDays = Self.medianAnswerDays(threads)
        lateAnswerShare = Self.lateShare(threads, today: today)
        let completed = threads.filter { if case .completed = $0.analysis.state(today: today) { return true } else { return false } }
        evaluationCompletion = completed.isEmpty ? nil : Double(completed.map { min($0.evaluations, 2) }.reduce(0, +)) / Double(2 * completed.count)
        var matrix = Array(repeating: Array(repeating: 0, count: Sector.allCases.count), count: Sector.allCases.count)
        for thread in completed where Ledger.days(thread.analysis, today: today) != nil {
            guard let v = sectorOf[thread.visitor].flatMap(Sector.allCases.firstIndex),
                let h = sectorOf[thread.host].flatMap(Sector.allCases.firstIndex)
            else { continue }
            matrix[v][h] += 1
        }
        self.matrix = matrix
        followUps = FollowUpFigures(threads, sectorOf: sectorOf, today: today)
        topPairs = Self.topPairs(matrix)
        let communeOf = Dictionary(
            try profiles.compactMap { summary -> (String, String)? in
                guard
                    let commune = try store.currentRecord(summary.record).flatMap({ try? $0.decode(StructureProfile.self) })?.establishments.first?
                        .commune
                else { return nil }
                return (summary.structureID, commune)
            },
            uniquingKeysWith: { a, _ in a }
        )
        var communes: [String: CommuneParticipation] = [:]
        for thread in completed where Ledger.days(thread.analysis, today: today) != nil {
            if let commune = communeOf[thread.visitor] { communes[commune, default: CommuneParticipation(commune: commune)].made += 1 }
            if let commune = communeOf[thread.host] { communes[commune, default: CommuneParticipation(commune: commune)].hosted += 1 }
        }
        self.communes = communes.values.sorted { ($1.made + $1.hosted, $0.commune) < ($0.made + $0.hosted, $1.commune) }
        let policies = try store.currentRecords(type: ReciprocityPolicy.recordType).filter { $0.origin == hub }
        maximumDaysOwed = policies.max { $0.created < $1.created }.flatMap { try? $0.decode(ReciprocityPolicy.self) }?.maximumDaysOwed

        let ledger = Ledger(threads.map { Ledger.Entry(visitor: $0.visitor, host: $0.host, analysis: $0.analysis) }, sectors: sectorOf, today: today)
        balances = profiles.map { p in
            Balance(structure: p.structureID, name: p.name, hostedDays: ledger[p.structureID].hostedDays, sentDays: ledger[p.structureID].sentDays)
        }.sorted { ($0.balance, $0.name) < ($1.balance, $1.name) }

        let contacts = try node.hub.lastContacts()
        let limit = Timestamp(now.addingTimeInterval(-Double(Self.silenceDays) * 86_400))
        silent = try node.members.members().filter { $0.revokedAt == nil && $0.structure != hub }.compactMap { member in
            let seen = contacts[member.structure]
            guard seen.map({ $0 < limit }) ?? true else { return nil }
            return Silent(structure: member.structure, name: names[member.structure] ?? member.name, lastSeen: seen)
        }
    }
}

/// Tables for a French spreadsheet: UTF-8 with a byte order mark, ";" between fields, CRLF lines.
public enum CSV {
    public static func document(_ header: [String], _ rows: [[String]]) -> String {
        "\u{FEFF}" + ([header] + rows).map { $0.map(field).joined(separator: ";") }.joined(separator: "\r\n") + "\r\n"
    }

    /// Quoted when it holds a separator, a quote or a line break; a leading =, +, - or @ is
    /// prefixed with an apostrophe so a spreadsheet never runs it as a formula.
    static func field(_ value: String) -> String {
        var value = value
        if let first = value.first, "=+-@".contains(first), Double(value) == nil { value = "'" + value }
        guard value.contains(where: { ";\"\r\n".contains($0) }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
