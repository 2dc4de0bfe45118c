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
    /// Short reason codes: "throttle", "quiet_limit", "eco_cap", "price_cap", "schedule", "cycling_off"...
    public var reasons: [String]
}

/// A room heating policy behind one method (Klipper's heater-control style).
public protocol HeatingController {
    var board: BoardProfile { get }
    /// One control tick: readings in, command out. `actuatorError` reports that
    /// applying the previous command failed.
    mutating func tick(_ readings: DeviceReadings, at time: ControlTime, actuatorError: String?) -> ControlDecision
    /// A person cleared a latched trip.
    mutating func clearTrip()
}
