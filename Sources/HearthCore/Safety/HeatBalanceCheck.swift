/// Cross-checks the chip sensor and the power monitor against the heat balance the board
/// file declares (`ChipEfficiencyModel`): chips dissipating P through a heatsink whose
/// resistance at the measured fan speed is R(rpm) sit P·R(rpm) above the air once the
/// heatsink has settled. Heat flows only from hot to cold, so a chip sensor reading far
/// below that while the chips hash is not reading the chips (detached, drifting, a wrong
/// offset) — a hazard, since the fan loop then slows the fan under chips that are hotter
/// than they look. Likewise a power monitor far from the model's wall power at the
/// running point is not measuring the heater.
///
/// Transients: the check runs the board's own heatsink alongside the real one. With the
/// board file's time constant τ at full airflow the heatsink's capacity is C = τ/R_max, and
/// the expected chip temperature T follows C·dT/dt = P(T) − (T − T_air)/R(rpm), with P the
/// chips' power at the commanded point (leakage at T) and R at the measured fan speed. It
/// starts from the first reading and keeps cooling while the chips are off, so a pause, a
/// restart or a fan change moves it as it moves the real heatsink, and the tolerance below
/// covers only the model's and the air reading's error, not the heatsink's lag. A board
/// model without a time constant falls back to a lag of the steady rise that errs long
/// (`riseLag`·R/R_max rising, `fallLag`·R/R_max falling). Without a fan reading or a model
/// the check is off.
public struct HeatBalanceCheck: Sendable {
    public struct Limits: Sendable, Hashable, Codable {
        /// Share of the model's rise a sound sensor shows at least (model error, leakage
        /// spread, the air reading being the room and not the inlet). The heatsink's lag is
        /// modelled, so this covers only the static error. A sensor reading low is caught once
        /// it is (1 − share)·rise + margin low, which must fit between where the loops hold the
        /// reading (the target; the throttle in quiet mode) and the chip limit: 0.8 left a
        /// drifting sensor ~19 K low at quiet mode's capped fan, past the Avalons' limit.
        public var riseShare = 0.95
        /// Kelvin subtracted from the bound (sensor offsets, placement).
        public var riseMargin = Kelvin(5)
        /// Without the heatsink's time constant: lag of the bound behind a rising model at full
        /// airflow (the boards' heatsink constants at full airflow are 25–80 s).
        public var riseLag = Seconds(80)
        /// Without the time constant: lag behind a falling model, shorter than any board's heatsink.
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
    /// The board's heatsink run alongside the real one: its temperature, K above the air.
    private var heatsink: Double?
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
        heatsink = nil
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

    /// Advances the model heatsink by `dt` and returns its rise above the air (K). Explicit steps of
    /// at most a tenth of its time constant (a tick is 1 s; the shortest constant is 25 s), at most
    /// 600 s of catching up after a gap.
    private mutating func followHeatsink(_ model: EfficientChipTemperature, tau: Seconds, point: OperatingPoint?,
                                         air: Celsius, chip: Celsius?, rpm: RPM, dt: Double) -> Double {
        // Start from what the sensor shows (a warm heatsink after a restart); a sensor already
        // reading low then makes the model cool, and hashing warms it as it warms the real one.
        var rise = heatsink ?? max(0, chip.map { ($0 - air).value } ?? 0)
        let r = model.resistance(rpm: rpm)
        let capacity = tau.value / model.model.resistanceAtMaximum
        let stepLimit = capacity * r / 10
        var left = min(dt, 600)
        for _ in 0..<10_000 where left > 0 {
            let h = min(left, stepLimit)
            let power = point.map { model.chipPower(point: $0, temperature: air + Kelvin(rise)).value } ?? 0
            rise += h * (power - rise / r) / capacity
            // A model that runs away (no steady state at this airflow) is held at the chip limit's rise:
            // the lower bound never needs more.
            rise = min(max(0, rise), (model.thermal.chipLimit - air).value + 50)
            left -= h
        }
        heatsink = rise
        return rise
    }

    /// One tick with the chips at `point` (nil: not hashing).
    public mutating func check(chip: Celsius?, air: Celsius?, rpm: RPM?, power: Watts?, point: OperatingPoint?,
                               pointIndex: Int, now: Seconds) -> TripReason? {
        let dt = lastTime.map { max(0, (now - $0).value) } ?? 0
        lastTime = now
        guard let model, let air, let rpm else {
            reset()
            lastTime = now
            return nil
        }
        guard let point else {
            // Chips off: the heatsink cools towards the air; nothing to judge.
            if let tau = model.model.heatsinkTimeConstant, tau > .zero {
                _ = followHeatsink(model, tau: tau, point: nil, air: air, chip: chip, rpm: rpm, dt: dt)
            }
            hashingSince = nil
            pointSince = nil
            chipLowSince = nil
            powerOffSince = nil
            bound = 0
            return nil
        }
        let since = hashingSince ?? now
        hashingSince = since
        if pointSince?.index != pointIndex { pointSince = (pointIndex, now) }
        let steady = model.steady(point: point, inlet: air, rpm: rpm)
        if let tau = model.model.heatsinkTimeConstant, tau > .zero {
            bound = followHeatsink(model, tau: tau, point: point, air: air, chip: chip, rpm: rpm, dt: dt)
        } else {
            // No steady state (the model's chips would run away at this airflow): hold the bound.
            let rise = steady.map { max(0, ($0.chip - air).value) } ?? bound
            let lag = (rise > bound ? limits.riseLag : limits.fallLag).value * slowness(rpm: rpm)
            bound += (rise - bound) * min(1, dt / lag)
        }

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
