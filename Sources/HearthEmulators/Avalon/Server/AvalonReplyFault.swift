import HearthCore

/// What goes wrong with one connection, for fault tests: each is something a real
/// unit on a home network has been seen or can be expected to do, and each reaches
/// the client as a distinct error.
public enum AvalonReplyFault: Sendable, Hashable, CustomStringConvertible {
    /// Close without answering; the command is not carried out (a busy or wedged API thread).
    case drop
    /// Carry the command out, send the reply without its `\0`, close.
    case noTerminator
    /// Carry the command out, send only the first `fraction` of the reply (no `\0`), close.
    case cutShort(fraction: Double)
    /// Carry the command out, send bytes that are no reply, then `\0`.
    case garbage
    /// Carry the command out and answer only after `delay` (longer than the client waits).
    /// The firmware serves one connection at a time, so everyone else waits too.
    case stall(Duration)
    /// The unit restarts while the command is in flight: the connection closes without a
    /// reply, the command is not carried out, and the unit refuses connections for
    /// `unavailableFor` (control time) while it boots; uptime starts again from zero.
    case restart(unavailableFor: Seconds)

    public var description: String {
        switch self {
        case .drop: "drop"
        case .noTerminator: "no-terminator"
        case .cutShort: "cut-short"
        case .garbage: "garbage"
        case .stall: "stall"
        case .restart: "restart"
        }
    }
}

/// How long the unit takes to answer: real units answer in 10–500 ms (wall time).
public enum AvalonLatency: Sendable, Hashable {
    case fixed(Duration)
    /// Uniform between the bounds, drawn from the emulator's seeded generator.
    case uniform(Duration, Duration)

    public static let none = AvalonLatency.fixed(.zero)
}

/// The emulator's network behaviour, changeable while it runs.
public struct AvalonBehaviour: Sendable, Hashable {
    public var latency: AvalonLatency
    /// Chance that a connection is dropped without an answer (0…1), drawn per connection.
    public var dropProbability: Double
    /// A fault applied to every connection while set (one-shot faults: `AvalonEmulator.inject`).
    public var fault: AvalonReplyFault?
    /// Refuse every connection (the unit is unplugged or its API is off).
    public var offline: Bool
    /// Answer reads but refuse every write with Code 45 "Access denied", as cgminer does
    /// for a client its `api-allow` lets only read (a unit re-flashed or reconfigured by
    /// its owner's other tool): the unit runs on, out of Hearth's hands.
    public var refusesWrites: Bool

    public init(latency: AvalonLatency = .none, dropProbability: Double = 0, fault: AvalonReplyFault? = nil,
                offline: Bool = false, refusesWrites: Bool = false)
    {
        self.latency = latency
        self.dropProbability = dropProbability
        self.fault = fault
        self.offline = offline
        self.refusesWrites = refusesWrites
    }
}
