import Matching
import Records
import Storage
import Synchronization

/// The last suggestions computed, kept while the records and the day stay the same: packing a
/// large network takes most of a second, and the records rarely change between two page views.
public final class SuggestionCache: Sendable {
    public typealias Value = (result: SuggestionResult, inputs: NetworkSuggestions.Inputs)
    struct Key: Equatable {
        let position: Int64
        let today: Day
        let viewer: String
    }
    private let last = Mutex<(key: Key, value: Value)?>(nil)
    private let computed = Mutex(0)

    public init() {}

    /// How many times the suggestions were actually computed.
    public var computations: Int { computed.withLock { $0 } }

    /// The suggestions for `viewer` (whose balances `compute` uses) on `today`, from the cache if
    /// no record was added since.
    public func suggestions(store: RecordStore, today: Day, viewer: String, compute: () throws -> Value) throws -> Value {
        let key = Key(position: try store.logPosition(), today: today, viewer: viewer)
        if let hit = last.withLock({ $0?.key == key ? $0?.value : nil }) { return hit }
        let value = try compute()
        computed.withLock { $0 += 1 }
        last.withLock { $0 = (key, value) }
        return value
    }
}
