import HearthHAL

/// A GPIO line in the simulator. Output lines are set by the code under test;
/// input lines are set by the physics through `level`. Values are logical (active = true).
public final class VirtualGPIOLine: GPIOLine {
    public enum Direction: Sendable, Hashable { case input, output }

    public let name: String
    public let direction: Direction
    /// Current logical level; the physics writes it for inputs.
    public var level: Bool
    /// Fault: every access fails (line lost, e.g. a chip driver crash).
    public var failing = false
    /// What the line drives, told at once of every level set (the hash chips' supply).
    public var onSet: ((Bool) -> Void)?

    public init(name: String, direction: Direction, level: Bool = false) {
        self.name = name
        self.direction = direction
        self.level = level
    }

    public func set(_ active: Bool) throws(BusError) {
        if failing { throw BusError(.io, bus: name, detail: "injected fault") }
        // Real gpiod refuses to drive a line requested as input; so do we.
        guard direction == .output else {
            throw BusError(.notSupported, bus: name, detail: "cannot set an input line")
        }
        level = active
        onSet?(active)
    }

    public func get() throws(BusError) -> Bool {
        if failing { throw BusError(.io, bus: name, detail: "injected fault") }
        return level
    }
}
