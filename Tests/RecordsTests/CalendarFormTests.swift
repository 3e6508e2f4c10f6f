import Foundation
import Testing

@testable import Records

/// Days and instants are written by hand, not by `String(format:)`: the same text, digit for digit.
@Suite("Days and instants in text")
struct CalendarFormTests {
    @Test func instantsReadAsTheFormatWritesThem() {
        var generator = SystemRandomNumberGenerator()
        let samples: [Int64] =
            [0, 1, 999, 1_000, 59_999, 86_399_999, 86_400_000, -1, -86_400_001, 253_402_300_799_999, 1_796_601_600_123]
            + (0..<2_000).map { _ in Int64.random(in: -62_135_596_800_000...253_402_300_799_999, using: &generator) }
        for ms in samples {
            let instant = Timestamp(milliseconds: ms)
            let seconds = ms >= 0 ? ms / 1000 : (ms - 999) / 1000
            let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
            let rest = Int(seconds - days * 86_400)
            let day = Day(daysSinceEpoch: Int(days))
            let reference = String(
                format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                day.year,
                day.month,
                day.day,
                rest / 3600,
                rest % 3600 / 60,
                rest % 60,
                Int(ms - seconds * 1000)
            )
            #expect(instant.description == reference)
            #expect(Timestamp(instant.description) == instant, "\(reference) reads back")
        }
    }

    @Test func daysArePaddedLikeTheFormat() {
        for (year, month, day) in [(1, 1, 1), (999, 12, 31), (2027, 3, 9), (9999, 10, 10)] {
            #expect(Day(year: year, month: month, day: day)?.description == String(format: "%04d-%02d-%02d", year, month, day))
        }
    }
}
