import Foundation
import Records
import Storage

/// The sync protocol's named limits and encoding (protocol/federation.md, "Limits").
/// Messages are read with the same strict parser as records (no floats, no duplicate
/// keys) and written as canonical JSON; envelopes travel as the exact bytes that were signed.
public enum Wire {
    /// Envelopes in one push; more is refused with `413 batch_too_large`.
    public static let maxEnvelopesPerBatch = 1000
    /// Envelopes the reference node sends per push.
    public static let nodeBatchSize = 500
    /// A request body at the hub, and a response body at the node.
    public static let maxBodyBytes = 32 * 1024 * 1024
    /// `limit` of `/v1/changes` and `/v1/own` when the caller gives none, and its upper clamp.
    public static let defaultPageLimit = 1000
    public static let maxPageLimit = 5000
    /// The page size the reference node asks for.
    public static let nodePageSize = 2000
    /// The bytes of envelopes in one page of `/v1/changes` or `/v1/own`, and in one push: with
    /// the largest envelope a page may end with (`RecordLimits.largest`), a page stays far under
    /// `maxBodyBytes`, so a node can read any page the hub may send.
    public static let maxPageBytes = 8 * 1024 * 1024
    /// A connection to the hub with no complete HTTP part for this long is closed (30 s):
    /// idle keep-alive connections, and request heads sent too slowly, do not pile up.
    public static let idleTimeout: Duration = .seconds(30)
    /// The longest the hub holds a long-poll of `/v1/changes` (`timeout`, milliseconds, is
    /// clamped to it), and how long the reference node asks for: under the node's 120 s
    /// request timeout, and answered before proxies commonly give up on a silent response.
    public static let maxLongPoll: Duration = .seconds(60)
    /// The bytes of envelopes in the answer to a long-poll (`timeout` > 0), at least one
    /// envelope: a hub answering a thousand held requests at once keeps each answer small, so
    /// that a slow moment cannot fill its memory with large answers waiting to be sent.
    public static let maxLongPollAnswerBytes = 64 * 1024
    public static let nodeLongPoll: Duration = .seconds(25)
    /// The largest integer every JSON reader holds exactly (2^53 − 1): query parameters and
    /// feed positions stay within it.
    public static let maxSafeInteger: Int64 = 9_007_199_254_740_991

    /// The `limit` a page request gets: the caller's, clamped to 1…`maxPageLimit`.
    static func pageLimit(_ requested: Int) -> Int { min(max(requested, 1), maxPageLimit) }

    /// Canonical bytes of a message; a value that cannot be encoded becomes the `internal` error.
    static func bytes(_ value: JSONValue) -> [UInt8] {
        (try? CanonicalJSON.encode(value.normalizedToNFC()))
            ?? Array(#"{"error":{"code":"internal","message":"encodage impossible"}}"#.utf8)
    }

    static func envelopes(_ list: [Envelope]) -> JSONValue { .array(list.map(\.wireJSON)) }

    /// Reads a list of wire envelopes; each malformed one becomes a rejection naming it.
    static func readEnvelopes(_ value: JSONValue?, field: String) throws(WireError) -> (envelopes: [Envelope], unreadable: [Rejection]) {
        guard case .array(let items)? = value else { throw WireError(field: field, expected: "une liste") }
        var envelopes: [Envelope] = []
        var unreadable: [Rejection] = []
        for (index, item) in items.enumerated() {
            do { envelopes.append(try Envelope(wire: item)) } catch {
                let id = item["header"]?["id"]?.stringValue ?? "\(field)[\(index)]"
                unreadable.append(Rejection(envelopeID: id, reason: error.description, permanent: true))
            }
        }
        return (envelopes, unreadable)
    }
}

/// A message field that is missing or of the wrong type. The hub answers it with
/// `400 bad_request`; a node reports the hub's answer as incomprehensible.
public struct WireError: Error, Sendable, Equatable, CustomStringConvertible {
    public let field: String
    public let expected: String

    public var description: String { "champ « \(field) » absent ou pas \(expected)" }
}

/// Reads the members of a message object.
struct WireReader {
    let value: JSONValue

    init(_ value: JSONValue) { self.value = value }

    func string(_ key: String) throws(WireError) -> String {
        guard case .string(let s)? = value[key] else { throw WireError(field: key, expected: "un texte") }
        return s
    }

    func integer(_ key: String) throws(WireError) -> Int64 {
        guard case .integer(let n)? = value[key] else { throw WireError(field: key, expected: "un entier") }
        return n
    }

    func bool(_ key: String) throws(WireError) -> Bool {
        guard case .bool(let b)? = value[key] else { throw WireError(field: key, expected: "un booléen") }
        return b
    }

    func object(_ key: String) throws(WireError) -> WireReader {
        guard let inner = value[key], inner.objectValue != nil else { throw WireError(field: key, expected: "un objet") }
        return WireReader(inner)
    }

    func rejections(_ key: String) -> [Rejection] {
        (value[key]?.arrayValue ?? []).map {
            Rejection(
                envelopeID: $0["id"]?.stringValue ?? "?",
                reason: $0["reason"]?.stringValue ?? "",
                permanent: $0["permanent"] == .bool(true)
            )
        }
    }

    static func rejections(_ list: [Rejection]) -> JSONValue {
        .array(list.map { .object(["id": .string($0.envelopeID), "reason": .string($0.reason), "permanent": .bool($0.permanent)]) })
    }
}
