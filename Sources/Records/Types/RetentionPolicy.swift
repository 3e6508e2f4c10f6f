/// How long the network keeps personal data (RGPD article 5.1.e, storage limitation), as the
/// hub publishes it for every node. Each node applies it daily to its own records, by
/// redactions (`Redaction.Reason.retention`), and to its accounts. The defaults are stated and
/// justified on the "Données personnelles" page.
public struct RetentionPolicy: RecordBody, Hashable {
    public static let recordType = RecordType(rawValue: "retention_policy")
    public static let visibility = Visibility.network

    /// A request that never became an immersion (declined, cancelled, left unanswered): kept
    /// this many days after its last step, long enough to answer a question about it.
    public var unrealisedDays: Int
    /// An immersion that was signed (convention, signatures, evaluations, attestation): kept
    /// this many days after its last day, the time within which a claim about it may be made.
    public var immersionDays: Int
    /// A demand or an offer that is closed, withdrawn or whose periods are all over.
    public var closedDays: Int
    /// An account nobody signed in to for this long is deactivated…
    public var accountUnusedDays: Int
    /// …and deleted this many days later if still unused.
    public var accountGraceDays: Int

    public static let standard = RetentionPolicy(
        unrealisedDays: 365,
        immersionDays: 1095,
        closedDays: 365,
        accountUnusedDays: 730,
        accountGraceDays: 90
    )

    /// Each field with its JSON key, its bounds and what it is in French.
    public static let fields: [(key: String, range: ClosedRange<Int64>, label: String)] = [
        ("unrealisedDays", 30...3650, "Demande d'immersion qui n'a pas abouti, après sa dernière étape"),
        ("immersionDays", 30...3650, "Immersion signée (convention, évaluations, attestation), après son dernier jour"),
        ("closedDays", 30...3650, "Demande de découverte ou offre close, retirée ou passée"),
        ("accountUnusedDays", 90...3650, "Compte sans connexion, avant d'être désactivé"),
        ("accountGraceDays", 7...365, "Compte désactivé et toujours inutilisé, avant d'être supprimé"),
    ]

    public init(unrealisedDays: Int, immersionDays: Int, closedDays: Int, accountUnusedDays: Int, accountGraceDays: Int) {
        self.unrealisedDays = unrealisedDays
        self.immersionDays = immersionDays
        self.closedDays = closedDays
        self.accountUnusedDays = accountUnusedDays
        self.accountGraceDays = accountGraceDays
    }

    public init?(json: JSONValue, issues: IssueList) {
        let r = FieldReader(json, issues: issues)
        r.rejectUnknownKeys(allowed: Set(Self.fields.map(\.key)))
        let values = Self.fields.map { r.integer($0.key, in: $0.range, unit: "jours").map(Int.init) }
        guard let unrealised = values[0], let immersion = values[1], let closed = values[2], let unused = values[3], let grace = values[4]
        else { return nil }
        self.init(unrealisedDays: unrealised, immersionDays: immersion, closedDays: closed, accountUnusedDays: unused, accountGraceDays: grace)
    }

    public var json: JSONValue {
        .object([
            "unrealisedDays": .integer(Int64(unrealisedDays)), "immersionDays": .integer(Int64(immersionDays)),
            "closedDays": .integer(Int64(closedDays)), "accountUnusedDays": .integer(Int64(accountUnusedDays)),
            "accountGraceDays": .integer(Int64(accountGraceDays)),
        ])
    }

    /// The value of a field by its JSON key.
    public func days(_ key: String) -> Int {
        switch key {
        case "unrealisedDays": unrealisedDays
        case "immersionDays": immersionDays
        case "closedDays": closedDays
        case "accountUnusedDays": accountUnusedDays
        default: accountGraceDays
        }
    }
}
