/// What an emulated unit has seen, for tests and the simulation report: how many
/// connections and whether any overlapped, each command by kind, what the firmware
/// refused, how often the heat setting changed, and the faults it played.
public struct AvalonEmulatorCounters: Sendable, Hashable {
    /// Connections accepted.
    public var connections = 0
    /// Connections open right now.
    public var open = 0
    /// The most connections open at once. A well-behaved client keeps it at 1: the
    /// firmware serves one at a time and a second only queues behind the first.
    public var maxOpenAtOnce = 0
    /// Connections that arrived while another was still open.
    public var overlappingConnections = 0
    /// Commands answered, by kind: `estats`, `ascset workmode`, `(invalid)`…
    public var commands: [String: Int] = [:]
    /// Commands the firmware answered with STATUS E (refused, invalid, access denied).
    public var refused = 0
    /// The last refusals, oldest first (at most `refusalsKept`).
    public var refusals: [String] = []
    /// Work-mode or level changes the firmware carried out (each restarts hashing).
    public var settingChanges = 0
    /// Faults played, by kind (`drop`, `stall`, `restart`…).
    public var faults: [String: Int] = [:]
    /// Connections that sent no request before the firmware's receive timeout.
    public var receiveTimeouts = 0

    public static let refusalsKept = 50

    public init() {}

    /// All commands answered.
    public var totalCommands: Int { commands.values.reduce(0, +) }

    mutating func record(_ outcome: AvalonRequestOutcome) {
        for kind in outcome.commands { commands[kind, default: 0] += 1 }
        refused += outcome.refusals.count
        refusals.append(contentsOf: outcome.refusals)
        if refusals.count > Self.refusalsKept { refusals.removeFirst(refusals.count - Self.refusalsKept) }
        if outcome.changedSetting { settingChanges += 1 }
    }
}
