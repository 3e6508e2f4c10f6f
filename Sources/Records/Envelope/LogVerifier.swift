/// Verifies a whole log (a node's store or an export): every envelope's
/// signature, body hash and form, then every origin's chain.
///
/// Public keys come from the log itself: each structure profile carries its
/// signing key and the key id is a hash of it, so a key cannot be substituted.
/// Member records signed by the hub (federation) are the other source.
public struct LogVerifier {
    public private(set) var keys: [String: [UInt8]] = [:]

    public init() {}

    public mutating func learnKey(_ publicKey: [UInt8]) {
        keys[KeyID.of(ed25519: publicKey)] = publicKey
    }

    /// Learns keys announced in structure profiles. A profile's own signature is
    /// still checked later with the key it announces.
    public mutating func learnKeys(from envelopes: [Envelope]) {
        for envelope in envelopes where envelope.header.type == .structureProfile {
            if let json = try? envelope.bodyJSON(), case .string(let k)? = json["signingKey"], let key = Base64.decode(k), key.count == 32 {
                learnKey(key)
            }
        }
    }

    public func verify(_ envelopes: [Envelope]) -> [LogFault] {
        var faults: [LogFault] = []
        var byOrigin: [String: [Envelope]] = [:]
        for envelope in envelopes {
            byOrigin[envelope.header.originStructure, default: []].append(envelope)
            guard let key = keys[envelope.header.originKey] else {
                faults.append(LogFault(envelopeID: envelope.id, problem: EnvelopeError.unknownKey(envelope.header.originKey).description))
                continue
            }
            do { try envelope.verify(publicKey: key) } catch {
                faults.append(LogFault(envelopeID: envelope.id, problem: error.description))
            }
        }
        for origin in byOrigin.keys.sorted() {
            faults += ChainCheck.check(byOrigin[origin]!)
        }
        return faults
    }
}
