import HearthCore

/// Accumulates the figures a simulated day is judged by.
public struct RunMetrics: Sendable {
    /// Comfort is judged after the first hour (the room settles from its initial state).
    public var settleTime = Seconds.hours(1)
    public var bandHalfWidth = Kelvin(0.5)
    public let chipLimit: Celsius

    private(set) var comfortSeconds = 0.0
    private(set) var squaredError = 0.0
    private(set) var outsideBandSeconds = 0.0
    private(set) var energy = Joules.zero
    private(set) var hashes = 0.0
    private(set) var noiseEnergy = 0.0      // ∫ 10^(L/10) dt
    private(set) var seconds = 0.0
    private(set) var maxChip = Celsius(-273.15)
    private(set) var overtempSeconds = 0.0
    public private(set) var trips: [Trip] = []

    public init(chipLimit: Celsius) { self.chipLimit = chipLimit }

    public mutating func record(time t: Seconds, dt: Seconds, room: Celsius, target: Celsius?, chip: Celsius,
                                step: HeaterPhysics.Step) {
        seconds += dt.value
        energy += step.wallPower * dt
        hashes += step.hashrate.value * dt.value
        noiseEnergy += _pow(10, step.noise.value / 10) * dt.value
        maxChip = max(maxChip, chip)
        if chip > chipLimit { overtempSeconds += dt.value }
        if let target, t >= settleTime {
            let e = (room - target).value
            comfortSeconds += dt.value
            squaredError += e * e * dt.value
            if abs(e) > bandHalfWidth.value { outsideBandSeconds += dt.value }
        }
    }

    public mutating func recordTrip(_ trip: Trip) {
        if trips.last != trip { trips.append(trip) }
    }

    public var rmsError: Kelvin { Kelvin(comfortSeconds > 0 ? (squaredError / comfortSeconds).squareRoot() : 0) }
    public var outsideBandFraction: Double { comfortSeconds > 0 ? outsideBandSeconds / comfortSeconds : 0 }
    public var totalEnergy: Joules { energy }
    public var totalHashes: Double { hashes }
    public var hashesPerKWh: Double { energy.kilowattHours > 0 ? hashes / energy.kilowattHours : 0 }
    /// Energy-equivalent mean level (Leq), the usual way to average sound.
    public var meanNoise: Decibels { Decibels(seconds > 0 ? 10 * _log10(noiseEnergy / seconds) : 0) }
    public var maxChipTemperature: Celsius { maxChip }
    public var overtemp: Seconds { Seconds(overtempSeconds) }
}
