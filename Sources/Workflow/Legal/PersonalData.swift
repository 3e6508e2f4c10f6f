import Foundation
import Records
import Storage

/// Everything a node holds about one person, found by their email (and, where a record names
/// people without an email, by their name): their account, the immersions they take part in
/// (request, conventions, signatures, evaluations), the demands and offers that name them, the
/// notifications sent to them and the administrative acts they did. The right of access and
/// portability (RGPD articles 15 and 20); the format is protocol/personal-data.md.
public struct PersonalData: Sendable {
    public static let format = "vmvp-personal-data/1"

    public struct ImmersionPart: Sendable {
        public let immersion: Immersion
        /// "visitor", "employer", "host": the person's places in it.
        public let roles: [String]
    }

    public let email: String
    public let name: String?
    public let account: Account?
    public let immersions: [ImmersionPart]
    public let demands: [(record: StoredRecord, demand: Demand)]
    public let offers: [(record: StoredRecord, offer: Offer)]
    public let notifications: [(key: String, sentAt: String)]
    public let acts: [AuditEntry]

    /// Reads what `node` holds about `email`. Sealed records the node cannot open are skipped.
    /// `name`: how records without an email name the person (a demand written for someone who
    /// has no account); the account's name when there is one.
    public init(node: OpenNode, email rawEmail: String, name givenName: String? = nil) throws {
        let email = rawEmail.trimmingCharacters(in: .whitespaces).lowercased()
        self.email = email
        let account = try node.accounts.account(email: email)
        self.account = account
        let same: @Sendable (String) -> Bool = { $0.lowercased() == email }
        var parts: [ImmersionPart] = []
        for immersion in try ImmersionBook(node: node).all() {
            var roles: [String] = []
            let convention = immersion.currentConvention
            if same(immersion.request.visitorEmail) || convention.map({ same($0.visitor.email) }) == true { roles.append("visitor") }
            if convention.map({ same($0.employer.email) }) == true { roles.append("employer") }
            if convention.map({ same($0.host.email) }) == true { roles.append("host") }
            if !roles.isEmpty { parts.append(ImmersionPart(immersion: immersion, roles: roles)) }
        }
        immersions = parts
        let given = givenName?.trimmingCharacters(in: .whitespaces)
        let name = account?.name ?? ((given?.isEmpty ?? true) ? nil : given) ?? parts.first.map { $0.immersion.request.visitorName }
        self.name = name
        demands = try node.store.currentRecords(type: .demand, origin: node.structureID).compactMap { record in
            guard let name, let demand = try? record.decode(Demand.self), demand.requesterName == name else { return nil }
            return (record, demand)
        }
        offers = try node.store.currentRecords(type: .offer, origin: node.structureID).compactMap { record in
            guard let offer = try? record.decode(Offer.self), same(offer.contact.email) else { return nil }
            return (record, offer)
        }
        notifications = try node.notifications.sent(to: email)
        acts = try node.audit.entries(actor: email)
    }

    /// The whole as JSON (protocol/personal-data.md).
    public func json(node: OpenNode, now: Date = Date()) throws -> JSONValue {
        var person: [String: JSONValue] = ["email": .string(email)]
        if let name { person["name"] = .string(name) }
        var o: [String: JSONValue] = [
            "format": .string(Self.format),
            "generated": .string(Timestamp(now).description),
            "node": .object(["structure": .string(node.structureID), "name": .string(try node.profile()?.name ?? "")]),
            "person": .object(person),
        ]
        o["account"] =
            account.map {
                .object(["email": .string($0.email), "name": .string($0.name), "role": .string($0.role.rawValue), "status": .string("\($0.status)")])
            } ?? .null
        o["immersions"] = .array(immersions.map(Self.json))
        o["demands"] = .array(
            demands.map { .object(["record": .string($0.record.record), "updated": .string($0.record.created), "body": $0.demand.json]) }
        )
        o["offers"] = .array(
            offers.map { .object(["record": .string($0.record.record), "updated": .string($0.record.created), "body": $0.offer.json]) }
        )
        o["notifications"] = .array(notifications.map { .object(["key": .string($0.key), "sent": .string($0.sentAt)]) })
        o["administrativeActs"] = .array(
            acts.map { .object(["at": .string($0.at.description), "action": .string($0.action.rawValue), "subject": .string($0.subject)]) }
        )
        return .object(o)
    }

    static func json(_ part: ImmersionPart) -> JSONValue {
        let immersion = part.immersion
        var steps: [JSONValue] = []
        for entry in immersion.entries {
            var step: [String: JSONValue] = ["record": .string(entry.record), "created": .string(entry.created.description)]
            switch entry.step.kind {
            case .request(let request): (step["kind"], step["body"]) = (.string("request"), request.json)
            case .answer(let answer): (step["kind"], step["body"]) = (.string("answer"), answer.json)
            case .convention: (step["kind"], step["body"]) = (.string("convention"), entry.convention.map { .string($0.text()) } ?? .null)
            case .signature(let signature): (step["kind"], step["body"]) = (.string("signature"), signature.json)
            case .cancellation(let cancellation): (step["kind"], step["body"]) = (.string("cancellation"), cancellation.json)
            case .evaluation(let evaluation): (step["kind"], step["body"]) = (.string("evaluation"), evaluation.json)
            }
            steps.append(.object(step))
        }
        return .object([
            "id": .string(immersion.id),
            "roles": .array(part.roles.map { .string($0) }),
            "visitorStructure": .string(immersion.visitorStructure),
            "hostStructure": .string(immersion.hostStructure),
            "period": immersion.period.json,
            "steps": .array(steps),
        ])
    }
}
