import ArgumentParser
import Federation
import Foundation
import Records
import Storage
import Synchronization

/// The hub under load (docs/benchmark.md, "A hub for many nodes"): `vmvp serve` for the hub in a
/// process of its own; N nodes enrolled through real invitations, each holding a long-poll of the
/// changes feed over its own mutual-TLS client; some of them writing offers at a steady rate.
/// Reports propagation (a writer's commit to each other node's long-poll answering with it), the
/// hub's requests per second, errors, and the hub process's CPU and memory.
struct BenchHub: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hub",
        abstract: "Hub under load: N nodes long-polling, some writing at a steady rate."
    )

    @Option(help: "Nodes enrolled, each holding a long-poll.") var nodes: Int = 100
    @Option(help: "Nodes that write (among them).") var writers: Int = 10
    @Option(help: "Writes per second, all writers together.") var rate: Int = 50
    @Option(name: .customLong("seconds"), help: "Seconds of writing.") var duration: Int = 20
    @Option(help: "Nodes (not writing) that decode every envelope to measure propagation; the others follow the feed undecoded.")
    var observers: Int = 50
    @Option(help: "New connections a second while the nodes arrive (each a TLS handshake).") var arrivals: Int = 100
    @Option(help: "Working directory (default: a new temporary one, removed afterwards).") var dir: String?

    /// What the readers and writers count, from many tasks.
    final class Tally: Sendable {
        let written = Mutex<[String: ContinuousClock.Instant]>([:])
        let delays = Mutex<[Duration]>([])
        /// How long each writer's push took (sent → the hub's answer): a part of every delay.
        let pushes = Mutex<[Duration]>([])
        let requests = Atomic<Int>(0)
        let errors = Mutex<[String]>([])
        func error(_ e: any Error) { errors.withLock { if $0.count < 5 { $0.append(Synchronizer.describe(e)) } else { $0.append("") } } }
    }

    func run() async throws {
        let root = URL(fileURLWithPath: dir ?? NSTemporaryDirectory() + "vmvp-bench-hub-\(UUID().uuidString)")
        defer { if dir == nil { try? FileManager.default.removeItem(at: root) } }
        let hubPath = root.appendingPathComponent("hub").path
        let (hub, _) = try HubSetup.create(at: hubPath, hosts: ["127.0.0.1"])
        let service = try HubService(node: hub)
        let codes = try (0..<nodes).map {
            try service.administration.invite(structureName: "Structure \($0)", sector: .social, email: nil, by: .commandLine).code.description
        }
        let port = try Self.freePort()
        let metricsPort = try Self.freePort()
        let server = Process()
        server.executableURL = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0])
        server.arguments = [
            "serve", "--data", hubPath, "--host", "127.0.0.1", "--port", String(port), "--site-port", String(try Self.freePort()),
            "--metrics-port", String(metricsPort),
        ]
        let out = Pipe()
        server.standardOutput = out
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { if server.isRunning { server.terminate() } }
        var banner = ""
        while !banner.contains("Hub à l'écoute") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { throw StaffMessage("the hub did not start") }
            banner += String(decoding: chunk, as: UTF8.self)
        }
        let url = "https://127.0.0.1:\(port)"

        // Enrollment, a few at a time (each is a CSR signed by the hub and a member record).
        let enrollStart = ContinuousClock.now
        var members: [(OpenNode, Synchronizer, HTTPSHubTransport)] = []
        for start in stride(from: 0, to: nodes, by: 8) {
            try await withThrowingTaskGroup(of: (OpenNode, Synchronizer, HTTPSHubTransport).self) { group in
                for n in start..<min(start + 8, nodes) {
                    group.addTask {
                        let node = try NodeDirectory.create(at: root.appendingPathComponent("n\(n)").path) { s, e in
                            StructureProfile(name: "Structure \(n)", sector: .social, signingKey: s, encryptionKey: e)
                        }
                        _ = try await Enrollment.enroll(node: node, hubURL: url, code: codes[n])
                        let transport = try Synchronizer.transport(for: node)
                        return (node, Synchronizer(node: node, transport: transport), transport)
                    }
                }
                for try await member in group { members.append(member) }
            }
        }
        line("\(nodes) nodes enrolled in \(format(ContinuousClock.now - enrollStart))")
        // The enrolled nodes' databases (hundreds of megabytes) are on disk before the
        // measurement: their write-back would otherwise delay the hub's commits in the middle of it.
        sync()

        // Every node listens from the hub's position now: the directory they would pull first is
        // not what is measured.
        let hubStore = RecordStore(database: try NodeDatabase(path: NodeDirectory(path: hubPath).databasePath))
        let position = try hubStore.logPosition()
        let tally = Tally()
        let cpuBefore = Self.cpuSeconds(pid: server.processIdentifier)
        try await withThrowingTaskGroup(of: Void.self) { group in
            let observing = writers..<min(nodes, writers + observers)
            let memberCount = max(1, members.count)
            let arrival = Duration.seconds(max(2, nodes / max(1, arrivals)))
            for (index, (node, sync, transport)) in members.enumerated() {
                group.addTask {
                    // Nodes do not all arrive in the same millisecond: their first requests (each a TLS
                    // handshake) are spread over `arrival`, `arrivals` a second.
                    try? await Task.sleep(for: .milliseconds(Int(arrival.components.seconds) * 1000 * index / memberCount))
                    var cursor = position
                    let own = node.structureID
                    while !Task.isCancelled {
                        do {
                            guard observing.contains(index) else {
                                // A follower: holds its long-poll and moves its cursor like a node,
                                // without spending this process's CPU on decoding what it gets.
                                cursor =
                                    Self.nextCursor(
                                        try await transport.changesAnswer(since: cursor, limit: Wire.nodePageSize, wait: Wire.nodeLongPoll)
                                    ) ?? cursor
                                tally.requests.add(1, ordering: .relaxed)
                                continue
                            }
                            let page = try await sync.peek(since: cursor, limit: Wire.nodePageSize, wait: Wire.nodeLongPoll)
                            tally.requests.add(1, ordering: .relaxed)
                            cursor = page.next
                            let now = ContinuousClock.now
                            for envelope in page.envelopes where envelope.header.originStructure != own {
                                if let written = tally.written.withLock({ $0[envelope.id] }) { tally.delays.withLock { $0.append(now - written) } }
                            }
                        } catch is CancellationError {
                            return
                        } catch {
                            if Task.isCancelled { return }
                            tally.error(error)
                            // As a node does (SyncService.listen).
                            try? await Task.sleep(for: SyncService.listenRetryDelay())
                        }
                    }
                }
            }
            try await Task.sleep(for: arrival + .seconds(4))  // every long-poll is held
            let writing = Array(members.prefix(writers))
            let interval = Duration.seconds(1) / rate
            let total = rate * duration
            let clock = ContinuousClock()
            let start = clock.now
            // A writer pushes as `vmvp serve` does: one push at a time, each sending everything
            // written since the last one. Concurrent pushes of one node would send the same
            // records twice, and the hub would verify each copy.
            let pushes = writing.map { _ in AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1)) }
            await withTaskGroup(of: Void.self) { writes in
                for ((_, sync, _), push) in zip(writing, pushes) {
                    writes.addTask {
                        for await _ in push.stream {
                            do {
                                let sent = ContinuousClock.now
                                try await sync.pushOnly()
                                let took = ContinuousClock.now - sent
                                tally.pushes.withLock { $0.append(took) }
                                tally.requests.add(2, ordering: .relaxed)
                            } catch {
                                tally.error(error)
                            }
                        }
                    }
                }
                for n in 0..<total {
                    try? await clock.sleep(until: start + interval * n)
                    let (node, _, _) = writing[n % writing.count]
                    do {
                        let envelope = try node.store.append(try BenchSync.offer(n), as: node.author)
                        tally.written.withLock { $0[envelope.id] = ContinuousClock.now }
                        pushes[n % writing.count].continuation.yield()
                    } catch {
                        tally.error(error)
                    }
                }
                for push in pushes { push.continuation.finish() }
            }
            let writeTime = clock.now - start
            try await Task.sleep(for: .seconds(3))  // the last ones arrive
            let cpu = Self.cpuSeconds(pid: server.processIdentifier) - cpuBefore
            let hubTimes = Self.meanDurations(Self.metrics(port: metricsPort), routes: ["/v1/push", "/v1/head", "/v1/changes"])
            let memory = Self.memory(pid: server.processIdentifier)
            group.cancelAll()

            let delays = tally.delays.withLock { $0 }.sorted()
            let pushTimes = tally.pushes.withLock { $0 }.sorted()
            let expected = total * observing.count
            func percentile(_ p: Double, of values: [Duration]? = nil) -> Duration {
                let values = values ?? delays
                return values.isEmpty ? .zero : values[min(values.count - 1, Int((Double(values.count) * p).rounded(.up)) - 1)]
            }
            let wall = seconds(writeTime) + 3
            let errors = tally.errors.withLock { $0 }
            line("\(nodes) nodes, \(writers) writers, \(total) writes in \(format(writeTime)) (\(rate)/s):")
            line(
                "propagation (commit → each observer's long-poll, \(observing.count) observers): p50 \(format(percentile(0.5))), p99 \(format(percentile(0.99))), max \(format(delays.last ?? .zero)); \(delays.count) of \(expected) deliveries seen"
            )
            line(
                "pushes: \(pushTimes.count), each from sending to the hub's answer: p50 \(format(percentile(0.5, of: pushTimes))), p99 \(format(percentile(0.99, of: pushTimes)))"
            )
            line(
                "time in the hub per request (mean, from its metrics, whole run): "
                    + hubTimes.map { "\($0.route) \(format($0.mean)) (\($0.count))" }.joined(separator: ", ")
            )
            line(
                "hub: \(Int(Double(tally.requests.load(ordering: .relaxed)) / wall)) requests/s, CPU \(String(format: "%.0f", cpu / wall * 100)) % of one core, RSS \(memory.rss / 1024) MB (peak \(memory.peak / 1024) MB); errors: \(errors.count)\(errors.isEmpty ? "" : " (" + errors.prefix(3).joined(separator: " | ") + ")")"
            )
        }
        for (_, _, transport) in members { await transport.shutdown(within: .seconds(2)) }
        server.terminate()
        server.waitUntilExit()
    }

    /// The `next` member of a changes answer: the hub writes canonical JSON, whose keys are in
    /// order, so it is the last one (`…,"next":123}`).
    static func nextCursor(_ answer: [UInt8]) -> Int64? {
        let key = Array(#""next":"#.utf8)
        guard answer.count > key.count,
            let start = (0...(answer.count - key.count)).reversed().first(where: { answer[$0..<$0 + key.count].elementsEqual(key) })
        else { return nil }
        return Int64(String(decoding: answer[(start + key.count)...].prefix { (0x30...0x39).contains($0) }, as: UTF8.self))
    }

    /// The hub's Prometheus page (`vmvp serve --metrics-port`), read over plain HTTP on loopback.
    static func metrics(port: Int) -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return "" }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return "" }
        let request = Array("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
        guard write(fd, request, request.count) == request.count else { return "" }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n <= 0 { break }
            answer += buffer[0..<n]
        }
        return String(decoding: answer, as: UTF8.self)
    }

    /// Mean time per request of each route, from the hub's `vmvp_http_request_duration_seconds`
    /// sums and counts.
    static func meanDurations(_ page: String, routes: [String]) -> [(route: String, mean: Duration, count: Int)] {
        func value(_ kind: String, _ route: String) -> Double? {
            let prefix = "vmvp_http_request_duration_seconds_\(kind){server=\"hub\",route=\"\(route)\"} "
            return page.split(separator: "\n").first { $0.hasPrefix(prefix) }.flatMap { Double($0.dropFirst(prefix.count)) }
        }
        return routes.compactMap { route in
            guard let sum = value("sum", route), let count = value("count", route), count > 0 else { return nil }
            return (route, .seconds(sum / count), Int(count))
        }
    }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// User + system CPU seconds of a process (/proc/PID/stat, fields 14 and 15, in clock ticks).
    static func cpuSeconds(pid: Int32) -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let end = stat.lastIndex(of: ")") else { return 0 }
        let fields = stat[stat.index(after: end)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Resident and peak resident memory of a process, in KiB.
    static func memory(pid: Int32) -> (rss: Int, peak: Int) {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return (0, 0) }
        func field(_ name: String) -> Int {
            status.split(separator: "\n").first { $0.hasPrefix(name) }.flatMap {
                Int($0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
            } ?? 0
        }
        return (field("VmRSS:"), field("VmHWM:"))
    }

    func line(_ text: String) { Output.line(text) }
    func format(_ d: Duration) -> String { seconds(d) < 1 ? String(format: "%.1f ms", seconds(d) * 1000) : String(format: "%.2f s", seconds(d)) }
}
