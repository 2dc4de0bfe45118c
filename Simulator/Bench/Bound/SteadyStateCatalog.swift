import HearthCore
import HearthHAL

/// Every steady state the simulated heater can sit in: each table operating point (and
/// each fast mix of two) at each fan speed from the lowest hashing speed to the cap, with the chip
/// temperature the physics settles at (leakage heats the chip, the chip's heat
/// raises leakage: a fixed point). Built from `ChipModel` and `CoolingModel` only —
/// nothing of the planner, its hull or the oracle — so it can judge them.
public struct SteadyState: Sendable, Hashable {
    /// Index into the board's operating points; nil for hashing off (fan stopped) or a mix of two.
    public var pointIndex: Int?
    public var rpm: RPM
    public var chip: Celsius
    /// Everything the heater draws, which is also the heat it gives the room.
    public var wall: Watts
    public var hashrate: HashRate
    public var noise: Decibels
    /// Most wall energy a warm-up into this state can save against its steady draw: chips
    /// that start at the inlet temperature leak less until the heatsink has warmed (time
    /// constant C·R at this fan speed). Bounded by the whole leakage gap over one time constant.
    public var warmUpSaving: Joules = .zero
}

public enum SteadyStateCatalog {
    /// Shares of the upper point in the mixes of two points (see `states`).
    static let mixShares = stride(from: 0.1, through: 0.9, by: 0.1).map { $0 }

    /// - Parameters:
    ///   - inlet: air entering the heatsink (the room air).
    ///   - chipCeiling: hottest chip a state may settle at (default: the board's trip
    ///     temperature — over it the supervisor stops everything).
    ///   - rpmCap: fan speed cap (the quiet rpm in quiet mode); default full speed.
    ///   - fanSteps: speeds sampled between the lowest hashing speed and the cap.
    ///
    /// Besides each point alone, the catalog holds every pair of points dithered faster than
    /// the heatsink can follow (shares of 10 % … 90 %): the chip then sits at one temperature
    /// set by the *mean* power. Leakage is convex in temperature, so any slower alternation
    /// between the same points leaks at least as much — these states bound every way of
    /// time-sharing two points, which the steady states alone would not.
    public static func states(board: BoardDefinition, inlet: Celsius, chipCeiling: Celsius? = nil,
                              rpmCap: RPM? = nil, fanSteps: Int = 48) -> [SteadyState] {
        let physics = HeaterPhysicsParameters(board)
        let chip = physics.chip, cooling = physics.cooling
        let ceiling = chipCeiling ?? board.profile.thermal.chipTrip
        let top = min(rpmCap ?? cooling.maximumRPM, cooling.maximumRPM)
        // The supervisor never lets chips hash with the fan under its minimum duty.
        let lowest = max(cooling.minimumRPM, cooling.maximumRPM * board.profile.fan.minimumDuty.value)
        var speeds: [RPM] = []
        if top <= lowest { speeds = [top] } else {
            let n = max(1, fanSteps)
            speeds = (0...n).map { lowest + (top - lowest) * (Double($0) / Double(n)) }
        }
        let points = board.profile.operatingPoints
        // (upper point, lower point or nil, share of the upper)
        var mixes: [(Int, Int?, Double)] = points.indices.map { ($0, nil, 1) }
        for b in points.indices { for a in 0..<b { for share in mixShares { mixes.append((b, a, share)) } } }

        var out = [SteadyState(pointIndex: nil, rpm: .zero, chip: inlet,
                               wall: physics.wallPower(chips: .zero, rpm: .zero), hashrate: .zero, noise: .zero)]
        for (upper, lower, share) in mixes {
            func chipPower(_ t: Celsius) -> Watts {
                let hi = points[upper]
                var w = chip.power(frequency: hi.frequency, voltage: hi.voltage, temperature: t) * share
                if let lower { w += chip.power(frequency: points[lower].frequency, voltage: points[lower].voltage, temperature: t) * (1 - share) }
                return w
            }
            func hashrate(_ t: Celsius) -> HashRate {
                let hi = points[upper]
                var h = chip.hashrate(frequency: hi.frequency, voltage: hi.voltage, temperature: t).value * share
                if let lower {
                    h += chip.hashrate(frequency: points[lower].frequency, voltage: points[lower].voltage, temperature: t).value * (1 - share)
                }
                return HashRate(h)
            }
            for rpm in speeds {
                let r = cooling.resistance(rpm: rpm)
                // Fixed point from a cold start: the lowest one, which the dynamics reach.
                var t = inlet
                var settled = false
                for _ in 0..<400 {
                    let next = inlet + Kelvin(chipPower(t).value * r)
                    if next > ceiling + Kelvin(20) { break }   // runaway or far too hot
                    if abs((next - t).value) < 1e-7 { t = next; settled = true; break }
                    t = next
                }
                guard settled, t <= ceiling else { continue }
                let chips = chipPower(t)
                out.append(SteadyState(pointIndex: lower == nil ? upper : nil, rpm: rpm, chip: t,
                                       wall: physics.wallPower(chips: chips, rpm: rpm), hashrate: hashrate(t),
                                       noise: cooling.noise(rpm: rpm),
                                       warmUpSaving: lower == nil ? warmUpSaving(physics: physics, chips: chipPower,
                                                                                 steady: t, inlet: inlet, r: r) : .zero))
            }
        }
        return out
    }

    /// Bound on the wall energy a start from cold saves against running steadily: the chip
    /// climbs from (at least) the inlet temperature; leakage is convex, so the power deficit at
    /// any moment is at most the tangent at the steady temperature times the temperature gap.
    static func warmUpSaving(physics: HeaterPhysicsParameters, chips: (Celsius) -> Watts, steady t: Celsius,
                             inlet: Celsius, r: Double) -> Joules {
        let slope = (chips(t).value - chips(t - Kelvin(0.01)).value) / 0.01   // dP/dT at the steady point, W/K
        // Integrating C dT/dt = P(T) − (T − T_in)/R over the warm-up with P convex gives
        // saving ≤ loop/(1 − loop) · C · (T_ss − T_in), loop = R·dP/dT. Near thermal runaway
        // (loop → 1) that grows without limit; such states sit at the chip limits and no
        // controller starts into them, so the loop gain is capped at 0.5 (an ASSUMPTION).
        let loop = min(0.5, max(0, r * slope))
        let saving = loop / (1 - loop) * physics.cooling.heatsinkCapacity * (t - inlet).value
        return Joules(saving / physics.psuEfficiency)
    }
}
