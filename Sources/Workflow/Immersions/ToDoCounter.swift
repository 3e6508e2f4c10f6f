import Exchange
import Foundation
import Records
import Storage
import Synchronization

/// How many things wait for each person, for the menu's "À traiter (3)" on every page: counted
/// once, then kept until a record arrives or the day changes (opening the sealed steps of every
/// immersion on each page view would cost more than the page).
public final class ToDoCounter: Sendable {
    struct Key: Equatable {
        let position: Int64
        let today: Day
    }
    private let counts = Mutex<(key: Key, byPerson: [String: Int])?>(nil)

    public init() {}

    public func count(for actor: Actor, node: OpenNode, today: Day) throws -> Int {
        let key = Key(position: try node.store.logPosition(), today: today)
        let person = actor.email.lowercased()
        if let hit = counts.withLock({ $0?.key == key ? $0?.byPerson[person] : nil }) { return hit }
        let count = try ToDoList(node: node).items(for: actor, today: today, names: [:]).count
        counts.withLock { cached in
            if cached?.key != key { cached = (key, [:]) }
            cached?.byPerson[person] = count
        }
        return count
    }
}
