import HearthCore

/// Everything one control tick read, decided and did: what the simulator records,
/// the daemon publishes and logs, and the benchmarks measure.
public struct TickRecord: Sendable {
    public var time: ControlTime
    public var readings: DeviceReadings
    public var decision: ControlDecision
    /// Applying this tick's command failed; the supervisor sees it next tick.
    public var actuatorError: String?
    public var timing: TickTiming

    public init(time: ControlTime, readings: DeviceReadings, decision: ControlDecision, actuatorError: String?,
                timing: TickTiming) {
        self.time = time
        self.readings = readings
        self.decision = decision
        self.actuatorError = actuatorError
        self.timing = timing
    }

    /// The age of the oldest required reading (zero when read inside the tick).
    public var oldestReadingAge: Seconds {
        let now = time.monotonic
        return max(readings.chipTemperature.age(at: now), readings.roomTemperature.age(at: now))
    }
}

/// Wall time spent in each phase of a tick. Measurements, never control inputs.
public struct TickTiming: Sendable, Hashable {
    public var read: Duration
    public var decide: Duration
    public var apply: Duration
    public var total: Duration { read + decide + apply }
    /// Time spent waiting on the device (the part a slow device could stretch).
    public var deviceIO: Duration { read + apply }

    public init(read: Duration, decide: Duration, apply: Duration) {
        self.read = read
        self.decide = decide
        self.apply = apply
    }
}
