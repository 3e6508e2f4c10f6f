import Foundation
import TestSupport
import Testing

/// `vmvp --version` names the Debian package built from the same tree (scripts/package-deb.sh).
@Suite("vmvp --version")
struct VersionTests {
    @Test func versionIsTheNewestDebianChangelogEntry() throws {
        let changelog = try String(
            contentsOf: TestPaths.repositoryRoot.appendingPathComponent("deploy/debian/changelog"),
            encoding: .utf8
        )
        // First line: "vmvp (0.24.0) unstable; urgency=medium".
        let firstLine = try #require(changelog.split(separator: "\n").first)
        let open = try #require(firstLine.firstIndex(of: "("))
        let close = try #require(firstLine.firstIndex(of: ")"))
        let packaged = firstLine[firstLine.index(after: open)..<close]

        let result = try CLI(dataDirectory: "/nonexistent").run(["--version"], withData: false)
        #expect(result.status == 0)
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == String(packaged))
    }

    /// lintian refuses a package whose newest entry is not dated after the one before it
    /// (`latest-changelog-entry-without-new-date`); checked here, not only by the package test.
    @Test func changelogEntriesAreDatedNewestFirst() throws {
        let changelog = try String(
            contentsOf: TestPaths.repositoryRoot.appendingPathComponent("deploy/debian/changelog"),
            encoding: .utf8
        )
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        // Trailer lines: " -- Name <address>  Mon, 07 Dec 2026 20:10:00 +0000".
        let dates = try changelog.split(separator: "\n").filter { $0.hasPrefix(" -- ") }.map { line in
            let text = try #require(line.components(separatedBy: ">  ").last)
            return try #require(formatter.date(from: text), "unreadable date: \(text)")
        }
        #expect(dates.count >= 2)
        for (newer, older) in zip(dates, dates.dropFirst()) {
            #expect(newer > older, "an entry dated \(newer) is above one dated \(older)")
        }
    }
}

/// A reader that goes away (`vmvp status | head -1`) stops vmvp quietly, as it stops coreutils.
@Suite("vmvp writing into a closed pipe")
struct ClosedPipeTests {
    @Test func aClosedPipeEndsTheCommandWithSigpipeStatusAndNoCrash() throws {
        let root = TestPaths.temporaryDirectory("closed-pipe")
        let data = root.appendingPathComponent("node").path
        let cli = CLI(dataDirectory: data)
        #expect(try cli.run(["init", "--name", "CMP de Béziers", "--sector", "sanitaire"]).status == 0)

        // The reader (`true`) has exited before vmvp starts writing.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [
            "-c", #"( sleep 0.3; exec "$0" status --data "$1" ) | true; echo "status=${PIPESTATUS[0]}""#,
            TestPaths.vmvpBinary.path, data,
        ]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(stdout.contains("status=141"), "\(stdout)")
        #expect(!stderr.contains("Fatal error"), "\(stderr)")
        #expect(stderr.isEmpty, "\(stderr)")
    }
}
