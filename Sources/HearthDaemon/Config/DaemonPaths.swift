import Foundation

/// Where the daemon puts its socket and state, the same for the daemon and the CLI:
/// `$HEARTH_SOCKET` when set; as root (systemd) under /run and /var/lib; as a user
/// under `$XDG_RUNTIME_DIR` and `$XDG_STATE_HOME`.
public enum DaemonPaths {
    public static func socket(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let p = environment["HEARTH_SOCKET"], !p.isEmpty { return p }
        if getuid() == 0 { return "/run/hearth/hearth.sock" }
        if let run = environment["XDG_RUNTIME_DIR"], !run.isEmpty { return "\(run)/hearth/hearth.sock" }
        return "/tmp/hearth-\(getuid())/hearth.sock"
    }

    public static func stateFile(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if getuid() == 0 { return "/var/lib/hearth/settings.json" }
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty { return "\(state)/hearth/settings.json" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return "\(home)/.local/state/hearth/settings.json"
    }
}
