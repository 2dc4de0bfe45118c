import HearthCore
import HearthHAL

/// The old, hull-based reference (NOT a bound: see `IndependentBound`).
///
/// Kept because it answers a narrower question the bound does not: how close a
/// controller comes to the best mix of the *table's* points held at the board's
/// chip target — i.e. how well the planner plans, apart from the fan. It shares the
/// planner's `EfficiencyHull`, so it cannot judge the planner's hull itself, and a
/// controller that runs cooler chips than the target beats it (IndependentBoundTests).
///
/// The oracle knows the exact heat the room needs in every minute to hold the
/// target (the air node pinned at the target, walls evolving, gains and doors
/// included) and meets it with the best mix of operating points: any point of
/// the board's table, or time shared between two points or between a point and
/// off — the upper concave envelope of hashrate over power. Each point's power
/// and hashrate are the simulator's own steady state at that point (chips at
/// their target temperature, inlet air at the room target), so the bound is one
/// this simulated heater could actually reach. Its hashes per kWh is the bound.
public struct OracleResult: Sendable {
    public var energy: Joules
    public var hashes: Double
    /// Energy-equivalent mean noise of the time-shared fan speeds.
    public var meanNoise: Decibels
    /// Seconds in which even full power could not hold the target.
    public var unmetSeconds: Double
    public var hashesPerKWh: Double { energy.kilowattHours > 0 ? hashes / energy.kilowattHours : 0 }
}

public enum Oracle {
    /// Steady-state (wall power, hashrate, fan noise) of every operating point.
    public static func steadyPoints(board: BoardDefinition, inlet: Celsius)
        -> [(index: Int, power: Watts, hashrate: HashRate, noise: Decibels)] {
        let physics = HeaterPhysicsParameters(board)
        return board.profile.operatingPoints.enumerated().map { i, p in
            let s = physics.steadyState(at: p, inlet: inlet, chipTarget: board.profile.thermal.chipTarget)
            return (i, s.wall, s.hashrate, physics.cooling.noise(rpm: s.rpm))
        }
    }

    public static func run(board: BoardDefinition, scenario: Scenario, target: Celsius, duration: Seconds,
                           step: Seconds = Seconds(60)) -> OracleResult {
        let points = steadyPoints(board: board, inlet: target)
        let hull = EfficiencyHull(samples: points.map { ($0.index, $0.power, $0.hashrate) })
        let noiseOf: [Int: Double] = Dictionary(uniqueKeysWithValues: points.map { ($0.index, _pow(10, $0.noise.value / 10)) })
        let quiet = 1.0   // a stopped fan: 0 dB(A)
        let needs = RoomHeatNeed.perStep(board: board, scenario: scenario, target: target, duration: duration, step: step)
        var energy = Joules.zero, hashes = 0.0, noiseEnergy = 0.0, unmet = 0.0
        for (i, raw) in needs.enumerated() {
            let dt = min(step, duration - step * Double(i))
            var need = raw
            if need > hull.maximumPower { unmet += dt.value; need = hull.maximumPower }
            need = max(.zero, need)
            energy += need * dt
            hashes += hull.hashrate(at: need).value * dt.value
            let seg = hull.segment(for: need)
            let lo = hull.vertices[seg.lower].pointIndex.flatMap { noiseOf[$0] } ?? quiet
            let hi = hull.vertices[seg.upper].pointIndex.flatMap { noiseOf[$0] } ?? quiet
            noiseEnergy += ((1 - seg.upperShare) * lo + seg.upperShare * hi) * dt.value
        }
        return OracleResult(energy: energy, hashes: hashes,
                            meanNoise: Decibels(10 * _log10(noiseEnergy / max(1, duration.value))), unmetSeconds: unmet)
    }
}
