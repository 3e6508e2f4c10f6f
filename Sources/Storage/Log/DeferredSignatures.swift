import Foundation
import GRDB
import Records

/// What one background pass of chain-tail verification found.
public struct DeferredSignatureCheck: Sendable, Equatable {
    public var checked = 0
    /// Envelopes whose own signature does not hold although a later envelope of their chain
    /// authenticated their header: quarantined for a person to examine (their content stays).
    public var failed: [String] = []
    /// Signatures still to check after this pass.
    public var remaining = 0

    public init() {}
}

extension RecordStore {
    /// Signatures that chain-tail verification left to the background pass.
    public func pendingSignatureCount() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM signature_pending") ?? 0 }
    }

    /// Checks up to `limit` of the signatures left by chain-tail verification, in log order and
    /// on every core, so that the log ends fully verified (protocol/federation.md, "Chain-tail
    /// verification"). A signature that does not hold is the origin's fault, not the hub's: the
    /// envelope keeps its place (its header is authentic) and a copy goes to the quarantine.
    public func checkDeferredSignatures(limit: Int = 5_000, now: Date = Date()) async throws -> DeferredSignatureCheck {
        let rows = try pendingSignatures(limit: limit)
        var result = DeferredSignatureCheck()
        guard !rows.isEmpty else { return result }
        let keys = try trustedKeys()
        // Reading each stored envelope (its header parsed and checked canonical) cost as much as
        // its signature: both are done on every core.
        let checked: [(envelope: Envelope?, problem: String?)] = await Self.inParallel(rows) { row in
            guard let envelope = row.envelope else { return (nil, "enveloppe illisible") }
            let h = envelope.header
            // The key the header names, revoked or not: the envelope was accepted under the
            // revocation rules when it arrived, and what was accepted then stays.
            guard let key = keys.publicKey(structure: h.originStructure, keyID: h.originKey) else {
                return (envelope, "clé \(h.originKey) inconnue pour \(h.originStructure)")
            }
            do {
                try envelope.verifySignature(publicKey: key)
                return (envelope, nil)
            } catch {
                return (envelope, "\(error)")
            }
        }
        try await pool.write { db in
            for (row, (envelope, problem)) in zip(rows, checked) {
                try db.cachedStatement(sql: "DELETE FROM signature_pending WHERE position = ?").execute(arguments: [row.position])
                // Another pass (the listener's, beside a round's) already settled it.
                guard db.changesCount > 0, let problem, let envelope else { continue }
                let h = envelope.header
                try db.execute(
                    sql: "INSERT INTO quarantine (envelope_id, origin, seq, hash, reason, received_at, wire) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    arguments: [
                        h.id, h.originStructure, h.seq, envelope.hash,
                        "signature propre invalide (\(problem)) ; l'en-tête est authentifié par l'enregistrement suivant de la même chaîne, qui est gardé.",
                        Timestamp(now).description, Data(envelope.wireLine),
                    ]
                )
            }
        }
        result.checked = rows.count
        result.failed = zip(rows, checked).compactMap { row, check in
            check.problem == nil ? nil : check.envelope?.id ?? "position \(row.position)"
        }
        result.remaining = try pendingSignatureCount()
        return result
    }

    /// Checks pages of the pending signatures until none is left (or the task is cancelled).
    /// Returns how many were checked and the envelopes whose signature does not hold.
    public func checkAllDeferredSignatures() async throws -> DeferredSignatureCheck {
        var total = DeferredSignatureCheck()
        while !Task.isCancelled {
            let pass = try await checkDeferredSignatures()
            total.checked += pass.checked
            total.failed += pass.failed
            total.remaining = pass.remaining
            if pass.checked == 0 || pass.remaining == 0 { break }
        }
        return total
    }

    /// A stored envelope's parts, read in the log's order.
    struct PendingSignature: Sendable {
        let position: Int64
        let header: [UInt8]
        let signature: [UInt8]
        let body: [UInt8]
        let redactedBy: String?

        var envelope: Envelope? { try? Envelope(headerBytes: header, signature: signature, body: body, redactedBy: redactedBy) }
    }

    func pendingSignatures(limit: Int) throws -> [PendingSignature] {
        try pool.read { db in
            try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT p.position, e.header, e.signature, e.body, e.redacted FROM signature_pending p
                        JOIN envelopes e ON e.position = p.position ORDER BY p.position LIMIT ?
                        """
                ),
                arguments: [limit]
            ).map { row in
                PendingSignature(
                    position: row["position"],
                    header: [UInt8](row["header"] as Data),
                    signature: [UInt8](row["signature"] as Data),
                    body: [UInt8](row["body"] as Data),
                    redactedBy: row["redacted"]
                )
            }
        }
    }
}
