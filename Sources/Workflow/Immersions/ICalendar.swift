import Exchange
import Foundation
import Records

/// Confirmed immersions as an iCalendar file (RFC 5545), to add to any diary.
public enum ICalendar {
    public static func document(_ immersions: [Immersion], today: Day, names: [String: StructureName], now: Date = Date()) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//MDA Herault//Vis ma vie pro//FR", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
        let stamp = compact(Timestamp(now))
        for immersion in immersions {
            switch immersion.state(today: today) {
            case .confirmed, .inProgress, .completed: break
            default: continue
            }
            let period = immersion.period
            let host = names[immersion.hostStructure] ?? StructureName("structure d'accueil", article: .la)
            let visitor = names[immersion.visitorStructure] ?? StructureName("structure d'origine", article: .la)
            let places = immersion.currentConvention?.places ?? ""
            let hours = immersion.currentConvention?.hours ?? ""
            lines += [
                "BEGIN:VEVENT",
                "UID:\(immersion.id)@vismaviepro",
                "DTSTAMP:\(stamp)",
                "DTSTART;VALUE=DATE:\(compact(period.from))",
                // DTEND is exclusive for whole days.
                "DTEND;VALUE=DATE:\(compact(period.to.adding(days: 1)))",
                "SUMMARY:\(escape("Immersion Vis ma vie pro : \(immersion.request.visitorName) (\(visitor.name)) \(host.at)"))",
                "LOCATION:\(escape(places))",
                "DESCRIPTION:\(escape("Horaires : \(hours)"))",
                "END:VEVENT",
            ]
        }
        lines.append("END:VCALENDAR")
        return lines.flatMap(fold).joined(separator: "\r\n") + "\r\n"
    }

    static func compact(_ day: Day) -> String { day.description.replacingOccurrences(of: "-", with: "") }

    static func compact(_ t: Timestamp) -> String {
        // 2026-11-27T10:00:00.000Z → 20261127T100000Z
        let s = t.description
        return String(s.prefix(19)).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "") + "Z"
    }

    /// Text values escape backslash, semicolon, comma and line breaks.
    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;")
            .replacingOccurrences(of: ",", with: "\\,").replacingOccurrences(of: "\r\n", with: "\\n").replacingOccurrences(of: "\n", with: "\\n")
    }

    /// Lines longer than 75 octets are folded (continuation lines start with a space), never inside a character.
    static func fold(_ line: String) -> [String] {
        var result: [String] = []
        var current = ""
        var size = 0
        for character in line {
            let length = String(character).utf8.count
            if size + length > (result.isEmpty ? 75 : 74) {
                result.append(result.isEmpty ? current : " " + current)
                current = ""
                size = 0
            }
            current.append(character)
            size += length
        }
        result.append(result.isEmpty ? current : " " + current)
        return result
    }
}
