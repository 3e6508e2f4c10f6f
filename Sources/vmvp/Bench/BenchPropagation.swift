import ArgumentParser
import Federation
import Foundation
import Logging
import Records
import Storage

/// Measures propagation (docs/benchmark.md, "Propagation"): the time from a record's commit on
/// one node to its commit on another, both running the background sync of `vmvp serve`
/// (long-poll of the changes feed, push on local write), over real mutual TLS on loopback.
struct BenchPropagation: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "propagation",
        abstract: "Propagation: from the commit on one node to the commit on another (p50, p99)."
    )

    @Option(help: "Records written, one at a time.") var writes: Int = 100
    @Option(help: "Pause between two writes, in milliseconds.") var pause: Int = 100
    @Flag(name: .customLong("no-long-poll"), help: "Polling only (the interval and local writes), for comparison.") var noLongPoll = false
    @Option(help: "Sync interval in seconds (the fallback when nothing wakes the node).") var interval: Int = 30
    @Option(help: "Working directory (default: a new temporary one, removed afterwards).") var dir: String?

    func run() async throws {
        let network = try await BenchNetwork(dir: dir)
        let (writer, writerSync, t1) = try await network.enrolledNode("writer")
        let (reader, readerSync, t2) = try await network.enrolledNode("reader")
        for _ in 0..<2 {
            try await writerSync.syncOnce()
            try await readerSync.syncOnce()
        }
        let longPoll: Duration? = noLongPoll ? nil : Wire.nodeLongPoll
        let services = [writerSync, readerSync].map {
            SyncService(synchronizer: $0, interval: .seconds(interval), longPoll: longPoll, logger: network.logger)
        }
        var delays: [Duration] = []
        try await withThrowingTaskGroup(of: Void.self) { group in
            for service in services { group.addTask { try await service.run() } }
            try await Task.sleep(for: .milliseconds(500))  // both nodes are listening
            for n in 1...writes {
                let envelope = try writer.store.append(try BenchSync.offer(n), as: writer.author)
                let committed = ContinuousClock.now
                // Checked every millisecond: the figure is the first time the reader holds it.
                while try reader.store.currentRecord(envelope.header.record) == nil {
                    try await Task.sleep(for: .milliseconds(1))
                    if ContinuousClock.now - committed > .seconds(Int64(interval) * 2 + 5) {
                        throw StaffMessage("record \(n) did not reach the reader")
                    }
                }
                delays.append(ContinuousClock.now - committed)
                if ProcessInfo.processInfo.environment["VMVP_BENCH_TRACE"] != nil { line("\(n): \(format(delays.last!))") }
                try await Task.sleep(for: .milliseconds(pause))
            }
            group.cancelAll()
        }
        let sorted = delays.sorted()
        func percentile(_ p: Double) -> Duration { sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)] }
        let mode = noLongPoll ? "polling only (interval \(interval) s)" : "long-poll"
        line("\(writes) records, one every \(pause) ms, \(mode):")
        line(
            "propagation commit→commit: p50 \(format(percentile(0.5))), p99 \(format(percentile(0.99))), max \(format(sorted.last ?? .zero)) (targets p50 < 300 ms, p99 < 1 s)"
        )
        line(
            "reader: long-poll answers stored at once \(services[1].wakeups[.followed]); rounds started by a long-poll \(services[1].wakeups[.remoteChange]), local write \(services[1].wakeups[.localWrite]), interval \(services[1].wakeups[.interval]); writer by local write \(services[0].wakeups[.localWrite])"
        )
        for t in [t1, t2] { await t.shutdown(within: .seconds(2)) }
        await network.stop()
    }

    func line(_ text: String) { Output.line(text) }
    func format(_ d: Duration) -> String { seconds(d) < 1 ? String(format: "%.1f ms", seconds(d) * 1000) : String(format: "%.2f s", seconds(d)) }
}
