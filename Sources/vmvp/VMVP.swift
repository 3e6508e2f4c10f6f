import ArgumentParser
import Federation
import Foundation
import NIOCore
import Observability
import Storage

@main
struct VMVP: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vmvp",
        abstract: "Vis ma vie pro : la bourse d'échange professionnel par immersion du réseau adolescence de l'Hérault.",
        discussion: """
            Chaque structure partenaire fait tourner son propre nœud, qui garde ses données chez elle \
            (base SQLite dans le dossier de données). Les nœuds échangent des enregistrements signés \
            avec le hub de la Maison des Adolescents (MDA).
            """,
        version: Version.current,
        subcommands: [
            InitCommand.self, OfferCommand.self, DemandCommand.self, SearchCommand.self,
            ExportCommand.self, VerifyCommand.self, HubCommand.self, EnrollCommand.self, SyncCommand.self,
            StatusCommand.self, ServeCommand.self, MessageCommand.self, BackupCommand.self, RestoreCommand.self, DemoCommand.self, BenchCommand.self,
            UserCommand.self,
            SuggestionsCommand.self, CredentialCommand.self, PersonCommand.self, PurgeCommand.self,
        ]
    )

    /// Staff-facing failures print one French sentence, not a stack of English.
    static func main() async {
        // A peer or a mail command that goes away mid-write is an error to handle, not a reason to die.
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as StaffMessage {
            Output.error("Erreur : \(error.description)")
            Foundation.exit(error.exitCode)
        } catch let stopped as ServiceStopped {
            let reason = stopped.underlying.map { " (\(staffDescription($0) ?? "\(type(of: $0))"))" } ?? ""
            fail("le service « \(stopped.service) » s'est arrêté de façon inattendue\(reason) ; les autres ont été arrêtés avec lui.")
        } catch {
            if let sentence = staffDescription(error) { fail(sentence) }
            exit(withError: error)
        }
    }

    /// The French sentence for a failure staff can act on; nil for the unexpected (ArgumentParser
    /// reports those, and its own usage errors).
    static func staffDescription(_ error: any Error) -> String? {
        switch error {
        case let error as StaffMessage: error.description
        case let error as StoreError: error.description
        case let error as SecureFiles.FileError: error.description
        case let error as TrustError: error.description
        case let error as SyncError: error.description
        case let error as ProtocolError: error.message
        case let error as ServeLock.Failure: error.description
        // A server that cannot listen: the port is the operator's to change.
        case let error as IOError where error.errnoCode == EADDRINUSE: "le port demandé est déjà utilisé par un autre programme"
        case let error as IOError where error.errnoCode == EACCES:
            "ce port demande des droits que le service n'a pas (choisir un port au-dessus de 1024)"
        // SQLite and file-system failures in French ("disque plein"), never SQLite's text.
        default: StorageFailure(error)?.sentence
        }
    }
}

func fail(_ message: String) -> Never {
    Output.error("Erreur : \(message)")
    Foundation.exit(1)
}

/// A failure explained to staff in French.
struct StaffMessage: Error, CustomStringConvertible {
    let description: String
    var exitCode: Int32 = 1

    init(_ description: String, exitCode: Int32 = 1) {
        self.description = description
        self.exitCode = exitCode
    }
}
