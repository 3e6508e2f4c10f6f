import Foundation

/// Time-sortable record ids (UUIDv7, RFC 9562): 48 bits of Unix milliseconds,
/// then random bits, written as lowercase canonical UUID text.
public enum RecordID {
    public static func make(at date: Date = Date()) -> String {
        var generator = SystemRandomNumberGenerator()
        return make(milliseconds: UInt64(max(0, date.timeIntervalSince1970 * 1000)), using: &generator)
    }

    public static func make<G: RandomNumberGenerator>(milliseconds: UInt64, using generator: inout G) -> String {
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in 0..<6 { bytes[i] = UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - i))) }
        for i in 6..<16 { bytes[i] = UInt8.random(in: 0...255, using: &generator) }
        bytes[6] = 0x70 | (bytes[6] & 0x0F)
        bytes[8] = 0x80 | (bytes[8] & 0x3F)
        let hex = Hex.encode(bytes)
        let h = Array(hex)
        return String(h[0..<8]) + "-" + String(h[8..<12]) + "-" + String(h[12..<16]) + "-"
            + String(h[16..<20]) + "-" + String(h[20..<32])
    }

    /// Any lowercase canonical UUID (versions other than 7 are accepted for interoperability).
    public static func isWellFormed(_ s: String) -> Bool {
        let chars = Array(s.utf8)
        guard chars.count == 36 else { return false }
        for (i, c) in chars.enumerated() {
            if [8, 13, 18, 23].contains(i) {
                if c != UInt8(ascii: "-") { return false }
            } else if Hex.value(c) == nil {
                return false
            }
        }
        return true
    }
}
