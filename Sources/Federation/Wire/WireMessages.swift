import Foundation
import Records
import Storage

/// Helpers for the sync protocol's JSON messages (protocol/federation.md). Messages are
/// read with the same strict parser as records: no floats, no duplicate keys.
enum Wire {
    static let maxEnvelopesPerBatch = 1000
    static let maxBodyBytes = 32 * 1024 * 1024

    static func bytes(_ value: JSONValue) -> [UInt8] {
        (try? CanonicalJSON.encode(value.normalizedToNFC())) ?? Array(#"{"error":{"code":"internal","message":"encodage impossible"}}"#.utf8)
    }

    static func envelopes(_ list: [Envelope]) -> JSONValue {
        .array(list.map(\.wireJSON))
    }

    /// Reads an array of wire envelopes; each malformed one becomes a rejection naming it.
    static func parseEnvelopes(_ value: JSONValue?) throws(ProtocolError) -> (envelopes: [Envelope], rejected: [Rejection]) {
        guard case .array(let items)? = value else { throw .badRequest("champ « envelopes » absent ou pas une liste") }
        var envelopes: [Envelope] = []
        var rejected: [Rejection] = []
        for (index, item) in items.enumerated() {
            do { envelopes.append(try Envelope(wire: item)) } catch {
                let id = item["header"]?["id"]?.stringValue ?? "envelopes[\(index)]"
                rejected.append(Rejection(envelopeID: id, reason: error.description, permanent: true))
            }
        }
        return (envelopes, rejected)
    }

    static func rejections(_ list: [Rejection]) -> JSONValue {
        .array(list.map { .object(["id": .string($0.envelopeID), "reason": .string($0.reason), "permanent": .bool($0.permanent)]) })
    }

    static func parseRejections(_ value: JSONValue?) -> [Rejection] {
        (value?.arrayValue ?? []).map {
            Rejection(
                envelopeID: $0["id"]?.stringValue ?? "?",
                reason: $0["reason"]?.stringValue ?? "",
                permanent: $0["permanent"] == .bool(true)
            )
        }
    }

    static func string(_ value: JSONValue, _ key: String) throws(ProtocolError) -> String {
        guard case .string(let s)? = value[key] else { throw .badRequest("champ « \(key) » absent ou pas un texte") }
        return s
    }
}

/// A protocol-level failure: an HTTP status, a stable code for programs and a French message for staff.
public struct ProtocolError: Error, Sendable, Equatable, CustomStringConvertible {
    public let status: Int
    public let code: String
    public let message: String

    public init(status: Int, code: String, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    public static func badRequest(_ why: String) -> ProtocolError {
        let sentence = why.hasSuffix(".") ? String(why.dropLast()) : why
        return ProtocolError(status: 400, code: "bad_request", message: "Requête invalide : \(sentence).")
    }

    public var description: String { message }

    var json: JSONValue { .object(["error": .object(["code": .string(code), "message": .string(message)])]) }

    static func from(_ json: JSONValue?, status: Int) -> ProtocolError {
        ProtocolError(
            status: status,
            code: json?["error"]?["code"]?.stringValue ?? "http_\(status)",
            message: json?["error"]?["message"]?.stringValue ?? "Le hub a répondu avec l'erreur HTTP \(status)."
        )
    }
}
