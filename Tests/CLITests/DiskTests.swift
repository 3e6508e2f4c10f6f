import Foundation
import TestSupport
import Testing

/// A small tmpfs for one test, to meet a full or read-only disk for real. Mounting needs root
/// (CAP_SYS_ADMIN), as in CI's container; elsewhere these tests do not run.
final class SmallDisk {
    let url: URL

    static let available: Bool = {
        let probe = TestPaths.temporaryDirectory("mount-probe")
        defer { try? FileManager.default.removeItem(at: probe) }
        guard SmallDisk.mount(["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe.path]) == 0 else { return false }
        SmallDisk.mount([probe.path], command: "/usr/bin/umount")
        return true
    }()

    init(megabytes: Int) throws {
        url = TestPaths.temporaryDirectory("disk")
        guard Self.mount(["-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", url.path]) == 0 else { throw CocoaError(.fileWriteNoPermission) }
    }

    /// Fills what is left, as another program on the same disk would.
    func fill() {
        let path = url.appendingPathComponent("filler").path
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: path) else { return }
        let block = Data(count: 64 * 1024)
        while (try? handle.write(contentsOf: block)) != nil {}
        try? handle.close()
    }

    func free() { try? FileManager.default.removeItem(at: url.appendingPathComponent("filler")) }

    func remount(readOnly: Bool) { _ = Self.mount(["-o", readOnly ? "remount,ro" : "remount,rw", url.path]) }

    deinit {
        _ = Self.mount([url.path], command: "/usr/bin/umount")
        try? FileManager.default.removeItem(at: url)
    }

    @discardableResult
    static func mount(_ arguments: [String], command: String = "/usr/bin/mount") -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// Starts `vmvp serve` on a node and waits for its banner.
func startServe(_ cli: CLI) throws -> Process {
    try launchServe(["serve", "--data", cli.dataDirectory, "--site-port", String(try FreePorts.consecutive(1))], ready: "Site web").process
}

/// Starts `vmvp` with `arguments` and returns once its output says `ready` (or it has ended),
/// with what it printed until then and its output, to read the rest.
func launchServe(_ arguments: [String], ready: String) throws -> (process: Process, banner: String, output: FileHandle) {
    let server = Process()
    server.executableURL = TestPaths.vmvpBinary
    server.arguments = arguments
    let out = Pipe()
    server.standardOutput = out
    server.standardError = FileHandle.nullDevice
    try server.run()
    var banner = ""
    while !banner.contains(ready) {
        let chunk = out.fileHandleForReading.availableData
        if chunk.isEmpty { break }
        banner += String(decoding: chunk, as: UTF8.self)
    }
    return (server, banner, out.fileHandleForReading)
}

@Suite("Disks, locks and restores", .serialized)
struct DiskTests {
    let root = TestPaths.temporaryDirectory("disk-cli")

    func initNode(_ cli: CLI) throws {
        let result = try cli.run(["init", "--name", "CMP infanto-juvénile de Béziers", "--sector", "sanitaire", "--commune", "Béziers"])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test(.enabled(if: SmallDisk.available, "needs root to mount a tmpfs"))
    func aFullDiskIsSaidAndNothingIsStored() throws {
        let disk = try SmallDisk(megabytes: 4)
        let cli = CLI(dataDirectory: disk.url.appendingPathComponent("node").path)
        try initNode(cli)
        let offer = root.appendingPathComponent("offer.json").path
        try SampleOfferText.json.write(toFile: offer, atomically: true, encoding: .utf8)
        disk.fill()
        let refused = try cli.run(["offer", "add", "--file", offer])
        #expect(refused.status == 1 && refused.stderr.hasPrefix("Erreur : Stockage : disque plein"), "\(refused.stderr)")
        #expect(!refused.stderr.contains("SQLite") && !refused.stderr.contains("COMMIT"))
        let status = try cli.run(["status"])
        #expect((status.stdout + status.stderr).contains("disque plein"), "\(status.stdout)\(status.stderr)")
        disk.free()
        let after = try cli.run(["status"])
        #expect(after.stdout.contains("Enregistrements dans le journal : 1"), "nothing was stored: \(after.stdout)")
        #expect(after.stdout.contains("Stockage : écriture possible"))
    }

    @Test(.enabled(if: SmallDisk.available, "needs root to mount a tmpfs"))
    func aReadOnlyDirectoryAtStartIsRefusedClearly() throws {
        let disk = try SmallDisk(megabytes: 4)
        let cli = CLI(dataDirectory: disk.url.appendingPathComponent("node").path)
        try initNode(cli)
        disk.remount(readOnly: true)
        let refused = try cli.run(["serve", "--site-port", String(try FreePorts.consecutive(1))])
        #expect(refused.status == 1 && refused.stderr.contains("lecture seule"), "\(refused.stderr)")
        disk.remount(readOnly: false)
        let server = try startServe(cli)
        defer { if server.isRunning { server.terminate() } }
        #expect(server.isRunning, "once the disk is writable again, the node starts")
        server.terminate()
        server.waitUntilExit()
        #expect(server.terminationStatus == 0)
    }

    @Test func restoreAndASecondServerAreRefusedWhileTheNodeServes() throws {
        let cli = CLI(dataDirectory: root.appendingPathComponent("node").path)
        try initNode(cli)
        let backup = root.appendingPathComponent("backup.sqlite").path
        #expect(try cli.run(["backup", "--output", backup]).status == 0)
        let server = try startServe(cli)
        defer { if server.isRunning { server.terminate() } }
        let restore = try cli.run(["restore", "--from", backup])
        #expect(
            restore.status == 1 && restore.stderr.contains("Restauration refusée") && restore.stderr.contains("est en service"),
            "\(restore.stderr)"
        )
        let second = try cli.run(["serve", "--site-port", String(try FreePorts.consecutive(1))])
        #expect(second.status == 1 && second.stderr.contains("est en service"), "\(second.stderr)")
        server.terminate()
        server.waitUntilExit()
        let again = try cli.run(["restore", "--from", backup])
        #expect(again.status == 0, "once stopped, the restore goes ahead: \(again.stderr)")
    }
}
