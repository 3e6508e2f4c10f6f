import ArgumentParser
import Federation
import Foundation
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
        } catch let error as StoreError {
            fail(error.description)
        } catch let error as SecureFiles.FileError {
            fail(error.description)
        } catch let error as TrustError {
            fail(error.description)
        } catch let error as SyncError {
            fail(error.description)
        } catch let error as ProtocolError {
            fail(error.message)
        } catch let error as ServeLock.Failure {
            fail(error.description)
        } catch {
            // SQLite and file-system failures in French ("disque plein"), never SQLite's text.
            if let storage = StorageFailure(error) { fail(storage.sentence) }
            exit(withError: error)
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
