import Foundation

/// Where the daemon puts its socket and state, the same for the daemon and the CLI:
/// `$HEARTH_SOCKET` when set; as root (systemd) under /run and /var/lib; as a user
/// under `$XDG_RUNTIME_DIR` and `$XDG_STATE_HOME`.
public enum DaemonPaths {
    public static func socket(environment: [String: String] = ProcessInfo.processInfo.environment,
                              forClient: Bool = false) -> String {
        if let p = environment["HEARTH_SOCKET"], !p.isEmpty { return p }
        let system = "/run/hearth/hearth.sock"
        if getuid() == 0 { return system }
        let user: String
        if let run = environment["XDG_RUNTIME_DIR"], !run.isEmpty { user = "\(run)/hearth/hearth.sock" } else {
            user = "/tmp/hearth-\(getuid())/hearth.sock"
        }
        // A person in the hearth group talks to the system service when no daemon of their own runs.
        if forClient, !FileManager.default.fileExists(atPath: user), FileManager.default.fileExists(atPath: system) { return system }
        return user
    }

    public static func stateFile(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if getuid() == 0 { return "/var/lib/hearth/settings.json" }
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty { return "\(state)/hearth/settings.json" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return "\(home)/.local/state/hearth/settings.json"
    }
}
