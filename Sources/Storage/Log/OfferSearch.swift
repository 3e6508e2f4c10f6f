import Foundation
import GRDB
import Records

/// A catalogue query over published offers. Every criterion is optional.
public struct OfferQuery: Sendable, Equatable {
    public var text: String?
    public var sector: Sector?
    public var commune: String?
    /// Offers with a possible period overlapping this month (`YYYY-MM`).
    public var month: Period?
    /// Offers lasting at most this many half-days.
    public var maxDurationHalfDays: Int?
    /// Offers with at least this many places per period.
    public var minimumCapacity: Int?
    /// Offers of one structure only.
    public var origin: String?
    /// The day the search is made: offers whose periods have all ended before it are left out
    /// (unless `includeEnded`), and the others come in the order of their next period.
    public var today: Day?
    public var includeEnded = false
    public var limit: Int
    public var offset: Int

    public init(
        text: String? = nil,
        sector: Sector? = nil,
        commune: String? = nil,
        month: Period? = nil,
        maxDurationHalfDays: Int? = nil,
        limit: Int = 50,
        offset: Int = 0
    ) {
        self.text = text
        self.sector = sector
        self.commune = commune
        self.month = month
        self.maxDurationHalfDays = maxDurationHalfDays
        self.limit = limit
        self.offset = offset
    }

    /// Turns free text into an FTS5 query: each word must be found, as typed (a prefix, accents
    /// ignored) or by its French stem ("pédopsychiatrie" finds "pédopsychiatre"). Every term is
    /// quoted, so punctuation or FTS syntax typed by a user can never break the query.
    static func ftsExpression(_ text: String) -> String? {
        let words = FrenchStemmer.words(text)
        guard !words.isEmpty else { return nil }
        return words.map { "(\"\($0)\"* OR stems : \"\(FrenchStemmer.stem($0))\"*)" }.joined(separator: " AND ")
    }
}

public struct OfferHit: Sendable, Equatable {
    public let record: String
    public let origin: String
    public let structureName: String?
    public let sector: Sector?
    public let offer: Offer
    /// Every period of the offer ended before the search's day.
    public var ended = false
}

public struct OfferSearchResult: Sendable, Equatable {
    public let total: Int
    public let hits: [OfferHit]
}

extension RecordStore {
    /// Number of published offers of each structure (for the directory).
    public func publishedOfferCounts() throws -> [String: Int] {
        try pool.read { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT origin, COUNT(*) AS n FROM offers WHERE status = 'published' GROUP BY origin") {
                counts[row["origin"]] = row["n"]
            }
            return counts
        }
    }

    public func searchOffers(_ query: OfferQuery) throws -> OfferSearchResult {
        try pool.read { db in
            var conditions = ["o.status = 'published'"]
            var arguments: StatementArguments = []
            var from = "offers o JOIN records r ON r.record = o.record"
            var order = "o.updated DESC, o.record"
            var orderArguments: StatementArguments = []
            if let today = query.today {
                let nextStart = "(SELECT MIN(p.start_day) FROM offer_periods p WHERE p.record = o.record AND p.end_day >= ?)"
                if !query.includeEnded {
                    conditions.append("EXISTS (SELECT 1 FROM offer_periods p WHERE p.record = o.record AND p.end_day >= ?)")
                    arguments += [today.description]
                }
                // Open offers by their next period; ended ones after them.
                order = "\(nextStart) IS NULL, \(nextStart), o.record"
                orderArguments = [today.description, today.description]
            }
            if let text = query.text, let expression = OfferQuery.ftsExpression(text) {
                from += " JOIN offer_search f ON f.rowid = o.rowid"
                conditions.append("offer_search MATCH ?")
                arguments += [expression]
                // Words found as typed, in the title or the place, rank before words found by their stem.
                order = "bm25(offer_search, 0.0, 10.0, 4.0, 1.0, 0.3), " + order
            }
            if let sector = query.sector {
                conditions.append("s.sector = ?")
                arguments += [sector.rawValue]
            }
            if let commune = query.commune, !commune.isEmpty {
                conditions.append("o.commune = ? COLLATE NOCASE")
                arguments += [commune]
            }
            if let month = query.month {
                conditions.append("EXISTS (SELECT 1 FROM offer_periods p WHERE p.record = o.record AND p.start_day <= ? AND p.end_day >= ?)")
                arguments += [month.to.description, month.from.description]
            }
            if let origin = query.origin {
                conditions.append("o.origin = ?")
                arguments += [origin]
            }
            if let minimum = query.minimumCapacity {
                conditions.append("o.capacity >= ?")
                arguments += [minimum]
            }
            if let max = query.maxDurationHalfDays {
                conditions.append("o.duration <= ?")
                arguments += [max]
            }
            let whereClause = conditions.joined(separator: " AND ")
            let base = "FROM \(from) LEFT JOIN structures s ON s.structure = o.origin WHERE \(whereClause)"
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) \(base)", arguments: arguments) ?? 0
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT o.record, o.origin, s.name, s.sector, r.body \(base)
                    ORDER BY \(order) LIMIT ? OFFSET ?
                    """,
                arguments: arguments + orderArguments + [query.limit, query.offset]
            )
            let hits = rows.compactMap { row -> OfferHit? in
                guard let offer = try? Offer.validated(JSONParser.parse([UInt8](row["body"] as Data))) else { return nil }
                return OfferHit(
                    record: row["record"],
                    origin: row["origin"],
                    structureName: row["name"],
                    sector: (row["sector"] as String?).flatMap(Sector.init(rawValue:)),
                    offer: offer,
                    ended: query.today.map { today in offer.possiblePeriods.allSatisfy { $0.to < today } } ?? false
                )
            }
            return OfferSearchResult(total: total, hits: hits)
        }
    }
}
