/// A power ceiling that falls while a temperature is above its threshold and
/// recovers slowly once it is comfortably below. Used for the chip over-temperature
/// throttle (the step before a trip) and for quiet mode, where the fan is capped
/// and power must give way instead.
public struct ThermalLimiter: Sendable {
    public var threshold: Celsius
    /// Fraction of full scale removed per second per kelvin above the threshold.
    public var fallPerKelvinSecond: Double
    /// Fraction of full scale restored per second once below `threshold − recoveryMargin`.
    public var recoveryPerSecond: Double
    public var recoveryMargin: Kelvin
    public let fullScale: Watts
    public private(set) var ceiling: Watts
    private var lastTime: Seconds?

    public init(threshold: Celsius, fullScale: Watts, fallPerKelvinSecond: Double = 0.02,
                recoveryPerSecond: Double = 0.002, recoveryMargin: Kelvin = Kelvin(2)) {
        self.threshold = threshold
        self.fullScale = fullScale
        self.fallPerKelvinSecond = fallPerKelvinSecond
        self.recoveryPerSecond = recoveryPerSecond
        self.recoveryMargin = recoveryMargin
        self.ceiling = fullScale
    }

    public var isLimiting: Bool { ceiling < fullScale }

    public mutating func update(temperature: Celsius, now: Seconds) -> Watts {
        let dt = lastTime.map { max(0, now.value - $0.value) } ?? 0
        lastTime = now
        let over = (temperature - threshold).value
        if over > 0 {
            ceiling -= fullScale * (fallPerKelvinSecond * over * dt)
        } else if temperature < threshold - recoveryMargin {
            ceiling += fullScale * (recoveryPerSecond * dt)
        }
        ceiling = ceiling.clamped(to: .zero...fullScale)
        return ceiling
    }

    public mutating func reset() { ceiling = fullScale }
}
