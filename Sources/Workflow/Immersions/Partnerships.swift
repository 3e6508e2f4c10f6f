import Records
import Storage

/// The partnerships born of the bourse that the directory shows: those both structures declared
/// (each with its own `partnership` record, published after a follow-up with its consent).
/// Read from public records, so every node's directory shows the same, long after the people
/// who made the immersion have left.
public enum Partnerships {
    public struct Listed: Sendable, Equatable {
        public let partner: String
        /// The first day of the earliest immersion both declared.
        public let since: Day
        /// How many immersions between them both declared as followed by joint work.
        public let immersions: Int
    }

    public static func of(_ structure: String, store: RecordStore) throws -> [Listed] {
        func declarations(by origin: String) throws -> [Partnership] {
            try store.currentRecords(type: Partnership.recordType, origin: origin).compactMap { try? $0.decode(Partnership.self) }
        }
        var since: [String: Day] = [:]
        var count: [String: Int] = [:]
        let mine = try declarations(by: structure)
        for partner in Set(mine.map(\.partner)) where partner != structure {
            // Both sides name each other about the same immersion.
            let theirs = Set(try declarations(by: partner).filter { $0.partner == structure }.map(\.immersion))
            for declaration in mine where declaration.partner == partner && theirs.contains(declaration.immersion) {
                since[partner] = min(since[partner] ?? declaration.since, declaration.since)
                count[partner, default: 0] += 1
            }
        }
        return since.map { Listed(partner: $0.key, since: $0.value, immersions: count[$0.key] ?? 0) }.sorted {
            ($0.since, $0.partner) < ($1.since, $1.partner)
        }
    }
}
