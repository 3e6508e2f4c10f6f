import Exchange
import Foundation
import Records
import Storage

/// The attestation credentials on a node: the host issues one per immersion once its
/// attestation is due, signed with the structure's key and sealed to the visitor's structure;
/// either side reads it back, checked against the member directory; anyone's credential can be
/// checked against it too (`vmvp credential verify`, the hub's `/verifier`).
public struct Credentials: Sendable {
    public let node: OpenNode

    public init(node: OpenNode) { self.node = node }

    /// The credential of `immersion` this node holds, if the host issued it and it checks out.
    public func credential(for immersion: Immersion) throws -> CredentialCheck.Verified? {
        let keys = try node.members.signingKeys()
        for body in try received(from: immersion.hostStructure) where body.request == immersion.id {
            guard let verified = try? CredentialCheck.verify(body.credential, keys: keys), verified.credential.immersion == immersion.id,
                verified.credential.issuer.id == immersion.hostStructure
            else { continue }
            return verified
        }
        return nil
    }

    /// Issues the credential of every immersion this node hosted whose attestation is due and
    /// that has none yet (`only`: of that immersion alone); returns the immersions it issued for.
    @discardableResult
    public func issueDue(today: Day, now: Date = Date(), only: String? = nil) throws -> [String] {
        let me = node.structureID
        let due = try ImmersionBook(node: node).immersions(thread: only).filter {
            $0.hostStructure == me && $0.analysis.attestationAvailable(today: today)
        }
        guard !due.isEmpty else { return [] }
        let issued = Set(try received(from: me).map(\.request))
        let names = try node.structureNames()
        var done: [String] = []
        for immersion in due where !issued.contains(immersion.id) {
            let offer = try node.store.currentRecord(immersion.request.offer).flatMap { try? $0.decode(Offer.self) }
            guard let facts = AttestationFacts(immersion, offer: offer, names: names, today: today) else { continue }
            let jws = try facts.credential(id: RecordID.make(at: now), issued: Timestamp(now)).signed(with: node.author.identity)
            let record = try ImmersionCredential(request: immersion.id, credential: jws.text).validated()
            try node.appendSealed(
                record,
                to: [immersion.visitorStructure],
                disclosing: SealedBody.Disclosure(thread: immersion.id, step: "credential"),
                now: now
            )
            done.append(immersion.id)
        }
        return done
    }

    /// Checks a credential someone hands in against this node's member directory.
    public func verify(_ text: String) throws -> CredentialCheck.Verified {
        try CredentialCheck.verify(text, keys: node.members.signingKeys())
    }

    /// The credential records written by `origin` that this node can open.
    func received(from origin: String) throws -> [ImmersionCredential] {
        try node.store.currentRecords(type: ImmersionCredential.recordType, origin: origin).compactMap { record in
            guard let clear = try? node.clearBody(of: record), let json = try? JSONParser.parse(clear) else { return nil }
            return try? ImmersionCredential.validated(json)
        }
    }
}
