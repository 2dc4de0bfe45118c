/// Holds the hottest chip at its target temperature with the lowest fan speed.
///
/// PI on chip temperature (fan duty rises with temperature), clamped between
/// the board's minimum hashing duty and a cap. The cap is full speed normally
/// and the board's quiet rpm in `quiet` mode: the duty needed for that rpm is
/// learnt from the tach (a slow trim), since fan curves are not linear.
public struct FanLoop: Sendable {
    public struct Gains: Sendable, Hashable, Codable {
        public var proportionalPerKelvin: Double
        public var integralTime: Seconds
        public init(proportionalPerKelvin: Double, integralTime: Seconds) {
            self.proportionalPerKelvin = proportionalPerKelvin
            self.integralTime = integralTime
        }
        public static let standard = Gains(proportionalPerKelvin: 0.05, integralTime: Seconds(40))
    }

    public let fan: FanLimits
    public let chipTarget: Celsius
    public var gains: Gains
    private var integral = 0.0
    private var lastTime: Seconds?
    private var quietDutyCap: Double
    private let nominalQuietDuty: Double
    private var lastDuty = 0.0

    public init(fan: FanLimits, chipTarget: Celsius, gains: Gains = .standard) {
        self.fan = fan
        self.chipTarget = chipTarget
        self.gains = gains
        self.nominalQuietDuty = (fan.quietRPM / fan.maximumRPM).clamped(to: 0...1)
        self.quietDutyCap = nominalQuietDuty
    }

    /// Duty for this tick. `quiet` caps the speed at the board's quiet rpm. `target` replaces
    /// the board's chip target for this tick (the most efficient chip temperature, say).
    public mutating func update(chip: Celsius, fanSpeed: RPM?, hashing: Bool, quiet: Bool, now: Seconds,
                                target: Celsius? = nil) -> DutyCycle {
        let dt = lastTime.map { max(0, now.value - $0.value) } ?? 0
        lastTime = now
        if quiet, let rpm = fanSpeed, rpm.value > 0, dt > 0 {
            // Trim the quiet cap towards the duty that gives exactly the quiet rpm: down
            // whenever the fan is faster, up only while it sits at the cap (no windup
            // while the fan idles below it).
            let excess = (rpm.value - fan.quietRPM.value) / fan.maximumRPM.value
            if excess > 0 || lastDuty >= quietDutyCap - 0.005 {
                quietDutyCap = (quietDutyCap - 0.02 * excess * dt).clamped(to: fan.minimumDuty.value...nominalQuietDuty * 1.5)
            }
        }
        let cap = quiet ? max(fan.minimumDuty.value, quietDutyCap) : 1.0
        guard hashing else {
            integral = 0
            // Keep air moving while the heatsink is still warm; then let the fan stop.
            let idle = chip > chipTarget - Kelvin(25) ? fan.minimumDuty : DutyCycle(0)
            lastDuty = idle.value
            return idle
        }
        let error = (chip - (target ?? chipTarget)).value
        let proportional = gains.proportionalPerKelvin * error
        let unclamped = fan.minimumDuty.value + proportional + integral
        let windingUp = (unclamped >= cap && error > 0) || (unclamped <= fan.minimumDuty.value && error < 0)
        if dt > 0, !windingUp {
            integral += gains.proportionalPerKelvin * error * dt / gains.integralTime.value
        }
        integral = integral.clamped(to: -1...1)
        lastDuty = (fan.minimumDuty.value + proportional + integral).clamped(to: fan.minimumDuty.value...cap)
        return DutyCycle(lastDuty)
    }
}
