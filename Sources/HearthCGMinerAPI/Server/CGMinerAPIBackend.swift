/// How a command may be used: whether it changes anything (then only a client with
/// write access, cgminer's `W:` in `api-allow`, may run it) and whether it may be
/// `+`-joined with others (cgminer's `joinable`: reads only).
public struct CGMinerCommandRule: Sendable, Hashable {
    public var writes: Bool
    public var joinable: Bool

    public init(writes: Bool, joinable: Bool) {
        self.writes = writes
        self.joinable = joinable
    }

    public static let read = CGMinerCommandRule(writes: false, joinable: true)
    /// A read that may not be joined (`check`).
    public static let readAlone = CGMinerCommandRule(writes: false, joinable: false)
    public static let write = CGMinerCommandRule(writes: true, joinable: false)
}

/// What a cgminer-style API serves: the data behind each reply and the effect of each
/// write. `CGMinerRequestHandler` does the protocol around it (request forms, joins,
/// privileges, `check`, `privileged`, unknown commands), so a backend only answers
/// commands that exist and that the client may run.
///
/// Hearth's daemon backs it with its status and settings; the Avalon emulator with its
/// firmware model. A server shares one backend between connections: make it a class.
public protocol CGMinerAPIBackend {
    /// The commands it has, and how each may be used.
    var commands: [String: CGMinerCommandRule] { get }
    /// `When` of replies the handler writes itself (errors, `check`): Unix seconds.
    var when: Int64 { get }
    /// Answers one command from `commands` the client may run. `parameter` is nil in a join.
    mutating func respond(to command: String, parameter: String?) -> CGMinerReply
}

extension CGMinerAPIBackend {
    /// cgminer's commands as its `api.c` lists them, for a backend that has the usual set.
    public static var cgminerCommands: [String: CGMinerCommandRule] {
        [
            "version": .read, "config": .read, "summary": .read, "devs": .read, "edevs": .read, "pools": .read,
            "stats": .read, "estats": .read, "litestats": .read, "devdetails": .read, "coin": .read,
            "check": .readAlone, "privileged": .write, "ascset": .write, "switchpool": .write,
            "enablepool": .write, "disablepool": .write, "addpool": .write, "removepool": .write,
        ]
    }
}
