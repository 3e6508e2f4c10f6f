/// The version of this software, announced to the hub by every node (`User-Agent: vmvp/<version>`)
/// so that the MDA sees which members run an old one.
public enum SoftwareVersion {
    public static let current = "0.9.0"

    /// `vmvp/0.9.0`
    public static var userAgent: String { "vmvp/\(current)" }

    /// The version a `User-Agent` announces, if it is ours and well formed (digits, letters, `.`, `-`, `+`; 32 at most).
    public static func announced(by userAgent: String?) -> String? {
        guard let userAgent, userAgent.hasPrefix("vmvp/") else { return nil }
        let version = userAgent.dropFirst(5).prefix { $0 != " " }
        guard (1...32).contains(version.count),
            version.unicodeScalars.allSatisfy({
                $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || ".-+".unicodeScalars.contains($0))
            })
        else { return nil }
        return String(version)
    }
}
