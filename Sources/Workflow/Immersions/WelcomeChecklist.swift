import Exchange
import Foundation
import Records
import Storage

/// The host's welcome checklist (the référentiel's "Accueil"), ticked by its referents before
/// and during the stay. It is the host's own working list: kept on the host's node only (its
/// settings, so a backup carries it), never sent to the visitor's structure nor to the hub.
public struct WelcomeChecklist: Sendable {
    public struct Item: Sendable, Equatable {
        public let text: String
        /// Who ticked it and when, if ticked.
        public let ticked: (by: String, on: Day)?

        public static func == (a: Item, b: Item) -> Bool { a.text == b.text && a.ticked?.by == b.ticked?.by && a.ticked?.on == b.ticked?.on }
    }

    let desk: ImmersionDesk

    public init(node: OpenNode) {
        desk = ImmersionDesk(node: node)
    }

    /// Whether `actor` may tick the list now: a referent of the host, from the signatures to the last day.
    public func mayTick(_ immersion: Immersion, by actor: Actor, today: Day) -> Bool {
        guard immersion.hostStructure == desk.node.structureID, actor.role >= .referent else { return false }
        switch immersion.state(today: today) {
        case .confirmed, .inProgress: return true
        default: return false
        }
    }

    /// The référentiel's items with what was ticked; items ticked under an earlier référentiel
    /// whose text is gone stay listed, so nothing ticked disappears.
    public func items(of immersion: Immersion) throws -> [Item] {
        let saved = try stored(immersion.id)
        let framework = try NetworkRulesDesk(node: desk.node).framework().framework.welcomeChecklist
        let texts = framework + saved.keys.filter { !framework.contains($0) }.sorted()
        return texts.map { text in Item(text: text, ticked: saved[text].flatMap { entry in Day(entry.on).map { (entry.by, $0) } }) }
    }

    /// Sets which items are ticked (the form sends the whole list); returns whether anything changed.
    @discardableResult
    public func tick(_ id: String, items ticked: Set<String>, by actor: Actor, today: Day) throws -> Bool {
        let immersion = try desk.immersion(id)
        guard mayTick(immersion, by: actor, today: today) else {
            throw Refusal("Seul un référent de la structure d'accueil coche la liste d'accueil, de la signature au dernier jour de l'immersion.")
        }
        let known = Set(try items(of: immersion).map(\.text))
        let unknown = ticked.subtracting(known)
        guard unknown.isEmpty else { throw Refusal("Un point coché ne fait pas partie de la liste d'accueil : rechargez la page.") }
        var saved = try stored(id)
        let before = saved
        for text in known {
            if ticked.contains(text) {
                if saved[text] == nil { saved[text] = Entry(by: actor.name, on: today.description) }
            } else {
                saved[text] = nil
            }
        }
        guard saved != before else { return false }
        let json = JSONValue.object(saved.mapValues { JSONValue.object(["by": .string($0.by), "on": .string($0.on)]) })
        try desk.node.settings.set(Self.key(id), String(decoding: try CanonicalJSON.encode(json), as: UTF8.self))
        return true
    }

    struct Entry: Equatable {
        let by: String
        let on: String
    }

    func stored(_ id: String) throws -> [String: Entry] {
        guard let text = try desk.node.settings[Self.key(id)], case .object(let object) = try JSONParser.parse(Array(text.utf8)) else { return [:] }
        return object.compactMapValues { value in
            guard case .object(let o) = value, case .string(let by) = o["by"], case .string(let on) = o["on"] else { return nil }
            return Entry(by: by, on: on)
        }
    }

    static func key(_ id: String) -> SettingKey { SettingKey(rawValue: "welcome_checklist_\(id)") }
}
