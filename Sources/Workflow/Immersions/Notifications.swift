import Foundation
import Logging
import Records
import Storage

/// Sends one plain-text message; the node's only outward channel besides sync.
public protocol Notifier: Sendable {
    func send(to recipient: String, subject: String, body: String) async throws
}

/// Hands messages to the system's `sendmail` interface (Postfix, Exim, msmtp… all provide it).
/// The command is configurable; recipients are read from the headers (`-t`).
public struct SendmailNotifier: Notifier {
    public let command: [String]
    public let from: String

    /// `command`: e.g. "/usr/sbin/sendmail -t -i".
    public init(command: String, from: String) {
        self.command = command.split(separator: " ").map(String.init)
        self.from = from
    }

    public func send(to recipient: String, subject: String, body: String) async throws {
        guard let executable = command.first else { throw Refusal("Commande d'envoi de courriel vide.") }
        let message = Self.message(from: from, to: recipient, subject: subject, body: body)
        try await Task.detached {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = Array(command.dropFirst())
            let input = Pipe()
            process.standardInput = input
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            // The throwing write: a command that exits without reading (EPIPE) is a failed send,
            // not a crash (the non-throwing `write(_:)` traps on it).
            let written = Result { try input.fileHandleForWriting.write(contentsOf: Data(message.utf8)) }
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
            if case .failure = written {
                throw Refusal("La commande d'envoi de courriel s'est arrêtée sans lire le message (code \(process.terminationStatus)).")
            }
            guard process.terminationStatus == 0 else {
                throw Refusal("La commande d'envoi de courriel a échoué (code \(process.terminationStatus)).")
            }
        }.value
    }

    /// A MIME message in UTF-8; the subject is encoded (RFC 2047) since it carries accents.
    /// Header values come from our own accounts and texts, but line breaks are removed all the same.
    static func message(from: String, to: String, subject: String, body: String) -> String {
        func oneLine(_ s: String) -> String { s.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ") }
        // RFC 2047: encoded words of at most 75 characters, cut between characters, one per folded line.
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in oneLine(subject) {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 39 {
                words.append("=?UTF-8?B?\(Base64.encode(chunk))?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append("=?UTF-8?B?\(Base64.encode(chunk))?=") }
        let encodedSubject = words.joined(separator: "\n ")
        return """
            From: \(oneLine(from))
            To: \(oneLine(to))
            Subject: \(encodedSubject)
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: 8bit

            \(body)

            """
    }
}

/// Tells each person, once, about each thing they must do: a new request to answer, dates
/// proposed, a convention to sign, an evaluation to write (with reminders 3 and 10 days after
/// the end), a request left unanswered past 10 days. Off unless a notifier is configured.
public struct NotificationService: Sendable {
    public let node: OpenNode
    public let notifier: any Notifier
    /// Where the site is reached, for links in messages (e.g. "https://vmvp.cmp-beziers.fr").
    public let siteURL: String
    let logger: Logger

    public init(node: OpenNode, notifier: any Notifier, siteURL: String, logger: Logger = Logger(label: "vmvp.notifications")) {
        self.node = node
        self.notifier = notifier
        self.siteURL = siteURL.hasSuffix("/") ? String(siteURL.dropLast()) : siteURL
        self.logger = logger
    }

    /// Sends what is due today; returns how many messages went out.
    @discardableResult
    public func run(today: Day) async throws -> Int {
        let names = try node.structureNames()
        let list = ToDoList(node: node)
        var sent = 0
        for account in try node.accounts.all() where account.isActive {
            for item in try list.items(for: Actor(account), today: today, names: names) {
                let key = "\(item.key):\(account.email.lowercased())"
                guard try !node.notifications.wasSent(key) else { continue }
                let link = "\(siteURL)/immersions/\(item.immersion)" + (item.kind == .followUp ? "#suivi" : "")
                let body = """
                    Bonjour \(account.name),

                    \(item.title).
                    \(item.detail)

                    Pour le faire, ouvrez la page de l'immersion sur le site Vis ma vie pro de votre structure :
                    \(link)

                    Vous recevez ce message parce que votre compte Vis ma vie pro a une action à faire. Vis ma vie pro est la bourse d'échange professionnel par immersion pilotée par la Maison des Adolescents (MDA) de l'Hérault.
                    """
                do {
                    try await notifier.send(to: account.email, subject: "Vis ma vie pro : \(item.title)", body: body)
                    try node.notifications.markSent(key)
                    sent += 1
                } catch {
                    // Not marked: tried again on the next run. The address stays out of the log.
                    logger.warning("notification not sent", metadata: ["kind": "\(item.kind.rawValue)", "error": "\(error)"])
                }
            }
        }
        return sent
    }
}
