/// What the board file says about its silicon and cooling: enough for a controller to
/// predict the whole heater's draw at an operating point and a fan speed.
///
/// This is the controller's *belief* (from the board file), kept apart from the
/// simulator's physics on purpose: on real hardware the two differ, and the simulator
/// must stay free to be the truth the controller is judged against.
public struct ChipEfficiencyModel: Sendable, Hashable, Codable {
    public var chipCount: Int
    /// k in W per (MHz·V²) per chip: switching power k·f·V².
    public var switchingCoefficient: Double
    /// Leakage current per chip at 25 °C, doubling every `leakageDoubling`.
    public var leakageAt25C: Amperes
    public var leakageDoubling: Kelvin
    public var fixedPower: Watts
    public var psuEfficiency: Double
    public var fanMaximumPower: Watts
    /// Slowest speed at which the fan turns.
    public var fanMinimumRPM: RPM
    /// Chip-to-inlet thermal resistance at full airflow and with the fan stopped (K/W).
    public var resistanceAtMaximum: Double
    public var resistanceNatural: Double
    /// The heatsink's time constant at full airflow (its capacity is this over `resistanceAtMaximum`);
    /// nil when the board file gives none. The safety supervisor's heat balance follows it.
    public var heatsinkTimeConstant: Seconds?

    public init(chipCount: Int, switchingCoefficient: Double, leakageAt25C: Amperes, leakageDoubling: Kelvin,
                fixedPower: Watts, psuEfficiency: Double, fanMaximumPower: Watts, fanMinimumRPM: RPM,
                resistanceAtMaximum: Double, resistanceNatural: Double, heatsinkTimeConstant: Seconds? = nil) {
        self.chipCount = chipCount
        self.switchingCoefficient = switchingCoefficient
        self.leakageAt25C = leakageAt25C
        self.leakageDoubling = leakageDoubling
        self.fixedPower = fixedPower
        self.psuEfficiency = psuEfficiency
        self.fanMaximumPower = fanMaximumPower
        self.fanMinimumRPM = fanMinimumRPM
        self.resistanceAtMaximum = resistanceAtMaximum
        self.resistanceNatural = resistanceNatural
        self.heatsinkTimeConstant = heatsinkTimeConstant
    }
}

/// The chip temperature at which the whole heater (chips, fan, supply) buys the most
/// hashes per joule at an operating point: cooler chips leak less, a faster fan costs
/// more. At one operating point the hashrate is fixed, so this is the fan speed with the
/// lowest predicted wall power; the fan loop then holds the chips at its temperature.
///
/// Where leakage is negligible the answer is the slowest fan. It never goes above the
/// board's chip target (hotter would save a little fan power but run into quiet mode's
/// power limiter, which starts just under the throttle), nor lets the fan past the speed
/// cap (quiet mode). Results are cached per point, inlet (0.5 K steps) and cap.
public struct EfficientChipTemperature: Sendable {
    public let model: ChipEfficiencyModel
    public let fan: FanLimits
    public let thermal: ThermalLimits
    /// Fan speeds tried between the slowest hashing speed and the cap.
    public var speedSteps = 40
    /// The optimum is flat: take the slowest (quietest) speed whose predicted draw is within
    /// this share of the best. 0.2 % of the power keeps nearly all the gain and much of the quiet.
    public var flatness = 0.002
    private var cache: [Key: Celsius] = [:]

    private struct Key: Hashable { var point: Int; var inletHalfKelvins: Int; var cap: Int }

    public init(model: ChipEfficiencyModel, fan: FanLimits, thermal: ThermalLimits) {
        self.model = model
        self.fan = fan
        self.thermal = thermal
    }

    /// Chip target for `point` (index `pointIndex` in the board's table) with air at `inlet`
    /// entering the heatsink and the fan capped at `rpmCap`.
    public mutating func target(pointIndex: Int, point: OperatingPoint, inlet: Celsius, rpmCap: RPM) -> Celsius {
        let key = Key(point: pointIndex, inletHalfKelvins: Int((inlet.value * 2).rounded()), cap: Int(rpmCap.value.rounded()))
        if let known = cache[key] { return known }
        let value = compute(point: point, inlet: Celsius(Double(key.inletHalfKelvins) / 2), rpmCap: rpmCap)
        if cache.count > 4096 { cache.removeAll() }   // inlet drifts over a season: keep it bounded
        cache[key] = value
        return value
    }

