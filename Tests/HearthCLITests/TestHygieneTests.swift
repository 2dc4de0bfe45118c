import Foundation
import HearthDaemon
import Testing

/// No test reads or writes the machine's own Hearth (an installed daemon's socket, its
/// owner's settings): every process goes through `TestProcess`, and the guard it sets
/// turns a forgotten path into one error line.
@Suite(.serialized) struct TestHygieneTests {
    /// Test sources, relative to Tests/, with their text.
    static func testSources() throws -> [(path: String, text: String)] {
        let tests = CLI.root.appendingPathComponent("Tests").path
        let files = (FileManager.default.subpaths(atPath: tests) ?? []).filter { $0.hasSuffix(".swift") }.sorted()
        return try files.map { ($0, try String(contentsOfFile: "\(tests)/\($0)", encoding: .utf8)) }
    }

    @Test func everyProcessStartsThroughTheHelper() throws {
        let sources = try Self.testSources()
        #expect(sources.count > 20, "found only \(sources.count) test files under \(CLI.root.path)/Tests")
        let helper = "HearthCLITests/TestProcess.swift"
        for (path, text) in sources where path != helper && path != "HearthCLITests/TestHygieneTests.swift" {
            // The CLI tests are the ones that can start `hearth`: no Process of their own.
            if path.hasPrefix("HearthCLITests/") {
                #expect(!text.contains("Process()"), "\(path) creates a Process; use TestProcess.make/hearth")
            }
            // Nowhere else may a test point a process at the hearth executable directly.
            for pattern in ["executableURL = CLI.executable", "appendingPathComponent(\"hearth\")", ".build/debug/hearth"] where path != "HearthCLITests/CLIRunner.swift" {
                #expect(!text.contains(pattern), "\(path) launches hearth without TestProcess ('\(pattern)')")
            }
        }
    }

    @Test func childrenGetTheGuardAndTheirOwnPaths() throws {
        let env = TestProcess.environment(sandbox: "/tmp/hearth-x-sandbox")
        #expect(env[DaemonPaths.forbidMachinePathsVariable] == "1")
        #expect(env["NOTIFY_SOCKET"] == nil)
        for key in ["HEARTH_SOCKET", "HEARTH_STATE_FILE", "XDG_RUNTIME_DIR", "XDG_STATE_HOME"] {
            #expect(env[key]?.hasPrefix("/tmp/hearth-x-sandbox/") == true, "\(key) = \(env[key] ?? "unset")")
        }
    }

    /// A client with no socket of its own would reach the machine's daemon: refused.
    @Test func guardTripsForAClientWithoutItsOwnSocket() throws {
        let r = try CLI.run(["status"], timeout: 20, environment: ["HEARTH_SOCKET": nil, "XDG_RUNTIME_DIR": nil])
        #expect(r.status != 0)
        #expect(r.stderr.contains("refusing") && r.stderr.contains("HEARTH_FORBID_SYSTEM_PATHS is set"), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
    }

    /// The settings store refuses a machine settings file before touching it. HOME is
    /// the sandbox's, so even a broken guard could only write there.
    @Test func guardTripsForTheMachinesSettingsFile() throws {
        let sandbox = try TestProcess.makeSandbox("g")
        defer { try? FileManager.default.removeItem(atPath: sandbox) }
        let file = "\(sandbox)/home/.local/state/hearth/settings.json"
        try FileManager.default.createDirectory(atPath: "\(sandbox)/home/.local/state/hearth", withIntermediateDirectories: true)
        let r = try CLI.run(["internal", "write-settings", "--file", file, "--count", "1"], sandbox: sandbox, timeout: 20,
                            environment: ["HOME": "\(sandbox)/home"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("refusing \(file) for the settings file"), "\(r.stderr)")
        #expect(!r.stdout.contains("ack"))
        #expect(!FileManager.default.fileExists(atPath: file))
    }
}
