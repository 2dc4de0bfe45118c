import HearthCore
import HearthHAL

/// Every steady state the simulated heater can sit in: each table operating point
/// at each fan speed from the lowest hashing speed to the cap, with the chip
/// temperature the physics settles at (leakage heats the chip, the chip's heat
/// raises leakage: a fixed point). Built from `ChipModel` and `CoolingModel` only —
/// nothing of the planner, its hull or the oracle — so it can judge them.
public struct SteadyState: Sendable, Hashable {
    /// Index into the board's operating points; nil for hashing off (fan stopped).
    public var pointIndex: Int?
    public var rpm: RPM
    public var chip: Celsius
    /// Everything the heater draws, which is also the heat it gives the room.
    public var wall: Watts
    public var hashrate: HashRate
    public var noise: Decibels
}

public enum SteadyStateCatalog {
    /// - Parameters:
    ///   - inlet: air entering the heatsink (the room air).
    ///   - chipCeiling: hottest chip a state may settle at (default: the board's throttle
    ///     temperature, the highest a controller can hold without the supervisor stepping in).
    ///   - rpmCap: fan speed cap (the quiet rpm in quiet mode); default full speed.
    ///   - fanSteps: speeds sampled between the lowest hashing speed and the cap.
    public static func states(board: BoardDefinition, inlet: Celsius, chipCeiling: Celsius? = nil,
                              rpmCap: RPM? = nil, fanSteps: Int = 48) -> [SteadyState] {
        let physics = HeaterPhysicsParameters(board)
        let chip = physics.chip, cooling = physics.cooling
        let ceiling = chipCeiling ?? board.profile.thermal.chipThrottle
        let top = min(rpmCap ?? cooling.maximumRPM, cooling.maximumRPM)
        // The supervisor never lets chips hash with the fan under its minimum duty.
        let lowest = max(cooling.minimumRPM, cooling.maximumRPM * board.profile.fan.minimumDuty.value)
        var speeds: [RPM] = []
        if top <= lowest { speeds = [top] } else {
            let n = max(1, fanSteps)
            speeds = (0...n).map { lowest + (top - lowest) * (Double($0) / Double(n)) }
        }
        var out = [SteadyState(pointIndex: nil, rpm: .zero, chip: inlet,
                               wall: physics.wallPower(chips: .zero, rpm: .zero), hashrate: .zero, noise: .zero)]
        for (index, p) in board.profile.operatingPoints.enumerated() {
            for rpm in speeds {
                let r = cooling.resistance(rpm: rpm)
                // Fixed point from a cold start: the lowest one, which the dynamics reach.
                var t = inlet
                var settled = false
                for _ in 0..<400 {
                    let next = inlet + Kelvin(chip.power(frequency: p.frequency, voltage: p.voltage, temperature: t).value * r)
                    if next > ceiling + Kelvin(20) { break }   // runaway or far too hot
                    if abs((next - t).value) < 1e-7 { t = next; settled = true; break }
                    t = next
                }
                guard settled, t <= ceiling else { continue }
                let chips = chip.power(frequency: p.frequency, voltage: p.voltage, temperature: t)
                out.append(SteadyState(pointIndex: index, rpm: rpm, chip: t, wall: physics.wallPower(chips: chips, rpm: rpm),
                                       hashrate: chip.hashrate(frequency: p.frequency, voltage: p.voltage, temperature: t),
                                       noise: cooling.noise(rpm: rpm)))
            }
        }
        return out
    }
}
