import HearthCore

/// Simulated time: monotonic seconds since the start of the run and the local
/// week time they correspond to. Nothing in a simulation reads the wall clock,
/// so a day runs in a fraction of a second and every run is reproducible.
public struct VirtualClock: Sendable, Hashable {
    public let start: WeekTime
    public let tick: Seconds
    public private(set) var ticks = 0

    public init(start: WeekTime, tick: Seconds) {
        self.start = start
        self.tick = tick
    }

    public var now: Seconds { Seconds(Double(ticks) * tick.value) }
    public var week: WeekTime { start.advanced(by: now) }
    public var controlTime: ControlTime { ControlTime(monotonic: now, week: week) }

    public mutating func advance() { ticks += 1 }
}
