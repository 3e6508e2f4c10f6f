import Foundation
import Records

/// The checks of received envelopes that need no database, run on every core before the
/// write transaction: keys, signatures (one per run of a chain when a node pulls), body
/// hashes and forms, decoding, and the offers' search words.
extension RecordStore {
    /// The outcome of the checks that need no database: signature, hash, form, and the
    /// decoded clear body (so the write transaction does not parse it again).
    struct Verdict: Sendable {
        var rejection: Rejection?
        var decoded: Result<any RecordBody, ValidationError>?
        /// An offer's search words, stemmed here, on every core, rather than in the write transaction.
        var search: OfferSearchDocument?
        /// Authenticated by a later envelope of its chain, its own signature not yet checked
        /// (protocol/federation.md, "Chain-tail verification"): the background pass checks it.
        var signatureDeferred = false
        /// Its own signature was checked and holds: its header is authentic.
        var signatureVerified = false
    }

    /// Checks every envelope on all cores. With `chainTailsOnly` (a node pulling), an envelope
    /// whose successor in the batch names it by `prev` and is itself authenticated is checked
    /// in full but for its own signature: one signature per contiguous run of a chain.
    static func verifyInParallel(_ envelopes: [Envelope], keys: TrustedKeys, chainTailsOnly: Bool = false) async -> [Verdict] {
        let keyResults = envelopes.map { keys.key(for: $0.header) }
        let links = chainTailsOnly ? ChainLinks(envelopes) : nil
        // A tail: no successor here, or one whose key is refused (it authenticates nothing).
        let isTail: [Bool] = envelopes.indices.map { i in
            guard let j = links?.successor[i] else { return true }
            if case .failure = keyResults[j] { return true }
            return false
        }
        var verdicts = await inParallel(Array(envelopes.indices)) { i in
            verdict(envelopes[i], key: keyResults[i], checkSignature: isTail[i])
        }
        guard let links else { return verdicts }
        // Authenticated: its signature verified, or its successor authenticated. A successor
        // always has the greater `seq`, so walking down the sequence numbers meets it first.
        var authenticated = [Bool](repeating: false, count: envelopes.count)
        var unproven: [Int] = []
        for i in envelopes.indices.sorted(by: { envelopes[$0].header.seq > envelopes[$1].header.seq }) {
            if case .failure = keyResults[i] { continue }
            if isTail[i] {
                authenticated[i] = verdicts[i].signatureVerified
            } else if let j = links.successor[i], authenticated[j] {
                authenticated[i] = true
                verdicts[i].signatureDeferred = verdicts[i].rejection == nil
            } else {
                unproven.append(i)
            }
        }
        // The tail they hang from failed: each is checked on its own.
        let rechecked = await inParallel(unproven) { i in verdict(envelopes[i], key: keyResults[i], checkSignature: true) }
        for (i, verdict) in zip(unproven, rechecked) { verdicts[i] = verdict }
        return verdicts
    }

    static func verdict(_ envelope: Envelope, key: Result<[UInt8], Rejection>, checkSignature: Bool) -> Verdict {
        switch key {
        case .failure(let rejection): return Verdict(rejection: rejection)
        case .success(let key):
            var verdict = Verdict()
            do {
                if checkSignature {
                    try envelope.verifySignature(publicKey: key)
                    verdict.signatureVerified = true
                }
                let json = try envelope.verifyBody()
                // A sealed body is not read here; an erased one has nothing left to read.
                guard envelope.header.visibility != .parties, envelope.redactedBy == nil else { return verdict }
                verdict.decoded = KnownRecordTypes.decode(envelope.header.type, json: json)
                verdict.search = (try? verdict.decoded?.get() as? Offer).map(OfferSearchDocument.init)
            } catch {
                verdict.rejection = Rejection(envelopeID: envelope.id, reason: "\(error)", permanent: true)
            }
            return verdict
        }
    }

    /// `work` on every item, in as many chunks as there are cores, results in the items' order.
    static func inParallel<Item: Sendable, Output: Sendable>(
        _ items: [Item],
        _ work: @escaping @Sendable (Item) -> Output
    ) async -> [Output] {
        guard !items.isEmpty else { return [] }
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let chunk = max(64, (items.count + workers - 1) / workers)
        // One chunk (a push of a few records): on this task. A child task would wait its turn
        // on a hub busy answering long-polls, and this task again to resume after it.
        if items.count <= chunk { return items.map(work) }
        return await withTaskGroup(of: (Int, [Output]).self) { group in
            for start in stride(from: 0, to: items.count, by: chunk) {
                let slice = items[start..<min(start + chunk, items.count)]
                group.addTask { (start, slice.map(work)) }
            }
            var parts: [(Int, [Output])] = []
            for await part in group { parts.append(part) }
            return parts.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
    }
}

/// Within one batch, each envelope's successor: the envelope of the same origin, shared chain
/// and key whose `seq` is one more and whose `prev` is this envelope's hash.
struct ChainLinks {
    let successor: [Int?]

    init(_ envelopes: [Envelope]) {
        var byPrev: [String: Int] = [:]
        for (j, envelope) in envelopes.enumerated() where envelope.header.chain == .shared { byPrev[envelope.header.prev] = j }
        successor = envelopes.map { envelope in
            let h = envelope.header
            guard h.chain == .shared, let j = byPrev[envelope.hash] else { return nil }
            let next = envelopes[j].header
            return next.originStructure == h.originStructure && next.originKey == h.originKey && next.seq == h.seq + 1 ? j : nil
        }
    }
}
