import Foundation
import HearthDaemon

/// The one place a CLI test starts a process. Every child gets its own sandbox: the
/// socket, settings file and XDG directories point into a private temporary directory,
/// systemd's `NOTIFY_SOCKET` is not inherited, and `HEARTH_FORBID_SYSTEM_PATHS=1`
/// makes a `hearth` that still reaches for the machine's own socket or settings fail
/// with one line instead of touching them (see `DaemonPaths`). `TestHygieneTests`
/// checks that no test starts a process any other way.
enum TestProcess {
    /// A private directory under /tmp (short: unix socket paths are limited to ~100 bytes).
    static func makeSandbox(_ tag: String) throws -> String {
        let dir = "/tmp/hearth-\(tag)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// The environment of a child living in `sandbox`: the test runner's, with every
    /// Hearth path redirected, then `overrides` applied (nil removes a variable).
    static func environment(sandbox: String, overrides: [String: String?] = [:]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["NOTIFY_SOCKET"] = nil   // a test runner under systemd must not have its children notify it
        env[DaemonPaths.forbidMachinePathsVariable] = "1"
        env["HEARTH_SOCKET"] = "\(sandbox)/hearth.sock"
        env["HEARTH_STATE_FILE"] = "\(sandbox)/state/settings.json"
        env["XDG_RUNTIME_DIR"] = "\(sandbox)/run"
        env["XDG_STATE_HOME"] = "\(sandbox)/state"
        for (key, value) in overrides { env[key] = value }
        return env
    }

    /// A configured, not yet started process. Output goes wherever the caller sets it;
    /// standard input is empty so nothing waits on the terminal.
    static func make(_ executable: URL, _ arguments: [String], sandbox: String,
                     environment overrides: [String: String?] = [:]) -> Process {
        let p = Process()
        p.executableURL = executable
        p.arguments = arguments
        p.currentDirectoryURL = CLI.root
        p.environment = environment(sandbox: sandbox, overrides: overrides)
        p.standardInput = FileHandle.nullDevice
        return p
    }

    /// `hearth` itself, from the same build as the tests.
    static func hearth(_ arguments: [String], sandbox: String, environment overrides: [String: String?] = [:]) -> Process {
        make(CLI.executable, arguments, sandbox: sandbox, environment: overrides)
    }

    static let curl = URL(fileURLWithPath: "/usr/bin/curl")
}
