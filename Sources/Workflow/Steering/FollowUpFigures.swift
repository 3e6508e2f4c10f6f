import Exchange
import Records

/// Did the network get stronger? What the follow-ups 3 and 6 months after each immersion say,
/// counted at the hub from their disclosed yes/no facts only (never what was written).
public struct FollowUpFigures: Sendable, Equatable {
    /// Follow-ups for one pair of sectors (the visitor's, the host's).
    public struct PairRow: Sendable, Equatable {
        public let visitor: Sector
        public let host: Sector
        /// Immersions with at least one follow-up answered.
        public var followed = 0
        /// Of those, immersions after which a structure says they worked together.
        public var joint = 0
    }

    /// Immersions that took place and reached their 3-month checkpoint.
    public let due: Int
    /// Of those, immersions with at least one follow-up answered (by either structure).
    public let followed: Int
    /// Of the followed ones, immersions after which either structure says they worked together.
    public let joint: Int
    /// Answers saying "I know whom to call there", over all answers.
    public let contactYes: Int
    public let answers: Int
    /// By pair of sectors, most followed first.
    public let pairs: [PairRow]

    /// The share of followed immersions followed by joint work; nil before any follow-up.
    public var jointShare: Double? { followed == 0 ? nil : Double(joint) / Double(followed) }
    public var contactShare: Double? { answers == 0 ? nil : Double(contactYes) / Double(answers) }

    init(_ threads: [Steering.Thread], sectorOf: [String: Sector], today: Day) {
        let reached = threads.filter { $0.analysis.followUpCheckpoint(today: today) != nil }
        let followed = reached.filter { !$0.followUps.isEmpty }
        due = reached.count
        self.followed = followed.count
        joint = followed.filter { $0.followUps.contains(where: \.joint) }.count
        answers = followed.map(\.followUps.count).reduce(0, +)
        contactYes = followed.map { $0.followUps.filter(\.contact).count }.reduce(0, +)
        var rows: [String: PairRow] = [:]
        for thread in followed {
            guard let v = sectorOf[thread.visitor], let h = sectorOf[thread.host] else { continue }
            rows["\(v.rawValue)>\(h.rawValue)", default: PairRow(visitor: v, host: h)].followed += 1
            if thread.followUps.contains(where: \.joint) { rows["\(v.rawValue)>\(h.rawValue)"]?.joint += 1 }
        }
        pairs = rows.values.sorted {
            ($1.followed, $1.joint, $0.visitor.rawValue, $0.host.rawValue) < ($0.followed, $0.joint, $1.visitor.rawValue, $1.host.rawValue)
        }
    }
}
