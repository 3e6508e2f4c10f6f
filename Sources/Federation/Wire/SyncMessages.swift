import Foundation
import Records
import Storage

/// A message of the sync protocol, one type per schema of `protocol/schemas/sync/`,
/// used by both the hub and the node.
public protocol WireMessage: Sendable {
    init(wire: JSONValue) throws(WireError)
    var wire: JSONValue { get }
}

/// `GET /v1/head`: what the hub holds of the caller's own shared chain, and its epoch.
public struct HeadResponse: WireMessage, Equatable {
    public var origin: String
    public var seq: Int64
    public var hash: String
    public var epoch: String

    public init(origin: String, seq: Int64, hash: String, epoch: String) {
        self.origin = origin
        self.seq = seq
        self.hash = hash
        self.epoch = epoch
    }

    public init(wire: JSONValue) throws(WireError) {
        let r = WireReader(wire)
        origin = try r.string("origin")
        seq = try r.integer("seq")
        hash = try r.string("hash")
        epoch = try r.string("epoch")
    }

    public var wire: JSONValue {
        .object(["origin": .string(origin), "seq": .integer(seq), "hash": .string(hash), "epoch": .string(epoch)])
    }
}

/// `POST /v1/push`: a batch of the caller's own envelopes.
public struct PushRequest: WireMessage {
    public var batch: String
    public var envelopes: [Envelope]
    /// Elements of `envelopes` that could not be read as envelopes (the hub reports them as rejected).
    public var unreadable: [Rejection] = []
    /// How many elements the batch had, readable or not (checked against `Wire.maxEnvelopesPerBatch`).
    public var count: Int
    /// SHA-256 (hex) of the canonical encoding of the `envelopes` array as received: a batch id
    /// reused with other content is refused (federation.md, "Push").
    public var contentDigest: String

    public init(batch: String, envelopes: [Envelope]) {
        self.batch = batch
        self.envelopes = envelopes
        count = envelopes.count
        contentDigest = Self.digest(Wire.envelopes(envelopes))
    }

    public init(wire: JSONValue) throws(WireError) {
        let r = WireReader(wire)
        batch = try r.string("batch")
        count = wire["envelopes"]?.arrayValue?.count ?? 0
        contentDigest = Self.digest(wire["envelopes"] ?? .null)
        // An oversized batch is refused whole (413), so its envelopes are not even read.
        if count > Wire.maxEnvelopesPerBatch {
            envelopes = []
            return
        }
        (envelopes, unreadable) = try Wire.readEnvelopes(wire["envelopes"], field: "envelopes")
    }

    public var wire: JSONValue { .object(["batch": .string(batch), "envelopes": Wire.envelopes(envelopes)]) }

    static func digest(_ envelopes: JSONValue) -> String {
        Digest.sha256Hex((try? CanonicalJSON.encode(envelopes)) ?? [])
    }
}

/// What became of each envelope of a push batch.
public struct PushResponse: WireMessage, Equatable {
    public struct Gap: Sendable, Equatable {
        public var from: Int64
        public var to: Int64
    }

    public var batch: String
    public var accepted: [String]
    public var duplicates: Int
    public var withheld: [Rejection]
    public var rejected: [Rejection]
    public var forks: [Rejection]
    /// The hub's head of the caller's chain after the batch: where the caller resumes.
    public var headSeq: Int64
    public var headHash: String
    public var epoch: String
    /// True when the hub had already processed this batch id: nothing was applied again.
    public var replayed: Bool
    public var gap: Gap?
    public var message: String?

    public init(
        batch: String,
        accepted: [String],
        duplicates: Int,
        withheld: [Rejection],
        rejected: [Rejection],
        forks: [Rejection],
        headSeq: Int64,
        headHash: String,
        epoch: String,
        gap: Gap? = nil
    ) {
        self.batch = batch
        self.accepted = accepted
        self.duplicates = duplicates
        self.withheld = withheld
        self.rejected = rejected
        self.forks = forks
        self.headSeq = headSeq
        self.headHash = headHash
        self.epoch = epoch
        replayed = false
        self.gap = gap
    }

