import Foundation
import Records

/// The protocol's calls as typed messages, over any transport (the real HTTPS one, or a test's
/// wrapper that injects failures). An answer that does not read as its message is reported
/// to staff as incomprehensible, naming what was expected.
extension HubTransport {
    func head() async throws -> HeadResponse {
        try await exchange(.GET, "/v1/head", body: nil, expecting: HeadResponse.self, what: "tête de chaîne attendue")
    }

    func push(_ request: PushRequest) async throws -> PushResponse {
        try await exchange(.POST, "/v1/push", body: request.wire, expecting: PushResponse.self, what: "réponse à l'envoi attendue")
    }

    func changes(since cursor: Int64, limit: Int, wait: Duration = .zero) async throws -> ChangesResponse {
        let timeout = wait == .zero ? "" : "&timeout=\(wait.components.seconds * 1000 + wait.components.attoseconds / 1_000_000_000_000_000)"
        return try await exchange(
            .GET,
            "/v1/changes?since=\(cursor)&limit=\(limit)\(timeout)",
            body: nil,
            expecting: ChangesResponse.self,
            what: "page de modifications incomplète"
        )
    }

    func own(after seq: Int64, limit: Int) async throws -> OwnResponse {
        try await exchange(.GET, "/v1/own?after=\(seq)&limit=\(limit)", body: nil, expecting: OwnResponse.self, what: "page de récupération attendue")
    }

    func renew(_ request: RenewalRequest) async throws -> RenewalResponse {
        try await exchange(.POST, "/v1/renew", body: request.wire, expecting: RenewalResponse.self, what: "nouveau certificat attendu")
    }

    func enroll(_ request: EnrollmentRequest) async throws -> EnrollmentResponse {
        try await exchange(
            .POST,
            "/v1/enroll",
            body: request.wire,
            expecting: EnrollmentResponse.self,
            what: "identité du hub ou fiche de membre absente"
        )
    }

    private func exchange<Message: WireMessage>(
        _ method: HubMethod,
        _ path: String,
        body: JSONValue?,
        expecting: Message.Type,
        what: String
    ) async throws -> Message {
        let answer = try await call(method, path, body: body)
        do { return try Message(wire: answer) } catch { throw SyncError.malformedResponse("\(what) (\(error.description))") }
    }
}
