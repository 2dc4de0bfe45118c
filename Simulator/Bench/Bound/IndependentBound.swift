import HearthCore
import HearthHAL

/// The most hashes any controller could buy with a given heat, minute by minute.
///
/// Independent of the planner: it shares no code with `EfficiencyHull`,
/// `OperatingPointPlanner` or `Oracle`. For each minute it solves the linear
/// programme
///
///     maximise Σ sᵢ·Hᵢ   subject to   Σ sᵢ = 1,   Σ sᵢ·Pᵢ = heat,   sᵢ ≥ 0
///
/// over every steady state i of the heater (`SteadyStateCatalog`: operating point ×
/// fan speed, chip temperature and leakage included) — any time-sharing between
/// states within the minute is allowed. It is solved through its Lagrange dual
/// `min over λ of  λ·heat + maxᵢ (Hᵢ − λ·Pᵢ)`, and by weak duality *every* λ gives
/// an upper bound, so an imperfect search can only make the bound looser, never
/// let a controller appear to beat physics.
///
/// Assumptions (each makes the bound easier to reach, never harder):
/// - moving between states is instantaneous and free (no fan spin-up). Time-sharing
///   two points is covered by the catalog's fast mixes (one chip temperature at the
///   mean power, which convex leakage makes the best case). The one thing left that a
///   transient can buy is chips cooler than steady for a heatsink time constant after
///   a start: pass the run's starts as `transients` and each is credited with the
///   most any warm-up can save (`SteadyState.warmUpSaving`) turned into hashes at the
///   best hashes per joule of any state — generous by construction;
/// - the inlet air is at `inlet` all the time (a controller whose room runs cooler
///   gets chips cooler by as much: ~0.01 % of power per 0.1 K);
/// - heat the heater cannot give (under its idle draw, above its full power) is
///   counted at what it can give and reported in `unmetSeconds`.
public struct BoundResult: Sendable {
    /// Heat the bound delivers (the demand, held to what the heater can give).
    public var energy: Joules
    public var hashes: Double
    public var unmetSeconds: Double
    /// Best hashrate in each minute of the demand.
    public var minuteHashrates: [HashRate]
    /// Steady states the programme chose from.
    public var stateCount: Int
    /// Hashes credited for warm-up transients (included in `hashes`).
    public var transientAllowance: Double = 0

    public var hashesPerKWh: Double { energy.kilowattHours > 0 ? hashes / energy.kilowattHours : 0 }

    /// A measured run's hashes per kWh as a share of the bound (1 = as good as physics allows).
    public func share(ofHashesPerKWh measured: Double) -> Double { hashesPerKWh > 0 ? measured / hashesPerKWh : 0 }

    /// Whether a run that delivered the same heat claims more hashes than physics allows
    /// (beyond `tolerance`, a fraction): a broken controller, simulator or accounting.
    public func isExceeded(byHashes measured: Double, tolerance: Double = 0.002) -> Bool {
        measured > hashes * (1 + tolerance)
    }
}

public enum IndependentBound {
    /// - Parameters:
    ///   - heatDemand: mean heat in each `step` (normally one minute): the room's exact need
    ///     to hold its target, or — for a strict comparison — the heat a controller's run
    ///     actually delivered (see `stepMeans`).
    ///   - inlet: air entering the heatsink; normally the room's target.
    ///   - rpmCap: quiet mode's fan speed cap, if any.
    ///   - transients: hash-board starts of the run being judged (0 for the room's exact
    ///     need: a perfect controller has no reason to cycle).
    public static func evaluate(board: BoardDefinition, heatDemand: [Watts], step: Seconds = Seconds(60),
                                inlet: Celsius = Celsius(21), rpmCap: RPM? = nil,
                                chipCeiling: Celsius? = nil, transients: Int = 0) -> BoundResult {
        let states = SteadyStateCatalog.states(board: board, inlet: inlet, chipCeiling: chipCeiling, rpmCap: rpmCap)
        return evaluate(states: states, heatDemand: heatDemand, step: step, transients: transients)
    }

