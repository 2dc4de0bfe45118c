/// What a person (or a config file) chose: mode, target, schedule, tariff, overrides.
public struct ControlSettings: Sendable {
    public var mode: Mode
    public var target: Celsius
    /// When set, the entry in force overrides `mode` and `target`.
    public var schedule: WeeklySchedule?
    public var tariff: Tariff?
    /// Lowers power while electricity is expensive (needs `tariff`).
    public var priceCap: PriceCap?
    /// Power cap in `eco` mode, as a fraction of the board's maximum.
    public var ecoPowerFraction: Double
    /// Fixed fan duty instead of the fan loop (never below the hashing minimum).
    public var fanOverride: DutyCycle?
    /// Fixed operating point (index) instead of the planner, while heating is wanted.
    public var pointOverride: Int?

    /// The one target range; `TargetTemperature.validate` checks against it.
    public static let targetRange = TargetTemperature.range

    public init(mode: Mode = .heat, target: Celsius = Celsius(21), schedule: WeeklySchedule? = nil,
                tariff: Tariff? = nil, priceCap: PriceCap? = nil, ecoPowerFraction: Double = 0.6,
                fanOverride: DutyCycle? = nil, pointOverride: Int? = nil) {
        self.mode = mode
        self.target = target
        self.schedule = schedule
        self.tariff = tariff
        self.priceCap = priceCap
        self.ecoPowerFraction = ecoPowerFraction
        self.fanOverride = fanOverride
        self.pointOverride = pointOverride
    }

    /// Mode and target in force at `time`, after the schedule.
    public func effective(at time: WeekTime) -> (mode: Mode, target: Celsius, scheduled: Bool) {
        guard let entry = schedule?.setting(at: time) else { return (mode, target, false) }
        return (entry.mode ?? mode, entry.target ?? target, true)
    }
}
