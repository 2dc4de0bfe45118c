/// Cross-checks the chip sensor and the power monitor against the heat balance the board
/// file declares (`ChipEfficiencyModel`): chips dissipating P through a heatsink whose
/// resistance at the measured fan speed is R(rpm) sit P·R(rpm) above the air once the
/// heatsink has settled. Heat flows only from hot to cold, so a chip sensor reading far
/// below that while the chips hash is not reading the chips (detached, drifting, a wrong
/// offset) — a hazard, since the fan loop then slows the fan under chips that are hotter
/// than they look. Likewise a power monitor far from the model's wall power at the
/// running point is not measuring the heater.
///
/// Transients: the heatsink follows a change of power or airflow with its time constant
/// τ = C·R(rpm), so the bound on the chip's rise follows the model through a first-order
/// lag whose constant scales the same way: `riseLag`·R/R_max when the model rises (at
/// least as slow as any board's heatsink) and `fallLag`·R/R_max when it falls (at least as
/// fast). R here takes the fan's share linearly, never below the board law's share^0.8,
/// so R and both lags err long. Without a fan reading or a model the check is off.
public struct HeatBalanceCheck: Sendable {
    public struct Limits: Sendable, Hashable, Codable {
        /// Share of the model's rise a sound sensor shows at least (model error, leakage
        /// spread, the air reading being the room and not the inlet).
        public var riseShare = 0.8
        /// Kelvin subtracted from the bound (sensor offsets, placement).
        public var riseMargin = Kelvin(3)
        /// Lag of the bound behind a rising model at full airflow: the boards' heatsink
        /// constants at full airflow are 25–80 s.
        public var riseLag = Seconds(80)
        /// Lag behind a falling model at full airflow: shorter than any board's heatsink.
        public var fallLag = Seconds(15)
        /// The chip must have hashed this long before the chip check runs.
        public var chipSettle = Seconds(60)
        /// A power reading outside [1/x, x] × the model's wall power is wrong.
        public var powerRatio = 1.6
        /// The point must have been held this long before the power check runs.
        public var powerSettle = Seconds(10)
        /// A finding must hold this long (noise, one odd tick) before it trips.
        public var persistence = Seconds(5)
        public init() {}
    }

    public var limits: Limits
    private var model: EfficientChipTemperature?
    private var bound: Double = 0            // K above the air
    private var lastTime: Seconds?
    private var hashingSince: Seconds?
    private var pointSince: (index: Int, since: Seconds)?
    private var chipLowSince: Seconds?
    private var powerOffSince: Seconds?

    public init(board: BoardProfile, limits: Limits = Limits()) {
        self.limits = limits
        self.model = board.chipModel.map { EfficientChipTemperature(model: $0, fan: board.fan, thermal: board.thermal) }
    }

    public mutating func reset() {
        bound = 0
        lastTime = nil
        hashingSince = nil
        pointSince = nil
        chipLowSince = nil
        powerOffSince = nil
    }

    /// R(rpm)/R_max with the fan's share taken linearly (≥ the board law's, which uses share^0.8).
    private func slowness(rpm: RPM) -> Double {
        guard let m = model?.model else { return 1 }
        let gNatural = 1 / m.resistanceNatural, gMax = 1 / m.resistanceAtMaximum
        let share = min(1, max(0, rpm / (model?.fan.maximumRPM ?? rpm)))
        return gMax / (gNatural + (gMax - gNatural) * share)
    }

    /// One tick with the chips at `point` (nil: not hashing).
    public mutating func check(chip: Celsius?, air: Celsius?, rpm: RPM?, power: Watts?, point: OperatingPoint?,
                               pointIndex: Int, now: Seconds) -> TripReason? {
        let dt = lastTime.map { max(0, (now - $0).value) } ?? 0
        lastTime = now
        guard let model, let point, let air, let rpm else {
            reset()
            lastTime = now
            return nil
        }
        let since = hashingSince ?? now
        hashingSince = since
        if pointSince?.index != pointIndex { pointSince = (pointIndex, now) }
        // No steady state (the model's chips would run away at this airflow): hold the bound.
        let steady = model.steady(point: point, inlet: air, rpm: rpm)
        let rise = steady.map { max(0, ($0.chip - air).value) } ?? bound
        let lag = (rise > bound ? limits.riseLag : limits.fallLag).value * slowness(rpm: rpm)
        bound += (rise - bound) * min(1, dt / lag)

        if let chip, now - since >= limits.chipSettle {
            let floor = limits.riseShare * bound - limits.riseMargin.value
            if (chip - air).value < floor {
                let first = chipLowSince ?? now
                chipLowSince = first
                if now - first >= limits.persistence {
                    return .implausibleReading(.chipTemp, "\(chip) is \(formatted((chip - air).value, decimals: 1)) K above the air "
                        + "while the chips hash at \(point.frequency); the heat balance needs at least \(formatted(floor, decimals: 1)) K")
                }
            } else {
                chipLowSince = nil
            }
        }
        if let power, let steady, let held = pointSince, now - held.since >= limits.powerSettle {
            let ratio = power.value / max(1, steady.wall.value)
            if ratio > limits.powerRatio || ratio < 1 / limits.powerRatio {
                let first = powerOffSince ?? now
                powerOffSince = first
                if now - first >= limits.persistence {
                    return .implausibleReading(.power, "\(power) while the model draws \(steady.wall) at \(point.frequency) "
                        + "(outside ×\(formatted(1 / limits.powerRatio, decimals: 2))…×\(formatted(limits.powerRatio, decimals: 2)))")
                }
            } else {
                powerOffSince = nil
            }
        }
        return nil
    }
}