    public static func evaluate(states: [SteadyState], heatDemand: [Watts], step: Seconds = Seconds(60),
                                transients: Int = 0) -> BoundResult {
        let useful = undominated(states)
        let powers = useful.map(\.wall.value), rates = useful.map(\.hashrate.value)
        let lowest = powers.min() ?? 0, highest = powers.max() ?? 0
        var energy = 0.0, hashes = 0.0, unmet = 0.0
        var minutes: [HashRate] = []
        minutes.reserveCapacity(heatDemand.count)
        var memo: [Double: Double] = [:]
        for demand in heatDemand {
            let heat = min(max(demand.value, lowest), highest)
            if abs(heat - demand.value) > 1e-9 { unmet += step.value }
            let best: Double
            if let known = memo[heat] { best = known } else {
                best = bestHashrate(heat: heat, powers: powers, rates: rates)
                memo[heat] = best
            }
            energy += heat * step.value
            hashes += best * step.value
            minutes.append(HashRate(best))
        }
        let bestPerJoule = states.map { $0.wall.value > 0 ? $0.hashrate.value / $0.wall.value : 0 }.max() ?? 0
        let saving = states.map(\.warmUpSaving.value).max() ?? 0
        let allowance = Double(max(0, transients)) * saving * bestPerJoule
        return BoundResult(energy: Joules(energy), hashes: hashes + allowance, unmetSeconds: unmet, minuteHashrates: minutes,
                           stateCount: states.count, transientAllowance: allowance)
    }

    /// The dual `d(λ) = λ·heat + maxᵢ (Hᵢ − λ·Pᵢ)` is convex and piecewise linear in λ; a
    /// golden-section search finds its minimum. Any λ's value bounds the primal from above.
    static func bestHashrate(heat: Double, powers: [Double], rates: [Double]) -> Double {
        func dual(_ lambda: Double) -> Double {
            var m = -Double.infinity
            for i in powers.indices { m = max(m, rates[i] - lambda * powers[i]) }
            return lambda * heat + m
        }
        // λ is a marginal hashrate per watt; no state trade-off is steeper than this.
        let span = max(1e-9, (powers.max() ?? 1) - (powers.min() ?? 0))
        let steepest = 4 * (rates.max() ?? 0) / max(1e-6, minimumGap(powers)) + (rates.max() ?? 0) / span
        var a = -steepest, b = steepest
        let g = (5.0.squareRoot() - 1) / 2
        var c = b - g * (b - a), d = a + g * (b - a)
        var fc = dual(c), fd = dual(d)
        var best = min(fc, fd, dual(0))
        for _ in 0..<200 where b - a > 1e-15 * steepest {
            if fc <= fd { b = d; d = c; fd = fc; c = b - g * (b - a); fc = dual(c) }
            else { a = c; c = d; fc = fd; d = a + g * (b - a); fd = dual(d) }
            best = min(best, fc, fd)
        }
        return max(0, best)
    }

    /// Drops states that cannot matter: one with no more hashes than some state at no more power
    /// *and* some state at no less power lies under the chord between them, so no optimal mix
    /// uses it. (Only a speed-up; the programme's answer is the same.)
    static func undominated(_ states: [SteadyState]) -> [SteadyState] {
        let sorted = states.sorted { ($0.wall, $1.hashrate) < ($1.wall, $0.hashrate) }
        guard sorted.count > 2 else { return sorted }
        var below = [Double](repeating: -.infinity, count: sorted.count)   // best hashrate strictly before i
        for i in 1..<sorted.count { below[i] = max(below[i - 1], sorted[i - 1].hashrate.value) }
        var above = [Double](repeating: -.infinity, count: sorted.count)   // best hashrate strictly after i
        for i in stride(from: sorted.count - 2, through: 0, by: -1) { above[i] = max(above[i + 1], sorted[i + 1].hashrate.value) }
        return sorted.indices.filter { i in
            let h = sorted[i].hashrate.value
            return !(below[i] >= h && above[i] >= h)
        }.map { sorted[$0] }
    }

    private static func minimumGap(_ values: [Double]) -> Double {
        let sorted = Array(Set(values)).sorted()
        guard sorted.count > 1 else { return 1 }
        var gap = Double.infinity
        for i in 1..<sorted.count { gap = min(gap, sorted[i] - sorted[i - 1]) }
        return gap
    }

    /// Means of `values` over consecutive windows of `per` samples (e.g. a run sampled every
    /// second, averaged per minute); a short last window is averaged over what it has.
    public static func stepMeans(_ values: [Double], per: Int) -> [Double] {
        guard per > 0 else { return values }
        return stride(from: 0, to: values.count, by: per).map { start in
            let window = values[start..<min(values.count, start + per)]
            return window.reduce(0, +) / Double(window.count)
        }
    }
}
