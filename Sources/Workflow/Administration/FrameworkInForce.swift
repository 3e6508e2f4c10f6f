import Exchange
import Records

/// The référentiel a node uses now, and which version it is: recorded with each evaluation,
/// so that a debrief can be read against the questions it answered.
public struct FrameworkInForce: Sendable, Equatable {
    public let framework: ExchangeFramework
    /// The envelope id of the hub's version, or `standard` for the software's own.
    public let version: String
    /// 1 for the hub's first version; nil for the software's.
    public let number: Int?
    public let published: Timestamp?

    public static let standardVersion = "standard"
    public static let standard = FrameworkInForce(framework: FrameworkText.standard, version: standardVersion, number: nil, published: nil)

    /// "version 2, publiée le 3 février 2027", or "version livrée avec le logiciel".
    public var label: String {
        guard let number, let published else { return "version livrée avec le logiciel" }
        return "version \(number), publiée le \(French.day(published))"
    }
}
