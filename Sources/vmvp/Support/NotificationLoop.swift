import Foundation
import Logging
import Records
import ServiceLifecycle
import Workflow

/// Sends due notifications every minute: new steps arrive with sync, reminders with the calendar.
struct NotificationLoop: Service {
    let service: NotificationService
    let clock: @Sendable () -> Date
    let logger: Logger

    func run() async throws {
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await service.run(today: Day.today(clock()))
                } catch {
                    logger.warning("notifications failed", metadata: ["error": "\(type(of: error))"])
                }
                try await Task.sleep(for: .seconds(60))
            }
        }
    }
}
