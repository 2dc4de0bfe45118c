import HearthCore

/// Hash-chip silicon: power and hashrate as functions of frequency, voltage and temperature.
///
/// Per chip `P = k·f·V² + I_leak(T)·V` (dynamic switching plus leakage, which
/// doubles every `leakageDoubling` kelvin). Hashrate is proportional to
/// frequency, less the share of results lost to errors, which rise when the
/// voltage is under the stable voltage for that frequency and when the chip is hot.
public struct ChipModel: Sendable, Hashable {
    public var chipCount: Int
    /// Hashes per clock cycle per chip.
    public var hashesPerClock: Double
    /// k, in W per (MHz·V²) per chip.
    public var switchingCoefficient: Double
    /// Leakage current per chip at 25 °C.
    public var leakageAt25C: Amperes
    public var leakageDoubling: Kelvin
    /// Minimum stable voltage: base + perMHz × f.
    public var stableBase: Millivolts
    public var stablePerMHz: Double
    public var errorOnset: Celsius

    public init(chipCount: Int, hashesPerClock: Double, switchingCoefficient: Double, leakageAt25C: Amperes,
                leakageDoubling: Kelvin, stableBase: Millivolts, stablePerMHz: Double, errorOnset: Celsius) {
        self.chipCount = chipCount
        self.hashesPerClock = hashesPerClock
        self.switchingCoefficient = switchingCoefficient
        self.leakageAt25C = leakageAt25C
        self.leakageDoubling = leakageDoubling
        self.stableBase = stableBase
        self.stablePerMHz = stablePerMHz
        self.errorOnset = errorOnset
    }

    public func leakageCurrent(at t: Celsius) -> Amperes {
        Amperes(leakageAt25C.value * _pow(2, (t.value - 25) / leakageDoubling.value))
    }

    /// Power of all chips together.
    public func power(frequency f: Megahertz, voltage v: Millivolts, temperature t: Celsius) -> Watts {
        let volts = v.volts
        let perChip = switchingCoefficient * f.value * volts * volts + leakageCurrent(at: t).value * volts
        return Watts(perChip * Double(chipCount))
    }

    /// Fraction of work lost to hardware errors.
    public func errorRate(frequency f: Megahertz, voltage v: Millivolts, temperature t: Celsius) -> Double {
        let stable = stableBase.value + stablePerMHz * f.value
        var rate = 0.0
        if v.value < stable {
            let short = (stable - v.value) / 20          // every 20 mV short quadruples the loss
            rate += 0.02 * short * short
        }
        if t > errorOnset { rate += 0.004 * (t - errorOnset).value }
        return min(1, rate)
    }

    /// Useful hashrate of all chips together.
    public func hashrate(frequency f: Megahertz, voltage v: Millivolts, temperature t: Celsius) -> HashRate {
        let raw = hashesPerClock * f.value * 1e6 * Double(chipCount)
        return HashRate(raw * (1 - errorRate(frequency: f, voltage: v, temperature: t)))
    }
}
