import Foundation
import GRDB
import Records

/// Derives the current state (records, structures, offers and their search index)
/// from one envelope, inside the transaction that stores it.
enum StateProjection {
    /// `decoded`: the validated clear body when the caller already has it (saves a parse).
    /// `search`: an offer's search words when the caller stemmed them already (off the writer).
    static func apply(_ envelope: Envelope, decoded: (any RecordBody)? = nil, search: OfferSearchDocument? = nil, db: Database) throws {
        let h = envelope.header
        if envelope.redactedBy != nil {
            // Takes effect once its redaction is held (now, or when it arrives).
            if try RecordStore.redactionHeld(for: envelope, db: db) { try applyErased(envelope, db: db) }
            return
        }
        try project(envelope, decoded: decoded, search: search, db: db)
        try RecordStore.applyEarlierRedaction(to: h, db: db)
    }

    /// The current state from one whole envelope.
    static func project(_ envelope: Envelope, decoded: (any RecordBody)?, search: OfferSearchDocument? = nil, db: Database) throws {
        let h = envelope.header
        if h.type == .tombstone {
            try db.cachedStatement(
                sql: "UPDATE records SET retracted = 1, envelope = ?, seq = ?, created = ? WHERE record = ? AND origin = ? AND seq < ?"
            ).execute(
                arguments: [h.id, h.seq, h.created.description, h.record, h.originStructure, h.seq])
            if db.changesCount > 0 { try unindexOffer(h.record, db: db) }
            return
        }
        // A record seen for the first time has no row in the catalogue's tables either (they are
        // only ever written with its row in `records`, which is never deleted).
        var isNew = false
        if let existing = try Row.fetchOne(db.cachedStatement(sql: "SELECT origin, seq FROM records WHERE record = ?"), arguments: [h.record]) {
            // Only the origin may change its record; a later version never loses to an earlier one.
            guard existing["origin"] == h.originStructure, (existing["seq"] as Int64) < h.seq else { return }
            try db.cachedStatement(
                sql: "UPDATE records SET envelope = ?, seq = ?, created = ?, body = ?, visibility = ? WHERE record = ? AND retracted = 0"
            ).execute(
                arguments: [h.id, h.seq, h.created.description, Data(envelope.body), h.visibility.rawValue, h.record])
            if db.changesCount == 0 { return }
        } else {
            guard h.record == h.id else { return }  // an update whose first version we do not hold
            try db.cachedStatement(
                sql: """
                    INSERT INTO records (record, type, origin, envelope, seq, created, first_created, visibility, body)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [
                h.record, h.type.rawValue, h.originStructure, h.id, h.seq, h.created.description,
                h.created.description, h.visibility.rawValue, Data(envelope.body),
            ])
            isNew = true
        }
        guard h.visibility != .parties else { return }  // sealed: opened on demand by the parties
        let body: (any RecordBody)?
        if let decoded {
            body = decoded
        } else if let json = try? JSONParser.parse(envelope.body), case .success(let value)? = KnownRecordTypes.decode(h.type, json: json) {
            body = value
        } else {
            body = nil
        }
        switch h.type {
        case .structureProfile:
            guard let profile = body as? StructureProfile else { return }
            try db.cachedStatement(
                sql: """
                    INSERT INTO structures (structure, record, name, sector, signing_key) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(structure) DO UPDATE SET record = excluded.record, name = excluded.name,
                        sector = excluded.sector, signing_key = excluded.signing_key
                    """
            ).execute(arguments: [h.originStructure, h.record, profile.name, profile.sector.rawValue, profile.signingKey])
        case .offer:
            guard let offer = body as? Offer else { return }
            try indexOffer(offer, record: h.record, origin: h.originStructure, updated: h.created.description, search: search, isNew: isNew, db: db)
        case Member.recordType:
            guard try isFromHub(h, db: db), let member = body as? Member else { return }
            try db.cachedStatement(
                sql: """
                    INSERT INTO member_keys (structure, key_id, public_key, encryption_key, encryption_key_id, certificate_fingerprint,
                                             name, sector, enrolled_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(structure, key_id) DO UPDATE SET encryption_key = excluded.encryption_key,
                        encryption_key_id = excluded.encryption_key_id, certificate_fingerprint = excluded.certificate_fingerprint,
                        name = excluded.name, sector = excluded.sector
                    """
            ).execute(arguments: [
                member.structure, member.signingKeyID, Data(member.signingKeyBytes), Data(member.encryptionKeyBytes),
                member.encryptionKeyID, member.certificateFingerprint, member.name, member.sector.rawValue,
                member.enrolledAt.description,
            ])
        case Redaction.recordType:
            guard let redaction = body as? Redaction else { return }
            try RecordStore.applyRedaction(h, body: redaction, db: db)
        case Revocation.recordType:
            guard try isFromHub(h, db: db), let revocation = body as? Revocation else { return }
            try db.cachedStatement(sql: "UPDATE member_keys SET revoked_at = ?, last_valid_seq = ? WHERE structure = ? AND key_id = ?").execute(
                arguments: [revocation.revokedAt.description, revocation.lastValidSeq, revocation.structure, revocation.signingKeyID])
        default:
            break
        }
    }

    /// An envelope received already erased (a later redaction of its origin's erased its body
    /// before it reached us): the current state keeps its residue, and a clear record is gone.
    static func applyErased(_ envelope: Envelope, db: Database) throws {
        let h = envelope.header
        let gone = h.visibility != .parties
        if let existing = try Row.fetchOne(db.cachedStatement(sql: "SELECT origin, seq FROM records WHERE record = ?"), arguments: [h.record]) {
            guard existing["origin"] == h.originStructure, (existing["seq"] as Int64) < h.seq else { return }
            try db.cachedStatement(
                sql: "UPDATE records SET envelope = ?, seq = ?, created = ?, body = ?, retracted = retracted OR ? WHERE record = ?"
            )
            .execute(arguments: [h.id, h.seq, h.created.description, Data(envelope.body), gone, h.record])
        } else {
            guard h.record == h.id || h.type == .tombstone else { return }
            try db.cachedStatement(
                sql: """
                    INSERT INTO records (record, type, origin, envelope, seq, created, first_created, retracted, visibility, body)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [
                h.record, h.type.rawValue, h.originStructure, h.id, h.seq, h.created.description, h.created.description, gone,
                h.visibility.rawValue, Data(envelope.body),
            ])
        }
        if gone { try unindexOffer(h.record, db: db) }
    }

    /// Directory records count only when the hub signed them.
    static func isFromHub(_ header: EnvelopeHeader, db: Database) throws -> Bool {
        try NodeSettings.value(.hubStructureID, db) == header.originStructure
    }

    /// `isNew`: no row of this record exists in the catalogue's tables (nothing to replace).
    static func indexOffer(
        _ offer: Offer,
        record: String,
        origin: String,
        updated: String,
        search: OfferSearchDocument? = nil,
        isNew: Bool = false,
        db: Database
    ) throws {
        // Not `RETURNING rowid`: through GRDB it cost ten times the upsert and the query together.
        try db.cachedStatement(
            sql: """
                INSERT INTO offers (record, origin, status, commune, duration, capacity, updated) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(record) DO UPDATE SET status = excluded.status, commune = excluded.commune,
                    duration = excluded.duration, capacity = excluded.capacity, updated = excluded.updated
                """
        ).execute(arguments: [record, origin, offer.status.rawValue, offer.commune, offer.durationHalfDays, offer.capacity, updated])
        let rowid =
            isNew
            ? db.lastInsertedRowID
            : try Int64.fetchOne(db.cachedStatement(sql: "SELECT rowid FROM offers WHERE record = ?"), arguments: [record]) ?? 0
        if !isNew { try db.cachedStatement(sql: "DELETE FROM offer_periods WHERE record = ?").execute(arguments: [record]) }
        for period in offer.possiblePeriods {
            try db.cachedStatement(sql: "INSERT INTO offer_periods (record, start_day, end_day) VALUES (?, ?, ?)").execute(
                arguments: [record, period.from.description, period.to.description])
        }
        if !isNew { try db.cachedStatement(sql: "DELETE FROM offer_search WHERE rowid = ?").execute(arguments: [rowid]) }
        if offer.status == .published {
            let document = search ?? OfferSearchDocument(offer)
            try db.cachedStatement(sql: "INSERT INTO offer_search (rowid, record, title, place, content, stems) VALUES (?, ?, ?, ?, ?, ?)").execute(
                arguments: [rowid, record, document.title, document.place, document.content, document.stems])
        }
    }

    static func unindexOffer(_ record: String, db: Database) throws {
        if let rowid = try Int64.fetchOne(db.cachedStatement(sql: "SELECT rowid FROM offers WHERE record = ?"), arguments: [record]) {
            try db.cachedStatement(sql: "DELETE FROM offer_search WHERE rowid = ?").execute(arguments: [rowid])
        }
        try db.cachedStatement(sql: "DELETE FROM offers WHERE record = ?").execute(arguments: [record])
        try db.cachedStatement(sql: "DELETE FROM offer_periods WHERE record = ?").execute(arguments: [record])
    }
}

/// What the catalogue's full-text index holds of an offer: its words, and their stems.
struct OfferSearchDocument: Sendable {
    let title: String
    let place: String
    let content: String
    let stems: String

    init(_ offer: Offer) {
        title = offer.hostStructure
        place = "\(offer.establishment) \(offer.commune)"
        content = [
            offer.observableMissions, offer.observableJobProfiles, offer.observerProfile, offer.proposedContents, offer.specialConditions,
        ].joined(separator: "\n")
        stems = FrenchStemmer.stems(of: [title, place, content].joined(separator: " "))
    }
}
