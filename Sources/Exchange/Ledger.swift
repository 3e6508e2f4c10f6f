import Records

/// The reciprocity ledger: days each structure hosted and sent, from completed immersions only
/// (a cancelled immersion or a visitor who did not come counts nothing). One deterministic
/// function of the signed records, so every holder of the same records shows the same figures.
public struct Ledger: Sendable, Equatable {
    public struct Account: Sendable, Equatable {
        public var hostedDays = 0
        public var sentDays = 0
        /// Days hosted, by the visitor's sector; days sent, by the host's sector.
        public var hostedBySector: [Sector: Int] = [:]
        public var sentBySector: [Sector: Int] = [:]
        /// Positive: the structure gave more than it received.
        public var balance: Int { hostedDays - sentDays }

        public init() {}
    }

    /// One immersion as the ledger needs it.
    public struct Entry: Sendable {
        public let visitor: String
        public let host: String
        public let analysis: Analysis

        public init(visitor: String, host: String, analysis: Analysis) {
            self.visitor = visitor
            self.host = host
            self.analysis = analysis
        }
    }

    public private(set) var accounts: [String: Account] = [:]

    public init(_ entries: [Entry], sectors: [String: Sector], today: Day) {
        for entry in entries {
            guard let days = Self.days(entry.analysis, today: today) else { continue }
            var host = accounts[entry.host] ?? Account()
            host.hostedDays += days
            if let sector = sectors[entry.visitor] { host.hostedBySector[sector, default: 0] += days }
            accounts[entry.host] = host
            var visitor = accounts[entry.visitor] ?? Account()
            visitor.sentDays += days
            if let sector = sectors[entry.host] { visitor.sentBySector[sector, default: 0] += days }
            accounts[entry.visitor] = visitor
        }
    }

    public subscript(structure: String) -> Account { accounts[structure] ?? Account() }

    /// Calendar days of a completed immersion the visitor attended; nil otherwise.
    public static func days(_ analysis: Analysis, today: Day) -> Int? {
        guard case .completed(let period) = analysis.state(today: today),
            analysis.hostEvaluation?.attended != false, analysis.visitorEvaluation?.attended != false
        else { return nil }
        return period.to.daysSinceEpoch - period.from.daysSinceEpoch + 1
    }
}
