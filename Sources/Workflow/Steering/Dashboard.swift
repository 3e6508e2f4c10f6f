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
    /// the visitor came; evaluated: at least one evaluation written).
    public struct MonthRow: Sendable, Equatable {
        public let month: String
        public var requested = 0, accepted = 0, declined = 0, confirmed = 0, done = 0, evaluated = 0
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

    public init(node: OpenNode, today: Day, now: Date = Date()) throws {
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

        let threads = try Steering(store: store).threads()
        var months: [String: MonthRow] = [:]
        for thread in threads {
            let month = String(Day.today(thread.requestedAt.date).description.prefix(7))
            var row = months[month] ?? MonthRow(month: month)
            row.requested += 1
            let analysis = thread.analysis
            if analysis.agreedPeriod != nil { row.accepted += 1 }
            if case .declined = analysis.state(today: today) { row.declined += 1 }
            if analysis.agreedPeriod != nil && analysis.missingSignatures.isEmpty { row.confirmed += 1 }
            // Done: the dates are past and the visitor came (a no-show is not an immersion done).
            if Ledger.days(analysis, today: today) != nil { row.done += 1 }
            if thread.evaluations > 0 { row.evaluated += 1 }
            months[month] = row
        }
        self.months = months.values.sorted { $0.month < $1.month }

        let answerDays = threads.compactMap { thread in
            thread.firstAnswerAt.map { Double($0.millisecondsSinceEpoch - thread.requestedAt.millisecondsSinceEpoch) / 86_400_000 }
        }.sorted()
        medianAnswerDays =
            answerDays.isEmpty
            ? nil
            : answerDays.count % 2 == 1
                ? answerDays[answerDays.count / 2] : (answerDays[answerDays.count / 2 - 1] + answerDays[answerDays.count / 2]) / 2
        let delay = Double(ToDoList.answerDelayDays)
        let old = threads.filter { Double(today.daysSinceEpoch - Day.today($0.requestedAt.date).daysSinceEpoch) >= delay }
        let late = old.filter { thread in
            guard let answer = thread.firstAnswerAt else { return true }
            return Double(answer.millisecondsSinceEpoch - thread.requestedAt.millisecondsSinceEpoch) / 86_400_000 > delay
        }
        lateAnswerShare = old.isEmpty ? nil : Double(late.count) / Double(old.count)

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
