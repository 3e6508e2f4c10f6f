import Exchange
import Foundation
import Records
import Storage

/// How the dashboard's figures are computed from the threads the hub sees.
extension Dashboard {
    /// One row per month from the first to the last request (every month of `period` when
    /// given), so that a month without requests shows as zero rather than missing.
    static func months(_ threads: [Steering.Thread], today: Day, period: Period?) -> [MonthRow] {
        var rows: [String: MonthRow] = [:]
        var byMonth: [String: [Steering.Thread]] = [:]
        for thread in threads { byMonth[monthKey(Day.today(thread.requestedAt.date)), default: []].append(thread) }
        for (month, threads) in byMonth {
            var row = MonthRow(month: month)
            for thread in threads {
                row.requested += 1
                let analysis = thread.analysis
                let state = analysis.state(today: today)
                if analysis.agreedPeriod != nil { row.accepted += 1 }
                if case .declined = state { row.declined += 1 }
                if case .cancelled = state { row.cancelled += 1 }
                if analysis.agreedPeriod != nil && analysis.missingSignatures.isEmpty { row.confirmed += 1 }
                // Done: the dates are past and the visitor came (a no-show is not an immersion done).
                if Ledger.days(analysis, today: today) != nil {
                    row.done += 1
                } else if case .completed = state {
                    row.noShow += 1
                }
                if thread.evaluations > 0 { row.evaluated += 1 }
                if case .completed = state {
                    row.evaluationsDue += 2
                    row.evaluationsWritten += min(thread.evaluations, 2)
                }
            }
            row.medianAnswerDays = medianAnswerDays(threads)
            row.lateShare = lateShare(threads, today: today)
            rows[month] = row
        }
        let keys = rows.keys.sorted()
        guard let first = period.map({ monthKey($0.from) }) ?? keys.first, let last = period.map({ monthKey($0.to) }) ?? keys.last else {
            return []
        }
        return monthKeys(from: first, to: last).map { rows[$0] ?? MonthRow(month: $0) }
    }

    static func monthKey(_ day: Day) -> String { String(day.description.prefix(7)) }

    /// "2026-11", "2026-12", "2027-01"…
    static func monthKeys(from first: String, to last: String) -> [String] {
        guard var year = Int(first.prefix(4)), var month = Int(first.suffix(2)), first <= last else { return [] }
        var keys: [String] = []
        while true {
            let key = String(format: "%04d-%02d", year, month)
            guard key <= last, keys.count < 1200 else { break }
            keys.append(key)
            month += 1
            if month > 12 { (year, month) = (year + 1, 1) }
        }
        return keys
    }

    /// Median days from request to the host's first answer, over answered requests.
    static func medianAnswerDays(_ threads: [Steering.Thread]) -> Double? {
        let days = threads.compactMap { thread in
            thread.firstAnswerAt.map { Double($0.millisecondsSinceEpoch - thread.requestedAt.millisecondsSinceEpoch) / 86_400_000 }
        }.sorted()
        guard !days.isEmpty else { return nil }
        return days.count % 2 == 1 ? days[days.count / 2] : (days[days.count / 2 - 1] + days[days.count / 2]) / 2
    }

    /// Among requests at least `ToDoList.answerDelayDays` days old, the share not answered within that delay.
    static func lateShare(_ threads: [Steering.Thread], today: Day) -> Double? {
        let delay = Double(ToDoList.answerDelayDays)
        let old = threads.filter { Double(today.daysSinceEpoch - Day.today($0.requestedAt.date).daysSinceEpoch) >= delay }
        let late = old.filter { thread in
            guard let answer = thread.firstAnswerAt else { return true }
            return Double(answer.millisecondsSinceEpoch - thread.requestedAt.millisecondsSinceEpoch) / 86_400_000 > delay
        }
        return old.isEmpty ? nil : Double(late.count) / Double(old.count)
    }

    /// The busiest cells of the matrix, most immersions first (at most `limit`, none empty).
    static func topPairs(_ matrix: [[Int]], limit: Int = 3) -> [SectorPair] {
        let sectors = Sector.allCases
        let cells = matrix.enumerated().flatMap { v, row in
            row.enumerated().map { h, count in SectorPair(visitor: sectors[v], host: sectors[h], immersions: count) }
        }
        return Array(
            cells.filter { $0.immersions > 0 }.sorted { ($1.immersions, $0.visitor.rawValue) < ($0.immersions, $1.visitor.rawValue) }.prefix(limit)
        )
    }
}

/// Immersions done by professionals of one sector in structures of another.
public struct SectorPair: Sendable, Equatable {
    public let visitor: Sector
    public let host: Sector
    public let immersions: Int
}

/// Where the network's immersions come from and go to: by commune of each structure's first
/// establishment (visits made by its professionals, visits it hosted).
public struct CommuneParticipation: Sendable, Equatable {
    public let commune: String
    public var made = 0
    public var hosted = 0
}

/// Each structure's place in the reciprocity rule, at a glance.
public enum ReciprocityStanding: String, Sendable, CaseIterable {
    /// Sent professionals and hosted none.
    case onlySends
    /// Hosted and sent nobody.
    case onlyHosts
    /// Both, within the network's threshold (or at most as many days owed as it hosted).
    case balanced
    /// Both, but owing more days than the threshold allows.
    case owes
    /// No immersion done yet.
    case inactive

    /// `threshold`: the network's maximum days owed, when its rule sets one.
    public static func of(_ balance: Dashboard.Balance, threshold: Int?) -> ReciprocityStanding {
        switch (balance.sentDays > 0, balance.hostedDays > 0) {
        case (false, false): return .inactive
        case (true, false): return .onlySends
        case (false, true): return .onlyHosts
        case (true, true):
            if let threshold { return -balance.balance > threshold ? .owes : .balanced }
            return .balanced
        }
    }
}
