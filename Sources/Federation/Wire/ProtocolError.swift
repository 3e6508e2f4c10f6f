import Foundation
import Records

/// A protocol-level failure: an HTTP status, a stable code for programs and a French message for staff
/// (protocol/federation.md, "Errors"; `schemas/sync/error.schema.json`).
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

    public static let bodyTooLarge = ProtocolError(
        status: 413,
        code: "body_too_large",
        message: "Requête trop volumineuse (\(Wire.maxBodyBytes / 1_048_576) Mo au plus)."
    )

    public var description: String { message }

    /// `{"error":{"code":…,"message":…}}`
    var wire: JSONValue { .object(["error": .object(["code": .string(code), "message": .string(message)])]) }

    /// The error a hub's answer carries; an answer without one (e.g. the HTTP layer's 404) gets `http_<status>`.
    public static func from(_ json: JSONValue?, status: Int) -> ProtocolError {
        ProtocolError(
            status: status,
            code: json?["error"]?["code"]?.stringValue ?? "http_\(status)",
            message: json?["error"]?["message"]?.stringValue ?? "Le hub a répondu avec l'erreur HTTP \(status)."
        )
    }
}
