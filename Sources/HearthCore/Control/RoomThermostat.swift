/// Room thermostat: turns room temperature error into a heat demand in watts.
///
/// A PI controller with a derivative term on the *measurement* (so a target
/// change never kicks the output), conditional-integration anti-windup (the
/// integral only moves when that does not push a saturated output further
/// into saturation) and bumpless transfer: `align(to:)` makes the next output
/// continue from the power already flowing, so switching mode or target never
/// produces a step the planner would have to absorb.
public struct RoomThermostat: Sendable {
    public struct Gains: Sendable, Hashable, Codable {
        /// Proportional gain as a fraction of the board's maximum power per kelvin of error.
        public var proportionalPerKelvin: Double
        /// Integral time: the integral repeats the proportional action in this time.
        public var integralTime: Seconds
        /// Derivative time on measurement.
        public var derivativeTime: Seconds
        /// Time constant of the first-order filter on the derivative (sensor noise).
        public var derivativeFilter: Seconds

        public init(proportionalPerKelvin: Double, integralTime: Seconds, derivativeTime: Seconds,
                    derivativeFilter: Seconds) {
            self.proportionalPerKelvin = proportionalPerKelvin
            self.integralTime = integralTime
            self.derivativeTime = derivativeTime
            self.derivativeFilter = derivativeFilter
        }

        /// Tuned on the simulated rooms (time constants of tens of minutes); see docs/CONTROL.md.
        public static let room = Gains(proportionalPerKelvin: 1.2, integralTime: .minutes(25),
                                       derivativeTime: .minutes(2), derivativeFilter: .minutes(5))
    }

    public var gains: Gains
    /// Power that a unit of normalised output means (the board's maximum power).
    public let fullScale: Watts
    private var integral: Watts = .zero
    private var filteredDerivative = 0.0   // K/s
    private var lastMeasurement: Celsius?
    private var lastTime: Seconds?

    public init(gains: Gains = .room, fullScale: Watts) {
        self.gains = gains
        self.fullScale = fullScale
    }

    /// Heat demand for this tick, within `0...limit`.
    public mutating func update(room: Celsius, target: Celsius, now: Seconds, limit: Watts) -> Watts {
        let dt = lastTime.map { max(0, now.value - $0.value) } ?? 0
        if let last = lastMeasurement, dt > 0 {
            let slope = (room.value - last.value) / dt
            let a = dt / (gains.derivativeFilter.value + dt)
            filteredDerivative += a * (slope - filteredDerivative)
        }
        lastMeasurement = room
        lastTime = now

        let error = (target - room).value
        let kp = gains.proportionalPerKelvin * fullScale.value
        let proportional = kp * error
        let derivative = -kp * gains.derivativeTime.value * filteredDerivative
        let unclamped = proportional + integral.value + derivative
        // Conditional integration: freeze the integral while it would deepen saturation.
        let saturatedHigh = unclamped >= limit.value && error > 0
        let saturatedLow = unclamped <= 0 && error < 0
        if dt > 0, !saturatedHigh, !saturatedLow {
            integral += Watts(kp * error * dt / gains.integralTime.value)
        }
        // Backstop against windup from outside (align, limit changes): a couple of full
        // scales either way, wide enough that bumpless transfer is never clipped.
        integral = integral.clamped(to: fullScale * -2...fullScale * 2)
        let output = proportional + integral.value + derivative
        return Watts(output).clamped(to: .zero...limit)
    }

    /// Bumpless transfer: choose the integral so that, at the current measurement,
    /// the output equals `power`. Called on mode and target changes.
    public mutating func align(to power: Watts, room: Celsius, target: Celsius) {
        let kp = gains.proportionalPerKelvin * fullScale.value
        let proportional = kp * (target - room).value
        let derivative = -kp * gains.derivativeTime.value * filteredDerivative
        integral = Watts(power.value - proportional - derivative)
    }
}
