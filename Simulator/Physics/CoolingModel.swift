import HearthCore

/// Fan and heatsink: rpm follows duty with a first-order lag; the hottest chip
/// sits above the inlet air by `P · R_th(airflow)` with a first-order thermal lag.
public struct CoolingModel: Sendable, Hashable {
    public var maximumRPM: RPM
    /// Speed at the lowest duty that spins the fan; below that duty the fan stops.
    public var minimumRPM: RPM
    public var fanTimeConstant: Seconds
    public var fanMaximumPower: Watts
    public var noiseAtMaximum: Decibels
    /// Chip-to-inlet thermal resistance at full airflow and with the fan stopped.
    public var resistanceAtMaximum: Double   // K/W
    public var resistanceNatural: Double     // K/W
    public var heatsinkTimeConstant: Seconds

    public init(maximumRPM: RPM, minimumRPM: RPM, fanTimeConstant: Seconds, fanMaximumPower: Watts,
                noiseAtMaximum: Decibels, resistanceAtMaximum: Double, resistanceNatural: Double,
                heatsinkTimeConstant: Seconds) {
        self.maximumRPM = maximumRPM
        self.minimumRPM = minimumRPM
        self.fanTimeConstant = fanTimeConstant
        self.fanMaximumPower = fanMaximumPower
        self.noiseAtMaximum = noiseAtMaximum
        self.resistanceAtMaximum = resistanceAtMaximum
        self.resistanceNatural = resistanceNatural
        self.heatsinkTimeConstant = heatsinkTimeConstant
    }

    /// Steady speed for a duty: linear above the spin threshold.
    public func steadyRPM(duty: DutyCycle) -> RPM {
        let threshold = minimumRPM / maximumRPM
        return duty.value < threshold * 0.999 ? .zero : maximumRPM * duty.value
    }

    /// Chip-to-inlet resistance at a speed: convective conductance grows as airflow^0.8.
    public func resistance(rpm: RPM) -> Double {
        let gNatural = 1 / resistanceNatural, gMax = 1 / resistanceAtMaximum
        let share = max(0, rpm / maximumRPM)
        return 1 / (gNatural + (gMax - gNatural) * _pow(share, 0.8))
    }

    /// Fan electrical power: cube law with speed.
    public func fanPower(rpm: RPM) -> Watts {
        let s = max(0, rpm / maximumRPM)
        return fanMaximumPower * (s * s * s)
    }

    /// Heat capacity of chips and heatsink (J/K), from the time constant at full airflow.
    public var heatsinkCapacity: Double { heatsinkTimeConstant.value / resistanceAtMaximum }

    /// The heater's own sound level (fan at 1 m): L_max + 50·log10(rpm/rpm_max).
    /// A stopped fan is silent (0 dB(A)); the room's background is not the heater's.
    public func noise(rpm: RPM) -> Decibels {
        guard rpm.value > 1 else { return .zero }
        return Decibels(max(0, noiseAtMaximum.value + 50 * _log10(rpm / maximumRPM)))
    }

    /// Lowest speed that holds the chips at `chip` with `power` and inlet air at `inlet`
    /// (full speed if even that can't).
    public func rpmToHold(chip: Celsius, inlet: Celsius, power: Watts) -> RPM {
        guard power.value > 0 else { return .zero }
        let needed = (chip - inlet).value / power.value
        if needed >= resistanceNatural { return .zero }
        if needed <= resistanceAtMaximum { return maximumRPM }
        let gNatural = 1 / resistanceNatural, gMax = 1 / resistanceAtMaximum
        let share = _pow((1 / needed - gNatural) / (gMax - gNatural), 1 / 0.8)
        return max(minimumRPM, maximumRPM * share)
    }
}
