import Crypto

/// SHA-256 as lowercase hex, the form every hash takes on the wire.
public enum Digest {
    public static func sha256Hex<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        var hasher = SHA256()
        hasher.update(data: Array(bytes))
        return Hex.encode(hasher.finalize())
    }

    /// The `prev` of the first envelope of an origin.
    public static let genesis = String(repeating: "0", count: 64)
}
