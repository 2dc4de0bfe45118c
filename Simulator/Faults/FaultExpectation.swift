import HearthCore

/// What a fault kind must end in: the trip codes that name it correctly, and whether it
/// may go unnoticed while the chips are idle (a fault only hashing can reveal, or one
/// that does no harm while nothing runs).
public struct FaultExpectation: Sendable {
    public var codes: Set<TripCode>
    /// Idle chips (off mode, or a heater that never hashes after the fault) may leave it untripped.
    public var silentWhileIdle: Bool
    /// Upper bound on the seconds of hashing between the injection and the trip, with its physical reason.
    public var exposureBound: Seconds
    public var physics: String
    /// The throttle may stop the chips for good before the supervisor latches (no trip,
    /// no overtemp, hashing ended within the bound): a blocked air path in quiet or eco mode.
    public var throttleMayHold = false
    /// The fault does no harm and can't show while the fan's duty stays below the stall-check
    /// duty (a lost tach while the fan turns slowly): no trip is right if the duty never rose past it.
    public var quietBelowStallCheck = false
    /// A slow fault needs this much time to show: a run whose chips hashed less than this
    /// after it, and not at the end, may end untripped.
    public var unseenWhileHashingUnder = Seconds.zero
    /// Judged only once the sensor has shown it is live (its bits changed since boot): a room
    /// sensor frozen before its first change can't be told from a constant source.
    public var judgedOnceLive = false
    /// Harmless and passing: any trip is a false one (a short burst of line noise).
    public var mustNotTrip = false

    /// The table the matrix asserts against, per kind and (for tach-dependent kinds) board.
    /// - Parameter sharedWithFan: the sensor sits on the fan controller (an EMC2101), so its
    ///   silence is also the fan's: an actuator failure names it as well.
    public static func of(_ kind: FaultInjection.Kind, sensor: SensorRole, board: BoardProfile, hasTach: Bool,
                          sharedWithFan: Bool = false) -> FaultExpectation {
        let read: Set<TripCode> = sharedWithFan ? [.sensorFailure, .staleReading, .actuatorFailure] : [.sensorFailure, .staleReading]
        let heat: Set<TripCode> = [.chipOverTemperature, .coolingFailure]
        switch kind {
        case .fanStall where hasTach:
            return .init(codes: [.fanStall], silentWhileIdle: true, exposureBound: Seconds(180),
                         physics: "the rotor stops in ~1 s; the check waits the 5 s spin-up grace after a duty rise. Below "
                             + "the stall-check duty (eco, start-up) a stopped rotor can't be told from a slow one: it shows "
                             + "when the fan loop raises the duty, the heatsink having warmed to the target at P/C "
                             + "(≤ 2 min on these boards)")
        case .fanStall, .fanBlocked:
            return .init(codes: heat, silentWhileIdle: true, exposureBound: Seconds(900),
                         physics: "no tach (or a tach that reads normal): seen only as heat, when the heatsink has warmed "
                             + "from the target to the throttle at P/C (τ ≈ 25–80 s per 63 %) and the fan at full duty "
                             + "(or the throttle at the lowest point) still cannot hold it for the 30 s cooling window",
                         throttleMayHold: true)
        case .tachLoss:
            return .init(codes: [.fanStall], silentWhileIdle: true, exposureBound: Seconds(180),
                         physics: "the tach reads 0 at once; same rule as a stall. Below the stall-check duty it is "
                             + "harmless (the fan turns) and seen once the duty rises past it",
                         quietBelowStallCheck: true)
        case .sensorNack, .powerLoss:
            return .init(codes: read, silentWhileIdle: false, exposureBound: Seconds(3),
                         physics: "one failed 1 Hz read and its retry")
        case .chipSilent:
            return .init(codes: [.actuatorFailure], silentWhileIdle: true, exposureBound: Seconds(10),
                         physics: "a dead chain makes no heat; the driver asks it for a register after 1 s of silence and "
                             + "calls it dead 5 s after its last reply (which may be 2 s before the fault: the 1 s heartbeat "
                             + "and a tick's latency); the next tick latches, naming the chain's port")
        case .crcStorm:
            return .init(codes: [.actuatorFailure], silentWhileIdle: true, exposureBound: Seconds(10),
                         physics: "every reply fails its CRC and is dropped, so to the driver the chain is silent: the same "
                             + "5 s rule names the port. The chips hash and heat meanwhile, under the same thermal checks")
        case .crcBurst:
            return .init(codes: [], silentWhileIdle: true, exposureBound: Seconds(0),
                         physics: "2 s of line noise, inside the 5 s silence limit (with its 1 s heartbeat): the dropped replies cost a few "
                             + "seconds of credited hashes, the chips keep heating; it must not trip",
                         mustNotTrip: true)
        case .busHang:
            return .init(codes: read.union([.actuatorFailure]), silentWhileIdle: false, exposureBound: Seconds(3),
                         physics: "every transfer times out after the adapter's 100 ms (I2C_TIMEOUT; i2c-core's default "
                             + "is 1 s): the first failed read, its 1 s grace, or at once a failed fan write")
        case .stuckSensor where sensor == .chipTemp:
            return .init(codes: [.stuckSensor], silentWhileIdle: true, exposureBound: Seconds(17),
                         physics: "a frozen register is told from a steady one only after 15 s of identical bits "
                             + "(the chip sensor's noise, 0.25 K, changes its LSB nearly every second)")
        case .stuckSensor:
            return .init(codes: [.stuckSensor], silentWhileIdle: true, exposureBound: Seconds(1260),
                         physics: "room air moves by less than the 0.0625 K LSB for minutes; 20 min of identical bits, judged "
                             + "while heating, once the sensor has changed at least once since boot",
                         judgedOnceLive: true)
        case .sensorSpike:
            return .init(codes: [.implausibleReading, .chipOverTemperature], silentWhileIdle: false, exposureBound: Seconds(2),
                         physics: "a 40 K step in one second is faster than any heat can move")
        case .sensorLow:
            return .init(codes: [.implausibleReading], silentWhileIdle: true, exposureBound: Seconds(80),
                         physics: "the reading falls at 4 K/s; tripped once it is below 70 % of the heat-balance rise for 5 s")
        case .sensorDrift:
            return .init(codes: [.implausibleReading, .chipOverTemperature, .coolingFailure], silentWhileIdle: true,
                         exposureBound: Seconds(1800),
                         physics: "at 1 K/min the reading leaves the heat-balance band (5 % of the rise + 5 K, the model "
                             + "heatsink following the real one) after ≥ 7 min of drift",
                         unseenWhileHashingUnder: Seconds(420))
        case .powerWrong:
            return .init(codes: [.implausibleReading], silentWhileIdle: true, exposureBound: Seconds(150),
                         physics: "the point must be held 10 s and the reading off by more than ×1.6 for 5 s; "
                             + "at start-up the planner steps points every few tens of seconds")
        }
    }
}
