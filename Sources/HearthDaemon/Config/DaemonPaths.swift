import Foundation

/// Where the daemon puts its socket and state, the same for the daemon and the CLI:
/// `$HEARTH_SOCKET` / `$HEARTH_STATE_FILE` when set; as root (systemd) under /run
/// and /var/lib; as a user under `$XDG_RUNTIME_DIR` and `$XDG_STATE_HOME`.
///
/// Tests must never touch the machine's own Hearth (an installed daemon's socket,
/// its owner's settings). Every process a test starts has `HEARTH_FORBID_SYSTEM_PATHS=1`;
/// with it set, `resolveSocket`/`resolveStateFile` and `SettingsStore` refuse any
/// path in the machine's Hearth directories, so a test that forgets to give its own
/// paths fails with one line instead of reading or overwriting a real heater's state.
public enum DaemonPaths {
    /// Set (to anything but "" or "0") in every process a test starts.
    public static let forbidMachinePathsVariable = "HEARTH_FORBID_SYSTEM_PATHS"

    /// Where the system service (root) keeps its socket and settings.
    public static let systemRunDirectory = "/run/hearth"
    public static let legacyRunDirectory = "/var/run/hearth"
    public static let systemStateDirectory = "/var/lib/hearth"
    public static let systemSocket = systemRunDirectory + "/hearth.sock"
    public static let systemStateFile = systemStateDirectory + "/settings.json"

    /// The API socket, refused when it is the machine's own while the guard is set.
    public static func resolveSocket(environment: [String: String] = ProcessInfo.processInfo.environment,
                                     forClient: Bool = false, user: uid_t = getuid()) throws(DaemonPathError) -> String {
        let path = defaultSocket(environment: environment, forClient: forClient, user: user)
        try refuseMachinePath(path, for: "the API socket", environment: environment, user: user)
        return path
    }

    /// The settings file, refused when it is the machine's own while the guard is set.
    public static func resolveStateFile(environment: [String: String] = ProcessInfo.processInfo.environment,
                                        user: uid_t = getuid()) throws(DaemonPathError) -> String {
        let path = defaultStateFile(environment: environment, user: user)
        try refuseMachinePath(path, for: "the settings file", environment: environment, user: user)
        return path
    }

    // Private: every caller goes through the guard.
    private static func defaultSocket(environment: [String: String], forClient: Bool, user: uid_t) -> String {
        if let p = environment["HEARTH_SOCKET"], !p.isEmpty { return p }
        let system = systemSocket
        if user == 0 { return system }
        let own: String
        if let run = environment["XDG_RUNTIME_DIR"], !run.isEmpty { own = "\(run)/hearth/hearth.sock" } else {
            own = "/tmp/hearth-\(user)/hearth.sock"
        }
        // A person in the hearth group talks to the system service when no daemon of their own runs.
        if forClient, !FileManager.default.fileExists(atPath: own), FileManager.default.fileExists(atPath: system) { return system }
        return own
    }

    private static func defaultStateFile(environment: [String: String], user: uid_t) -> String {
        if let p = environment["HEARTH_STATE_FILE"], !p.isEmpty { return p }
        if user == 0 { return systemStateFile }
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty { return "\(state)/hearth/settings.json" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return "\(home)/.local/state/hearth/settings.json"
    }

    /// Throws when the guard is set and `path` lies in one of `machineDirectories`.
    public static func refuseMachinePath(_ path: String, for role: String,
                                         environment: [String: String] = ProcessInfo.processInfo.environment,
                                         user: uid_t = getuid()) throws(DaemonPathError) {
        guard let flag = environment[forbidMachinePathsVariable], !flag.isEmpty, flag != "0" else { return }
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        for dir in machineDirectories(environment: environment, user: user)
        where absolute == dir || absolute.hasPrefix(dir + "/") {
            throw DaemonPathError(path: path, role: role, directory: dir)
        }
    }

    /// Where an installed Hearth keeps its socket and settings: the system service's
    /// directories and a user's default ones (from the real home as well as `$HOME`).
    public static func machineDirectories(environment: [String: String] = ProcessInfo.processInfo.environment,
                                          user: uid_t = getuid()) -> [String] {
        var homes = [environment["HOME"], passwdHome(user)].compactMap { $0 }.filter { !$0.isEmpty }
        homes = homes.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        return [systemRunDirectory, legacyRunDirectory, systemStateDirectory, "/run/user/\(user)/hearth", "/tmp/hearth-\(user)"]
            + homes.map { "\(URL(fileURLWithPath: $0).standardizedFileURL.path)/.local/state/hearth" }
    }

    private static func passwdHome(_ user: uid_t) -> String? {
        guard let entry = getpwuid(user), let dir = entry.pointee.pw_dir else { return nil }
        return String(cString: dir)
    }
}

/// A test process asked for the machine's own Hearth path.
public struct DaemonPathError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    /// "the API socket", "the settings file".
    public var role: String
    /// The machine directory it lies in.
    public var directory: String

    public var description: String {
        "refusing \(path) for \(role): \(DaemonPaths.forbidMachinePathsVariable) is set (a test run) and \(directory) "
            + "belongs to this machine's own Hearth; give the process its own path (--socket/--state-file, "
            + "$HEARTH_SOCKET/$HEARTH_STATE_FILE, or $XDG_RUNTIME_DIR/$XDG_STATE_HOME)"
    }
}
