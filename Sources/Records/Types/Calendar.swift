import Foundation

/// A calendar day written `YYYY-MM-DD` (proleptic Gregorian), as the offer form uses.
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...Day.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.utf8.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public var description: String {
        // Not String(format:): through Foundation it cost more than the rest of storing a record.
        guard year >= 0 else { return String(format: "%04d-%02d-%02d", year, month, day) }
        return Self.padded(year, 4) + "-" + Self.padded(month, 2) + "-" + Self.padded(day, 2)
    }

    /// A non-negative number in decimal, zero-padded to `width` digits, as "%0*d" writes it.
    static func padded(_ n: Int, _ width: Int) -> String {
        let digits = String(n)
        return digits.utf8.count >= width ? digits : String(repeating: "0", count: width - digits.utf8.count) + digits
    }

    /// French display form, e.g. "3 mars 2027", "1er avril 2027" (see `French`).
    public var french: String { French.date(self) }

    public static func < (a: Day, b: Day) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 (negative before), from Howard Hinnant's civil algorithm.
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public init(daysSinceEpoch z0: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        month = m
        day = d
    }

    public static func today(_ now: Date = Date()) -> Day {
        Day(daysSinceEpoch: Int((now.timeIntervalSince1970 / 86_400).rounded(.down)))
    }

    public func adding(days: Int) -> Day { Day(daysSinceEpoch: daysSinceEpoch + days) }

    /// The same day `months` calendar months later; the month's last day when it is shorter
    /// (31 August + 6 months is 28 or 29 February).
    public func adding(months: Int) -> Day {
        let index = year * 12 + (month - 1) + months
        let (y, m) = (index / 12, index % 12 + 1)
        return Day(year: y, month: m, day: Swift.min(day, Day.daysIn(month: m, year: y))) ?? self
    }
}

/// An inclusive range of days, `{"from": "...", "to": "..."}` on the wire.
public struct Period: Sendable, Hashable {
    public let from: Day
    public let to: Day

    public init(from: Day, to: Day) {
        self.from = from
        self.to = to
    }

    public func overlaps(_ other: Period) -> Bool { from <= other.to && other.from <= to }

    /// Calendar days from the first to the last, both included.
    public var days: Int { to.daysSinceEpoch - from.daysSinceEpoch + 1 }

    public func contains(_ other: Period) -> Bool { from <= other.from && other.to <= to }

    /// The whole calendar month `YYYY-MM`.
    public static func month(_ text: String) -> Period? {
        let parts = text.split(separator: "-")
        guard text.utf8.count == 7, parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]),
            let first = Day(year: y, month: m, day: 1),
            let last = Day(year: y, month: m, day: Day.daysIn(month: m, year: y))
        else { return nil }
        return Period(from: first, to: last)
    }

    public var json: JSONValue { .object(["from": .string(from.description), "to": .string(to.description)]) }
}

/// Envelope creation time: RFC 3339 in UTC with milliseconds, e.g. `2026-11-25T14:05:09.120Z`.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let millisecondsSinceEpoch: Int64

    public init(milliseconds: Int64) { millisecondsSinceEpoch = milliseconds }

    public init(_ date: Date) { millisecondsSinceEpoch = Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }

    public static func now() -> Timestamp { Timestamp(Date()) }

    public var date: Date { Date(timeIntervalSince1970: Double(millisecondsSinceEpoch) / 1000) }

    public init?(_ text: String) {
        // Exactly YYYY-MM-DDTHH:MM:SS.mmmZ: one spelling per instant.
        let c = Array(text.utf8)
        guard c.count == 24, c[10] == UInt8(ascii: "T"), c[13] == UInt8(ascii: ":"), c[16] == UInt8(ascii: ":"),
            c[19] == UInt8(ascii: "."), c[23] == UInt8(ascii: "Z"),
            let day = Day(String(decoding: c[0..<10], as: UTF8.self))
        else { return nil }
        func number(_ r: Range<Int>) -> Int? {
            guard c[r].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
            return Int(String(decoding: c[r], as: UTF8.self))
        }
        guard let h = number(11..<13), let mi = number(14..<16), let s = number(17..<19), let ms = number(20..<23),
            h < 24, mi < 60, s < 60
        else { return nil }
        let seconds = Int64(day.daysSinceEpoch) * 86_400 + Int64(h * 3600 + mi * 60 + s)
        millisecondsSinceEpoch = seconds * 1000 + Int64(ms)
    }

    public var description: String {
        let ms = millisecondsSinceEpoch
        let seconds = ms >= 0 ? ms / 1000 : (ms - 999) / 1000
        let milli = Int(ms - seconds * 1000)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = Int(seconds - days * 86_400)
        let day = Day(daysSinceEpoch: Int(days))
        return day.description + "T" + Day.padded(rest / 3600, 2) + ":" + Day.padded(rest % 3600 / 60, 2) + ":" + Day.padded(rest % 60, 2) + "."
            + Day.padded(milli, 3) + "Z"
    }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.millisecondsSinceEpoch < b.millisecondsSinceEpoch }
}