    /// Predicted steady (wall power, chip temperature) at a fan speed; nil if the chips would run away.
    public func steady(point: OperatingPoint, inlet: Celsius, rpm: RPM) -> (wall: Watts, chip: Celsius)? {
        let r = resistance(rpm: rpm)
        let n = Double(model.chipCount), v = point.voltage.volts
        let switching = n * model.switchingCoefficient * point.frequency.value * v * v
        var t = inlet.value
        for _ in 0..<200 {
            let leak = n * model.leakageAt25C.value * _exp2((t - 25) / model.leakageDoubling.value) * v
            let next = inlet.value + (switching + leak) * r
            if next > thermal.chipLimit.value + 50 { return nil }
            if abs(next - t) < 1e-6 { t = next; break }
            t = next
        }
        let chips = switching + n * model.leakageAt25C.value * _exp2((t - 25) / model.leakageDoubling.value) * v
        let share = rpm / fan.maximumRPM
        let fanPower = model.fanMaximumPower.value * share * share * share
        return (Watts((chips + fanPower) / model.psuEfficiency + model.fixedPower.value), Celsius(t))
    }

    /// Power of all chips at `point` with the chips at `temperature` (leakage grows with it).
    public func chipPower(point: OperatingPoint, temperature: Celsius) -> Watts {
        let n = Double(model.chipCount), v = point.voltage.volts
        return Watts(n * (model.switchingCoefficient * point.frequency.value * v * v
                          + model.leakageAt25C.value * _exp2((temperature.value - 25) / model.leakageDoubling.value) * v))
    }

    private func compute(point: OperatingPoint, inlet: Celsius, rpmCap: RPM) -> Celsius {
        let hottest = thermal.chipTarget
        let slowest = max(model.fanMinimumRPM, fan.maximumRPM * fan.minimumDuty.value)
        let fastest = min(rpmCap, fan.maximumRPM)
        var candidates: [(wall: Watts, chip: Celsius)] = []   // by rising speed
        let steps = max(1, speedSteps)
        for i in 0...steps {
            let rpm = fastest <= slowest ? fastest : slowest + (fastest - slowest) * (Double(i) / Double(steps))
            guard let s = steady(point: point, inlet: inlet, rpm: rpm), s.chip <= hottest else { continue }
            candidates.append(s)
        }
        let best = candidates.map(\.wall).min()
        let chosen = best.flatMap { b in candidates.first { $0.wall <= b * (1 + flatness) } }
        // Nothing the fan can do keeps it under the throttle: ask for the hottest allowed.
        return chosen?.chip ?? hottest
    }

    /// Chip-to-inlet resistance (K/W) at a fan speed: convective conductance grows as airflow^0.8.
    public func resistance(rpm: RPM) -> Double {
        let gNatural = 1 / model.resistanceNatural, gMax = 1 / model.resistanceAtMaximum
        let share = max(0, rpm / fan.maximumRPM)
        return 1 / (gNatural + (gMax - gNatural) * _pow(share, 0.8))
    }
}

// Core stays free of libm: the two functions the model needs, accurate to ~1e-12 relative.
private func _exp(_ x: Double) -> Double {
    guard x.isFinite else { return x > 0 ? .infinity : 0 }
    if x > 700 { return .infinity }
    if x < -700 { return 0 }
    // e^x = 2^k · e^r with |r| ≤ ln2/2, then a Taylor series for e^r.
    let ln2 = 0.693_147_180_559_945_3
    let k = (x / ln2).rounded()
    let r = x - k * ln2
    var term = 1.0, sum = 1.0
    for n in 1...20 { term *= r / Double(n); sum += term }
    return sum * Double(sign: .plus, exponent: Int(k), significand: 1)
}

private func _log(_ x: Double) -> Double {
    guard x > 0 else { return -.infinity }
    // x = m · 2^e with m in [1, 2); ln m by the atanh series, which converges fast there.
    let e = Double(x.exponent), m = x.significand
    let y = (m - 1) / (m + 1), y2 = y * y
    var term = y, sum = 0.0
    for n in stride(from: 1, through: 41, by: 2) { sum += term / Double(n); term *= y2 }
    return 2 * sum + e * 0.693_147_180_559_945_3
}

private func _exp2(_ x: Double) -> Double { _exp(x * 0.693_147_180_559_945_3) }
private func _pow(_ x: Double, _ y: Double) -> Double { x <= 0 ? 0 : _exp(y * _log(x)) }
