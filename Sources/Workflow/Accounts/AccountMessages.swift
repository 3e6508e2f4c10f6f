import Foundation
import Logging
import Records
import Storage

/// A single-use link's secret: 32 random bytes in URL-safe Base64. Only its SHA-256 is stored,
/// so a copy of the database opens no link.
public struct LinkToken: Sendable {
    public let value: String

    public static func random() -> LinkToken {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let text = Base64.encode(bytes).replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        return LinkToken(value: text.replacingOccurrences(of: "=", with: ""))
    }

    public var hash: String { Self.hash(value) }

    public static func hash(_ token: String) -> String { Digest.sha256Hex(Array(token.utf8)) }

    /// What a token from a link may look like; anything else is not looked up.
    public static func isWellFormed(_ token: String) -> Bool {
        let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        return token.utf8.count == 43 && token.utf8.allSatisfy(alphabet.contains)
    }
}

/// A plain-text email about an account (invitation, password reset).
public struct AccountMessage: Sendable, Equatable {
    public let recipient: String
    public let subject: String
    public let body: String

    /// Sends it; a failure is logged without the address nor the link, and reported.
    public func deliver(through notifier: any Notifier, logger: Logger) async -> Bool {
        do {
            try await notifier.send(to: recipient, subject: subject, body: body)
            return true
        } catch {
            logger.warning("account message not sent", metadata: ["error": "\(type(of: error))"])
            return false
        }
    }

    static let signature =
        "Vis ma vie pro est la bourse d'échange professionnel par immersion pilotée par la Maison des Adolescents (MDA) de l'Hérault."

    static func invitation(to account: Account, url: String, expires: Timestamp, inviter: String, structure: StructureName) -> AccountMessage {
        AccountMessage(
            recipient: account.email,
            subject: "Vis ma vie pro : invitation sur le site \(structure.of)",
            body: """
                Bonjour \(account.name),

                \(inviter) vous invite à rejoindre le site Vis ma vie pro \(structure.of), avec le rôle « \(account.role.label) ».

                Pour activer votre compte, ouvrez ce lien et choisissez votre mot de passe :
                \(url)

                Ce lien ne sert qu'une fois ; il expire le \(French.dateTime(expires)) (heure de Paris). Passé ce délai, demandez une nouvelle invitation à l'administrateur du site.

                Si vous ne vous attendiez pas à ce message, ignorez-le : aucun compte ne sera activé sans vous.

                \(signature)
                """
        )
    }

    static func reset(to account: Account, url: String, expires: Timestamp, structure: StructureName) -> AccountMessage {
        AccountMessage(
            recipient: account.email,
            subject: "Vis ma vie pro : choisir un nouveau mot de passe",
            body: """
                Bonjour \(account.name),

                Un nouveau mot de passe a été demandé pour votre compte sur le site Vis ma vie pro \(structure.of).

                Pour le choisir, ouvrez ce lien :
                \(url)

                Ce lien ne sert qu'une fois ; il expire le \(French.dateTime(expires)) (heure de Paris), dans une heure. Une fois le nouveau mot de passe choisi, vos sessions ouvertes sur d'autres appareils sont fermées.

                Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe actuel reste valable.

                \(signature)
                """
        )
    }
}
