/// A room heating policy behind one method (Klipper's heater-control style).
///
/// A policy only decides how much heat, at which point and how loud. It never sees a
/// trip: `SupervisedController` runs the safety supervisor first and calls the policy
/// only when the heater may run, passing the limits safety imposes.
public protocol HeatingPolicy: Sendable {
    var board: BoardProfile { get }
    var settings: ControlSettings { get set }
    /// One control tick: readings in, decision out (`trip` is always nil here).
    mutating func decide(_ readings: DeviceReadings, at time: ControlTime, safety: SafetyLimits) -> ControlDecision
    /// The supervisor holds the safe state (or a person just cleared it): start again from off.
    mutating func reset()
}

/// What safety allows this tick, beyond the board's own limits.
public struct SafetyLimits: Sendable, Hashable {
    /// The throttle's power ceiling while the chips run hot; nil when not throttling.
    public var throttleCeiling: Watts?
    public init(throttleCeiling: Watts? = nil) { self.throttleCeiling = throttleCeiling }
}
