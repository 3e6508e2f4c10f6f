import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// A bare TLS connection to the hub, to send what no well-behaved client would (a huge declared
/// length, a head a byte at a time, nothing at all) and see how the hub answers, or when it hangs up.
enum RawTLS {
    struct Outcome {
        var received: String
        /// The hub closed the connection (rather than our timeout ending the wait).
        var closedByHub: Bool
        var elapsed: Duration
        /// The connection failed (e.g. the handshake was refused).
        var failure: (any Error)?
    }

    /// Connects, sends `chunks` with `pause` between them, and reads until the hub closes the
    /// connection or `timeout` passes.
    static func exchange(
        port: Int,
        tls: TLSConfiguration,
        chunks: [String] = [],
        pause: Duration = .zero,
        timeout: Duration
    ) async -> Outcome {
        let start = ContinuousClock.now
        do {
            let context = try NIOSSLContext(configuration: tls)
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connect(host: "127.0.0.1", port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: context, serverHostname: nil))
                        return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
            return try await channel.executeThenClose { inbound, outbound in
                try await withThrowingTaskGroup(of: Outcome?.self) { group in
                    group.addTask {
                        for (index, chunk) in chunks.enumerated() {
                            if index > 0, pause > .zero { try? await Task.sleep(for: pause) }
                            do { try await outbound.write(ByteBuffer(string: chunk)) } catch { break }
                        }
                        return nil
                    }
                    group.addTask {
                        var received = ""
                        do {
                            for try await buffer in inbound { received += String(buffer: buffer) }
                        } catch {
                            return Outcome(received: received, closedByHub: true, elapsed: ContinuousClock.now - start, failure: error)
                        }
                        return Outcome(received: received, closedByHub: true, elapsed: ContinuousClock.now - start)
                    }
                    group.addTask {
                        try? await Task.sleep(for: timeout)
                        return Outcome(received: "", closedByHub: false, elapsed: ContinuousClock.now - start)
                    }
                    var outcome: Outcome?
                    while outcome == nil, let next = try await group.next() { outcome = next }
                    group.cancelAll()
                    return outcome!
                }
            }
        } catch {
            return Outcome(received: "", closedByHub: true, elapsed: ContinuousClock.now - start, failure: error)
        }
    }
}
