import ArgumentParser
import Federation
import Foundation
import Logging
import Records
import Storage

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks for developers (run with -c release).",
        subcommands: [BenchSync.self, BenchPropagation.self, BenchHub.self, BenchSuggestions.self]
    )
}

/// Measures sync throughput over real mutual TLS on loopback (README, "Benchmark"):
/// (1) initial pull of N signed records into an empty node; (2) that rate against the
/// machine's single-core Ed25519 verify rate × cores; (3) an incremental sync of 10 new
/// records when the node holds 1,000 vs N records.
struct BenchSync: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sync", abstract: "Sync throughput: initial pull, verify bound, incremental sync.")

    @Option(help: "Records in the initial pull.") var records: Int = 100_000
    @Option(help: "Repetitions of the incremental sync (the median is reported).") var repeats: Int = 7
    @Option(help: "Working directory (default: a new temporary one, removed afterwards).") var dir: String?

    func run() async throws {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let verifyRate = Self.singleCoreVerifyRate()
        line("Ed25519 verify, one core: \(Int(verifyRate)) /s; bound with \(cores) cores: \(Int(verifyRate * Double(cores))) /s")

        let network = try await BenchNetwork(dir: dir)
        func enrolledNode(_ name: String) async throws -> (OpenNode, Synchronizer, HTTPSHubTransport) {
            try await network.enrolledNode(name)
        }

        let (source, sourceSync, t1) = try await enrolledNode("source")
        let (small, smallSync, t2) = try await enrolledNode("reader-1k")
        var offerNumber = 0
        func write(_ count: Int) throws {
            var remaining = count
            while remaining > 0 {
                let n = min(remaining, 5000)
                try source.store.appendBatch(
                    try (0..<n).map { _ in
                        offerNumber += 1
                        return try Self.offer(offerNumber)
                    },
                    as: source.author
                )
                remaining -= n
            }
            _ = sourceSync
        }

        // Phase A: a node holding about 1,000 records.
        try write(1000)
        try await sourceSync.syncOnce()
        try await smallSync.syncOnce()
        let smallTimes = try await incremental(write: write, source: sourceSync, reader: smallSync)
        let smallHeld = try small.store.envelopeCount()

        // Phase B: the initial pull of `records` into an empty node, then incremental syncs.
        let pushStart = ContinuousClock.now
        try write(records - offerNumber)
        let writeTime = ContinuousClock.now - pushStart
        let pushClock = ContinuousClock.now
        try await sourceSync.syncOnce()
        let pushTime = ContinuousClock.now - pushClock
        line(
            "setup: \(offerNumber) offers signed in \(format(writeTime)); pushed to the hub in \(format(pushTime)) (\(rate(offerNumber, pushTime)) /s)"
        )

        let (big, bigSync, t3) = try await enrolledNode("reader-big")
        let pullClock = ContinuousClock.now
        let report = try await bigSync.syncOnce()
        let pullTime = ContinuousClock.now - pullClock
        let pullRate = Double(report.pulled) / seconds(pullTime)
        // The background pass `serve` runs between rounds: every signature the pull authenticated
        // through its chains, checked on its own.
        let deferred = try big.store.pendingSignatureCount()
        let checkClock = ContinuousClock.now
        let failed = try await big.store.checkAllDeferredSignatures().failed.count
        let checkTime = ContinuousClock.now - checkClock
        let bigTimes = try await incremental(write: write, source: sourceSync, reader: bigSync)
        let bigHeld = try big.store.envelopeCount()

        let smallMedian = median(smallTimes)
        let bigMedian = median(bigTimes)
        line("")
        line("(1) initial pull over mTLS: \(report.pulled) records in \(format(pullTime)) = \(Int(pullRate)) records/s (target >= 30000)")
        line(
            "    signatures left to the background pass: \(deferred), checked in \(format(checkTime)) (\(rate(deferred, checkTime)) /s), \(failed) not holding; pull and pass together: \(Int(Double(report.pulled) / seconds(pullTime + checkTime))) records/s"
        )
        line(
            "(2) fraction of the verify bound (\(Int(verifyRate)) /s x \(cores) cores): \(String(format: "%.2f", pullRate / (verifyRate * Double(cores))))"
        )
        line(
            "(3) incremental sync of 10 records, median of \(repeats): node holding \(smallHeld) records: \(format(smallMedian)); holding \(bigHeld) records: \(format(bigMedian)); ratio \(String(format: "%.2f", seconds(bigMedian) / seconds(smallMedian))) (targets <= 50 ms, ratio <= 1.5)"
        )
        for t in [t1, t2, t3] { await t.shutdown() }
        await network.stop()
    }

    func incremental(write: (Int) throws -> Void, source: Synchronizer, reader: Synchronizer) async throws -> [Duration] {
        var times: [Duration] = []
        for _ in 0..<repeats {
            try write(10)
            try await source.syncOnce()
            let start = ContinuousClock.now
            let report = try await reader.syncOnce()
            times.append(ContinuousClock.now - start)
            guard report.pulled == 10 else { throw StaffMessage("incremental sync pulled \(report.pulled) records, expected 10") }
        }
        return times
    }

    static func offer(_ n: Int) throws -> Offer {
        let structure = DemoData.structures[n % DemoData.structures.count]
        let seed = structure.offers[n % structure.offers.count]
        var offer = try DemoData.offer(seed, structure: structure, today: Day("2027-01-04")!)
        offer.establishment = "\(seed.establishment) — accueil n° \(n)"
        return try offer.validated()
    }

    static func singleCoreVerifyRate() -> Double {
        let identity = SigningIdentity()
        let message = (0..<400).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let signature = try! identity.sign(message)
        let key = identity.publicKey
        var count = 0
        let start = ContinuousClock.now
        while ContinuousClock.now - start < .seconds(2) {
            for _ in 0..<500 where SignatureCheck.isValid(signature: signature, message: message, publicKey: key) { count += 1 }
        }
        return Double(count) / seconds(ContinuousClock.now - start)
    }

    func line(_ text: String) { Output.line(text) }
    func median(_ values: [Duration]) -> Duration { values.sorted()[values.count / 2] }
    func format(_ d: Duration) -> String { seconds(d) < 1 ? String(format: "%.1f ms", seconds(d) * 1000) : String(format: "%.2f s", seconds(d)) }
    func rate(_ n: Int, _ d: Duration) -> Int { Int(Double(n) / seconds(d)) }
}

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}
