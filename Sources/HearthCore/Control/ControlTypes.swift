/// The time of a control tick: monotonic seconds for dynamics, local week time
/// for schedules and tariffs. Both come from the caller's injected clock.
public struct ControlTime: Sendable, Hashable {
    public var monotonic: Seconds
    public var week: WeekTime
    public init(monotonic: Seconds, week: WeekTime) {
        self.monotonic = monotonic
        self.week = week
    }
}

/// What a controller decided in one tick, with the reasons, for status, logs and plots.
public struct ControlDecision: Sendable, Hashable {
    public var command: DeviceCommand
    public var mode: Mode
    public var target: Celsius
    /// Heat the thermostat asked for (before the planner's time sharing).
    public var demand: Watts
    /// The lowest of all power limits in force this tick.
    public var ceiling: Watts
    public var trip: Trip?
    public var reasons: [DecisionReason]

    public init(command: DeviceCommand, mode: Mode, target: Celsius, demand: Watts, ceiling: Watts, trip: Trip?,
                reasons: [DecisionReason]) {
        self.command = command
        self.mode = mode
        self.target = target
        self.demand = demand
        self.ceiling = ceiling
        self.trip = trip
        self.reasons = reasons
    }
}

