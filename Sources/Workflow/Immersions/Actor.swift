import Exchange
import Foundation
import Records
import Storage

/// Who acts on the site: a signed-in account of this node.
public struct Actor: Sendable {
    public let name: String
    public let email: String
    public let role: Role

    public init(name: String, email: String, role: Role) {
        self.name = name
        self.email = email
        self.role = role
    }

    public init(_ account: Account) {
        self.init(name: account.name, email: account.email, role: account.role)
    }
}

/// Why an action is refused, in plain French for staff; nothing was written.
public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    /// The immersion the refusal is about, when the person should go there instead (e.g. the
    /// request they already sent).
    public let immersion: String?

    public init(_ message: String, immersion: String? = nil) {
        self.message = message
        self.immersion = immersion
    }

    public var description: String { message }
}

/// The form of an acceptance: the dates confirmed, and what the convention needs.
public struct AcceptanceTerms: Sendable {
    public var period: Period
    public var hours: String
    public var places: String
    public var programme: String
    public var practicalNotes: String

    public init(period: Period, hours: String, places: String, programme: String, practicalNotes: String = "") {
        self.period = period
        self.hours = hours
        self.places = places
        self.programme = programme
        self.practicalNotes = practicalNotes
    }
}
