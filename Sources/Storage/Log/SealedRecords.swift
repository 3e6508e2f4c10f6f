import Foundation
import Records

extension OpenNode {
    /// Signs and stores a private record, its body sealed to each recipient and to ourselves.
    @discardableResult
    public func appendSealed<Body: RecordBody>(
        _ body: Body,
        to recipients: [String],
        record: String? = nil,
        disclosing disclosed: SealedBody.Disclosure? = nil,
        now: Date = Date()
    ) throws -> Envelope {
        let others = Array(Set(recipients).subtracting([structureID])).sorted()
        guard !others.isEmpty else {
            throw StoreError.invalidRecord(
                ValidationError([ValidationIssue(field: "recipients", message: "au moins un destinataire est nécessaire.")])
            )
        }
        var parties: [(structure: String, publicKey: [UInt8])] = [(structureID, encryption.publicKey)]
        for recipient in others {
            guard let key = try members.encryptionKey(of: recipient) else {
                throw StoreError.invalidRecord(
                    ValidationError([
                        ValidationIssue(
                            field: "recipients",
                            message: "structure « \(recipient) » absente de l'annuaire des membres : synchroniser d'abord avec le hub."
                        )
                    ])
                )
            }
            parties.append((recipient, key))
        }
        let id = RecordID.make(at: now)
        // A thread names the record itself when it starts one (an immersion is named by its request).
        let disclosed = disclosed.map { $0.thread.isEmpty ? $0.onThread(id) : $0 }
        let sealed = try SealedBody.seal(body.canonicalBytes(), envelopeID: id, to: parties, disclosing: disclosed)
        return try store.appendRaw(
            type: Body.recordType,
            body: sealed.canonicalBytes(),
            record: record,
            as: author,
            visibility: .parties,
            recipients: others,
            id: id,
            now: now
        )
    }

    /// The clear body of a stored record: sealed bodies are opened with our key; a record
    /// we hold no key for says which key it would need instead of failing.
    public func clearBody(of record: StoredRecord) throws -> [UInt8] {
        guard record.visibility == .parties else { return record.body }
        let sealed = try SealedBody(json: JSONParser.parse(record.body))
        return try sealed.open(envelopeID: record.envelopeID, with: encryption)
    }
}
