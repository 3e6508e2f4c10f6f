/// Asks every holder to erase the bodies of records its origin wrote (protocol/federation.md,
/// "Redactions"). Signed by the origin of every envelope it names: a structure erases only what
/// it wrote. Holders replace each named body by its residue (`RedactionResidue`) and keep the
/// header, so every chain still verifies: the signature covers the header, which names the body
/// only by its hash. The same model as Matrix's redactions.
///
/// A `network` redaction names shared envelopes and reaches the hub and every node; a `local`
/// one names envelopes of the writer's local chain.
public struct Redaction: RecordBody, Hashable {
    public static let recordType = RecordType(rawValue: "redaction")
    public static let visibility = Visibility.network
    /// Enough for every record of a person over years of immersions; a longer list is split.
    public static let maximumEnvelopes = 1000

    public enum Reason: String, Sendable, CaseIterable {
        /// A person asked for their data to be erased (RGPD article 17).
        case erasure
        /// The network's retention policy says the records are no longer needed.
        case retention
    }

    /// Envelope ids, sorted, without duplicates.
    public var envelopes: [String]
    public var reason: Reason
    /// Immersions (thread ids) whose other party is asked to erase its own records too.
    public var threads: [String]

    public init(envelopes: [String], reason: Reason, threads: [String] = []) {
        self.envelopes = Array(Set(envelopes)).sorted()
        self.reason = reason
        self.threads = Array(Set(threads)).sorted()
    }

    public init?(json: JSONValue, issues: IssueList) {
        let r = FieldReader(json, issues: issues)
        r.rejectUnknownKeys(allowed: ["envelopes", "reason", "threads"])
        func ids(_ key: String, count: ClosedRange<Int>) -> [String] {
            let list = r.list(key, count: count) { value, path -> String? in
                guard let id = value.stringValue, RecordID.isWellFormed(id) else {
                    issues.add(path, "identifiant d'enregistrement attendu (UUID en minuscules).")
                    return nil
                }
                return id
            }
            if list != Array(Set(list)).sorted() { issues.add(r.field(key), "la liste doit être triée et sans doublon.") }
            return list
        }
        envelopes = ids("envelopes", count: 1...Self.maximumEnvelopes)
        threads = json["threads"] == nil ? [] : ids("threads", count: 0...Self.maximumEnvelopes)
        reason = r.choice("reason", Reason.self) ?? .erasure
    }

    public var json: JSONValue {
        var o: [String: JSONValue] = [
            "envelopes": .array(envelopes.map { .string($0) }),
            "reason": .string(reason.rawValue),
        ]
        if !threads.isEmpty { o["threads"] = .array(threads.map { .string($0) }) }
        return .object(o)
    }
}

/// What a holder keeps of an erased body: nothing of a clear body; of a sealed body, only what
/// its author had already shown the hub in clear (the disclosed metadata and the parties), so
/// that the MDA's counts survive the erasure unchanged. Never a name or a text.
public enum RedactionResidue {
    public static func of(body: [UInt8], visibility: Visibility) -> [UInt8] {
        guard visibility == .parties, let sealed = try? SealedBody(json: JSONParser.parse(body)) else { return Array("{}".utf8) }
        var o: [String: JSONValue] = ["structures": .array(sealed.structures.sorted().map { .string($0) })]
        if let disclosed = sealed.disclosed { o["disclosed"] = disclosed.json }
        return (try? CanonicalJSON.encode(.object(o))) ?? Array("{}".utf8)
    }

    /// The clear metadata of a sealed body or of its residue.
    public static func metadata(of body: [UInt8]) -> (disclosed: SealedBody.Disclosure?, structures: [String])? {
        guard let json = try? JSONParser.parse(body) else { return nil }
        if let sealed = try? SealedBody(json: json) { return (sealed.disclosed, sealed.structures) }
        guard case .object(let o) = json, Set(o.keys).isSubset(of: ["structures", "disclosed"]), let list = o["structures"]?.arrayValue else {
            return nil
        }
        let structures = list.compactMap(\.stringValue)
        guard structures.count == list.count else { return nil }
        guard let disclosed = try? o["disclosed"].map(SealedBody.Disclosure.init(json:)) else { return nil }
        return (disclosed, structures)
    }
}
