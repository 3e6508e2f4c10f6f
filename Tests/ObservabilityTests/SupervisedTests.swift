import Logging
import Observability
import ServiceLifecycle
import Testing

@Suite("Supervised services")
struct SupervisedTests {
    let logger = Logger(label: "vmvp-test")

    /// Runs until the group shuts down, saying when it has started.
    struct UntilShutdown: Service {
        let started: AsyncStream<Void>.Continuation
        func run() async throws {
            started.yield()
            try? await gracefulShutdown()
        }
    }

    struct Returns: Service { func run() async throws {} }

    struct Fails: Service {
        struct Broken: Error {}
        func run() async throws { throw Broken() }
    }

    /// The group's run, and the error it ended with, if any.
    func runGroup(_ services: [Supervised]) async -> (any Error)? {
        do {
            try await ServiceGroup(services: services, logger: logger).run()
            return nil
        } catch {
            return error
        }
    }

    @Test func aServiceThatReturnsEarlyStopsTheGroupAndIsNamed() async {
        let (_, started) = AsyncStream.makeStream(of: Void.self)
        let error = await runGroup([
            Supervised("site web", UntilShutdown(started: started), logger: logger),
            Supervised("synchronisation avec le hub", Returns(), logger: logger),
        ])
        let stopped = error as? ServiceStopped
        #expect(stopped?.service == "synchronisation avec le hub", "\(String(describing: error))")
        #expect(stopped?.underlying == nil)
    }

    @Test func aServiceThatFailsIsNamedWithItsError() async {
        let (_, started) = AsyncStream.makeStream(of: Void.self)
        let error = await runGroup([
            Supervised("site web", UntilShutdown(started: started), logger: logger),
            Supervised("émission des attestations", Fails(), logger: logger),
        ])
        let stopped = error as? ServiceStopped
        #expect(stopped?.service == "émission des attestations", "\(String(describing: error))")
        #expect(stopped?.underlying is Fails.Broken)
    }

    @Test func aShutdownIsNotReportedAsAStop() async throws {
        let (starts, started) = AsyncStream.makeStream(of: Void.self)
        let group = ServiceGroup(services: [Supervised("site web", UntilShutdown(started: started), logger: logger)], logger: logger)
        async let run: Void = group.run()
        for await _ in starts { break }
        await group.triggerGracefulShutdown()
        try await run
    }
}
