import Logging
import ServiceLifecycle

/// A service that must run until the process shuts down. Ending earlier, by returning or by
/// failing, is logged at error level with the service's name and surfaces as `ServiceStopped`.
/// ServiceLifecycle reports such an end only at debug level and then stops every other service:
/// without this, a node whose sync loop returned would stop with nothing said but "Arrêt terminé".
public struct Supervised: Service {
    /// French, shown to staff: "site web", "synchronisation avec le hub".
    public let name: String
    let service: any Service
    let logger: Logger

    public init(_ name: String, _ service: any Service, logger: Logger) {
        self.name = name
        self.service = service
        self.logger = logger
    }

    public func run() async throws {
        do {
            try await service.run()
        } catch {
            if Self.isStopping { throw error }
            logger.error("service stopped unexpectedly", metadata: ["service": "\(name)", "error": "\(type(of: error))"])
            throw ServiceStopped(service: name, underlying: error)
        }
        if Self.isStopping { return }
        logger.error("service stopped unexpectedly", metadata: ["service": "\(name)"])
        throw ServiceStopped(service: name, underlying: nil)
    }

    /// A shutdown was asked for (a signal, or the group cancelling after another service ended).
    static var isStopping: Bool { Task.isShuttingDownGracefully || Task.isCancelled }
}

/// A supervised service ended before the process was asked to stop.
public struct ServiceStopped: Error, CustomStringConvertible {
    /// The service's French name.
    public let service: String
    /// What it failed with; nil when it returned.
    public let underlying: (any Error)?

    public var description: String { "service \(service) stopped unexpectedly" + (underlying.map { ": \(type(of: $0))" } ?? "") }
}
