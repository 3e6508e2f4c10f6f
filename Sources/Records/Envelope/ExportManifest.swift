/// The first line of an export: a statement, signed by the exporting structure, of the chains it
/// holds in full and of their heads. Without it, dropping records from an export (its own first,
/// then putting another origin's line first) left a file that still verified; with it, a verifier
/// checks every chain the exporter claims complete against the head it signed
/// (protocol/README.md, "Export").
public struct ExportManifest: Sendable, Equatable {
    public struct Head: Sendable, Hashable {
        public let origin: String
        public let chain: Chain
        public let seq: Int64
        public let hash: String

        public init(origin: String, chain: Chain, seq: Int64, hash: String) {
            self.origin = origin
            self.chain = chain
            self.seq = seq
            self.hash = hash
        }
    }

    /// The hub the exporter belongs to, by structure id and signing key id (nil before enrollment):
    /// its `member` records are what bind the network's structures to their keys.
    public struct Hub: Sendable, Hashable {
        public let structure: String
        public let key: String

        public init(structure: String, key: String) {
            self.structure = structure
            self.key = key
        }
    }

    /// The exporting structure and the key id it signs with.
    public let exporter: String
    public let key: String
    public let hub: Hub?
    /// The chains the exporter holds in full (its own; at the hub, every shared chain), with their heads.
    public let complete: [Head]

    public init(exporter: String, key: String, hub: Hub?, complete: [Head]) {
        self.exporter = exporter
        self.key = key
        self.hub = hub
        self.complete = complete.sorted { ($0.origin, $0.chain.rawValue) < ($1.origin, $1.chain.rawValue) }
    }

    var json: JSONValue {
        .object([
            "type": .string("export_manifest"),
            "exporter": .string(exporter),
            "key": .string(key),
            "hub": hub.map { .object(["structure": .string($0.structure), "key": .string($0.key)]) } ?? .null,
            "complete": .array(
                complete.map {
                    .object(["origin": .string($0.origin), "chain": .string($0.chain.rawValue), "seq": .integer($0.seq), "hash": .string($0.hash)])
                }
            ),
        ])
    }

    /// The signed bytes: the canonical encoding of the manifest object.
    public var bytes: [UInt8] { (try? CanonicalJSON.encode(json)) ?? [] }

    /// The export's first line: `{"manifest":{…},"signature":"<Base64 Ed25519>"}`.
    public func line(signedBy identity: SigningIdentity) throws -> [UInt8] {
        let signature = try identity.sign(bytes)
        return try CanonicalJSON.encode(.object(["manifest": json, "signature": .string(Base64.encode(signature))]))
    }

    /// Reads a manifest line; nil when the line is not one (an envelope, or an older export).
    public static func read(_ line: [UInt8]) -> (manifest: ExportManifest, signature: [UInt8])? {
        guard let value = try? JSONParser.parse(line), case .object(let o) = value, let m = o["manifest"], m["type"] == .string("export_manifest"),
            let exporter = m["exporter"]?.stringValue, let key = m["key"]?.stringValue, let heads = m["complete"]?.arrayValue,
            let signature = o["signature"]?.stringValue.flatMap(Base64.decode)
        else { return nil }
        var complete: [Head] = []
        for head in heads {
            guard let origin = head["origin"]?.stringValue, let chain = head["chain"]?.stringValue.flatMap(Chain.init(rawValue:)),
                let seq = head["seq"]?.integerValue, let hash = head["hash"]?.stringValue
            else { return nil }
            complete.append(Head(origin: origin, chain: chain, seq: seq, hash: hash))
        }
        var hub: Hub?
        switch m["hub"] {
        case .null: hub = nil
        case .object(let h)? where h.count == 2:
            guard let structure = h["structure"]?.stringValue, let key = h["key"]?.stringValue else { return nil }
            hub = Hub(structure: structure, key: key)
        default: return nil
        }
        let manifest = ExportManifest(exporter: exporter, key: key, hub: hub, complete: complete)
        // The signature covers the canonical form: a manifest re-encoded differently does not verify.
        guard manifest.bytes == (try? CanonicalJSON.encode(m)) else { return nil }
        return (manifest, signature)
    }

    /// Checks `envelopes` against the manifest: its signature by the exporter's key (found among
    /// `keys`), then every chain it claims complete, present in full up to the head it signed.
    public func faults(signature: [UInt8], keys: [String: [UInt8]], envelopes: [Envelope]) -> [LogFault] {
        let name = "déclaration d'export"
        // The key must be one the exporter signs its own records with, not any key in the file.
        guard envelopes.contains(where: { $0.header.originStructure == exporter && $0.header.originKey == key }), let key = keys[key] else {
            return [
                LogFault(
                    envelopeID: name,
                    problem: "la clé qui la signe n'est pas celle de la structure qui a fait l'export (ou sa fiche manque au fichier)."
                )
            ]
        }
        guard SignatureCheck.isValid(signature: signature, message: bytes, publicKey: key) else {
            return [
                LogFault(
                    envelopeID: name,
                    problem: "signature invalide : la déclaration a été modifiée ou n'est pas de la structure qui a fait l'export."
                )
            ]
        }
        var faults: [LogFault] = []
        for head in complete {
            let chain = envelopes.filter { $0.header.originStructure == head.origin && $0.header.chain == head.chain }
            let seqs = Set(chain.map(\.header.seq))
            let missing = (1...max(head.seq, 1)).filter { head.seq > 0 && !seqs.contains($0) }
            if !missing.isEmpty {
                let list =
                    missing.count > 5
                    ? "\(missing.count) enregistrements, dont le n° \(missing[0])" : missing.map { "n° \($0)" }.joined(separator: ", ")
                faults.append(
                    LogFault(
                        envelopeID: name,
                        problem:
                            "export incomplet : il manque à la chaîne \(head.chain == .local ? "locale" : "partagée") de la structure \(head.origin) : \(list)."
                    )
                )
            }
            if let top = chain.filter({ $0.header.seq == head.seq }).first, top.hash != head.hash {
                faults.append(LogFault(envelopeID: top.id, problem: "ne correspond pas à la tête de chaîne déclarée par l'export (n° \(head.seq))."))
            }
            for extra in chain where extra.header.seq > head.seq {
                faults.append(LogFault(envelopeID: extra.id, problem: "au-delà de la tête de chaîne déclarée par l'export (n° \(head.seq))."))
            }
        }
        return faults
    }
}