    public init(wire: JSONValue) throws(WireError) {
        let r = WireReader(wire)
        batch = try r.string("batch")
        guard let accepted = wire["accepted"]?.arrayValue else { throw WireError(field: "accepted", expected: "une liste") }
        self.accepted = accepted.compactMap(\.stringValue)
        duplicates = Int(try r.integer("duplicates"))
        withheld = r.rejections("withheld")
        rejected = r.rejections("rejected")
        forks = r.rejections("forks")
        let head = try r.object("head")
        headSeq = try head.integer("seq")
        headHash = try head.string("hash")
        epoch = try r.string("epoch")
        replayed = try r.bool("replayed")
        if wire["gap"] != nil {
            let gap = try r.object("gap")
            self.gap = Gap(from: try gap.integer("from"), to: try gap.integer("to"))
        }
        message = wire["message"]?.stringValue
    }

    public var wire: JSONValue {
        var o: [String: JSONValue] = [
            "batch": .string(batch),
            "accepted": .array(accepted.map { .string($0) }),
            "duplicates": .integer(Int64(duplicates)),
            "withheld": WireReader.rejections(withheld),
            "rejected": WireReader.rejections(rejected),
            "forks": WireReader.rejections(forks),
            "head": .object(["seq": .integer(headSeq), "hash": .string(headHash)]),
            "epoch": .string(epoch),
            "replayed": .bool(replayed),
        ]
        if let gap { o["gap"] = .object(["from": .integer(gap.from), "to": .integer(gap.to)]) }
        if let message { o["message"] = .string(message) }
        return .object(o)
    }
}

/// `GET /v1/changes`: a page of the envelopes the caller may see, in hub order.
public struct ChangesResponse: WireMessage {
    public var envelopes: [Envelope]
    public var unreadable: [Rejection] = []
    public var epoch: String
    /// True when more envelopes follow `next`.
    public var more: Bool
    /// The cursor for the next call.
    public var next: Int64

    public init(envelopes: [Envelope], epoch: String, more: Bool, next: Int64) {
        self.envelopes = envelopes
        self.epoch = epoch
        self.more = more
        self.next = next
    }

    public init(wire: JSONValue) throws(WireError) {
        let r = WireReader(wire)
        next = try r.integer("next")
        epoch = try r.string("epoch")
        more = wire["more"] == .bool(true)
        (envelopes, unreadable) = try Wire.readEnvelopes(wire["envelopes"], field: "envelopes")
    }

    public var wire: JSONValue {
        .object(["envelopes": Wire.envelopes(envelopes), "epoch": .string(epoch), "more": .bool(more), "next": .integer(next)])
    }

    /// The hub's encoding of a stored page, straight from the stored bytes: the same canonical
    /// JSON as `wire`, without parsing what is only relayed.
    /// `line`: an envelope's wire form (the hub's cache of recently served ones).
    static func encode(_ page: ChangesPage, epoch: String, line: (RawEnvelope) -> [UInt8] = { $0.wireLine }) -> [UInt8] {
        var out = Array(#"{"envelopes":["#.utf8)
        for (n, raw) in page.raw.enumerated() {
            if n > 0 { out.append(UInt8(ascii: ",")) }
            out += line(raw)
        }
        out += Array("],\"epoch\":".utf8) + Wire.bytes(.string(epoch))
        out += Array(",\"more\":\(page.more),\"next\":\(page.next)}".utf8)
        return out
    }
}

/// `GET /v1/own`: the caller's own shared-chain envelopes the hub holds (recovery after a restore).
public struct OwnResponse: WireMessage {
    public var envelopes: [Envelope]
    public var unreadable: [Rejection] = []
    public var epoch: String

    public init(envelopes: [Envelope], epoch: String) {
        self.envelopes = envelopes
        self.epoch = epoch
    }

    public init(wire: JSONValue) throws(WireError) {
        epoch = try WireReader(wire).string("epoch")
        (envelopes, unreadable) = try Wire.readEnvelopes(wire["envelopes"], field: "envelopes")
    }

    public var wire: JSONValue { .object(["epoch": .string(epoch), "envelopes": Wire.envelopes(envelopes)]) }
}
