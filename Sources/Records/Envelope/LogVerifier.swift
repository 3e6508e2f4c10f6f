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

    /// Learns keys announced in structure profiles signed by the key they announce
    /// (a profile's signature is still checked later with that key), and keys bound to
    /// structures by member records.
    public mutating func learnKeys(from envelopes: [Envelope]) {
        for envelope in envelopes {
            guard let json = try? envelope.bodyJSON() else { continue }
            if envelope.header.type == .structureProfile || envelope.header.type == Member.recordType,
                case .string(let k)? = json["signingKey"], let key = Base64.decode(k), key.count == 32,
                envelope.header.type == Member.recordType || KeyID.of(ed25519: key) == envelope.header.originKey
            {
                learnKey(key)
            }
        }
    }

    /// Checks every envelope, then every chain. `completeOrigins` lists the origins whose
    /// shared chain must be gapless here (nil: all of them); local chains are always complete.
    public func verify(_ envelopes: [Envelope], completeOrigins: Set<String>? = nil) -> [LogFault] {
        var faults: [LogFault] = []
        struct ChainKey: Hashable, Comparable {
            let origin: String
            let chain: Chain
            static func < (a: ChainKey, b: ChainKey) -> Bool { (a.origin, a.chain.rawValue) < (b.origin, b.chain.rawValue) }
        }
        var byChain: [ChainKey: [Envelope]] = [:]
        for envelope in envelopes {
            byChain[ChainKey(origin: envelope.header.originStructure, chain: envelope.header.chain), default: []].append(envelope)
            guard let key = keys[envelope.header.originKey] else {
                faults.append(LogFault(envelopeID: envelope.id, problem: EnvelopeError.unknownKey(envelope.header.originKey).description))
                continue
            }
            do { try envelope.verify(publicKey: key) } catch {
                faults.append(LogFault(envelopeID: envelope.id, problem: error.description))
            }
        }
        for key in byChain.keys.sorted() {
            let complete = key.chain == .local || completeOrigins?.contains(key.origin) ?? true
            faults += ChainCheck.check(byChain[key]!, complete: complete)
        }
        return faults
    }
}

/// A body erased at its origin's request, as a verifier reports it: not a fault, since the
/// signature covers the header, which names the erased body only by its hash.
public struct Erasure: Sendable, Equatable {
    public let envelopeID: String
    public let origin: String
    public let redaction: String
    public let reason: Redaction.Reason
    public let at: Timestamp
}

extension LogVerifier {
    /// Pairs each erased envelope with the redaction that erased it: a redaction held here, from
    /// the same origin, naming it. An erased body without one is a fault.
    public static func erasures(in envelopes: [Envelope]) -> (erasures: [Erasure], faults: [LogFault]) {
        var redactions: [String: (envelope: Envelope, body: Redaction)] = [:]
        for envelope in envelopes where envelope.header.type == Redaction.recordType && envelope.redactedBy == nil {
            guard let json = try? envelope.bodyJSON(), let body = try? Redaction.validated(json, normalize: false) else { continue }
            redactions[envelope.id] = (envelope, body)
        }
        var erasures: [Erasure] = []
        var faults: [LogFault] = []
        for envelope in envelopes {
            guard let by = envelope.redactedBy else { continue }
            guard let redaction = redactions[by], redaction.envelope.header.originStructure == envelope.header.originStructure,
                redaction.body.envelopes.contains(envelope.id)
            else {
                faults.append(
                    LogFault(envelopeID: envelope.id, problem: "contenu effacé sans demande d'effacement de son auteur détenue ici (\(by)).")
                )
                continue
            }
            erasures.append(
                Erasure(
                    envelopeID: envelope.id,
                    origin: envelope.header.originStructure,
                    redaction: by,
                    reason: redaction.body.reason,
                    at: redaction.envelope.header.created
                )
            )
        }
        return (erasures, faults)
    }
}
