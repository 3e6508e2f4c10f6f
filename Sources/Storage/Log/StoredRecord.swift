import Foundation
import GRDB
import Records

/// Who signs a new record: the node's structure and its signing key.
public struct Author: Sendable {
    public let structureID: String
    public let identity: SigningIdentity

    public init(structureID: String, identity: SigningIdentity) {
        self.structureID = structureID
        self.identity = identity
    }
}

/// Stored parts of an envelope, not yet parsed.
public struct RawEnvelope: Sendable {
    public let id: String
    public let headerBytes: [UInt8]
    public let signature: [UInt8]
    public let body: [UInt8]
    /// The redaction that erased the body (then `body` is its residue).
    public var redactedBy: String? = nil

    public func envelope() throws(EnvelopeError) -> Envelope {
        try Envelope(headerBytes: headerBytes, signature: signature, body: body, redactedBy: redactedBy)
    }

    public var wireLine: [UInt8] { Envelope.wireLine(headerBytes: headerBytes, signature: signature, body: body, redactedBy: redactedBy) }
}

/// The latest version of a logical record.
public struct StoredRecord: Sendable, Equatable {
    public let record: String
    public let type: RecordType
    public let origin: String
    public let envelopeID: String
    public let seq: Int64
    public let created: String
    public let firstCreated: String
    public let retracted: Bool
    public let visibility: Visibility
    public let body: [UInt8]

    init(row: Row) {
        record = row["record"]
        type = RecordType(rawValue: row["type"])
        origin = row["origin"]
        envelopeID = row["envelope"]
        seq = row["seq"]
        created = row["created"]
        firstCreated = row["first_created"]
        retracted = row["retracted"] as Bool
        visibility = Visibility(rawValue: row["visibility"]) ?? .local
        body = [UInt8](row["body"] as Data)
    }

    public func decode<Body: RecordBody>(_ type: Body.Type) throws -> Body {
        try Body.validated(JSONParser.parse(body))
    }
}

public struct StructureSummary: Sendable, Equatable {
    public let structureID: String
    public let record: String
    public let name: String
    public let sector: Sector
}
