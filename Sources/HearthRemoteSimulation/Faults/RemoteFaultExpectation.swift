import HearthCore

/// What a remote fault must end in, per kind and unit: the trip that names it (if one is
/// owed), whether Hearth can also stop the heat (it can only where an off switch still
/// works), the bound on the time to that safe state with its reason, and whether Hearth
/// resumes by itself once the peer is back. The reasoning is in docs/faults-remote.md.
public struct RemoteFaultExpectation: Sendable {
    /// Trip codes that name the fault; empty: no trip may come (any trip is a mismatch).
    public var codes: Set<TripCode>
    /// A trip must come (false: one of `codes` may, e.g. once the thermostat powers a unit
    /// that its plug had cut, and finds it gone).
    public var tripOwed = true
    /// The heat must stop (hardware no longer hashing) — only where an off switch still works.
    public var stopsHeat: Bool
    /// The unit must reach its lowest setting (the plug failed: the least heat left).
    public var reachesFloor: Bool
    /// Seconds from the injection to the safe state.
    public var bound: Seconds
    /// Hearth resumes by itself once the peer is back (the trip clears).
    public var recovers: Bool
    public var physics: String

    /// Per kind and unit. `stopped`: the unit gave no heat when the fault came (idle, or
    /// cycled off by the thermostat): then a refused write or a silent plug has nothing to stop,
    /// and a unit its plug has cut has no API to lose.
    static func of(_ kind: RemoteFaultMatrix.Kind, unit: RemoteFaultMatrix.Unit, stopped: Bool) -> RemoteFaultExpectation {
        let idle = stopped
        switch kind {
        case .unitOffline where unit.hasPlug && idle:
            return .init(codes: [.staleReading], tripOwed: false, stopsHeat: false, reachesFloor: false, bound: .zero,
                         recovers: false,
                         physics: "its plug has cut the unit already: an unpowered unit has no API to lose; powered again "
                             + "and silent past the boot allowance, it trips stale_reading")
        case .unitOffline:
            return .init(codes: [.staleReading], stopsHeat: unit.hasPlug && !idle, reachesFloor: false,
                         bound: unit.hasPlug ? Seconds(135) : Seconds(40), recovers: !unit.hasPlug,
                         physics: "readings older than the 30 s age limit (several failed 5 s polls) trip stale_reading; "
                             + "a plug then cuts the unit (the worker may first wait out one 5 s reply timeout). A unit "
                             + "lost while it boots after its plug gave power back is told from a booting one only after "
                             + "the 90 s boot allowance (bound 135 s). Without a plug nothing can reach the unit: the "
                             + "trip is all Hearth can do")
        case .unitRefusing:
            if unit.hasPlug || idle {
                return .init(codes: [], stopsHeat: unit.hasPlug && !idle, reachesFloor: false, bound: Seconds(15),
                             recovers: true,
                             physics: "the plug cuts the unit whatever its firmware refuses; nothing to stop when idle")
            }
            return .init(codes: [.actuatorFailure], stopsHeat: false, reachesFloor: false, bound: Seconds(40),
                         recovers: false,
                         physics: "the stop (soft off / pause) refused for the 30 s off-delivery limit, reported on the "
                             + "next poll (5 s); the unit keeps heating under its own protection, out of Hearth's hands")
        case .unitSlow:
            return .init(codes: [], stopsHeat: false, reachesFloor: false, bound: .zero, recovers: true,
                         physics: "replies of 0.5–3 s fit in the client's 5 s: no poll fails, no reading grows old")
        case .plugSilent:
            if idle {
                return .init(codes: [], stopsHeat: false, reachesFloor: false, bound: .zero, recovers: true,
                             physics: "the plug is already off: nothing is asked of it")
            }
            return .init(codes: [.actuatorFailure], stopsHeat: false, reachesFloor: true, bound: Seconds(60),
                         recovers: false,
                         physics: "the cut not done within the 30 s off-delivery limit (each attempt waits out the "
                             + "plug's 5 s timeout) trips actuator_failure; the unit is sent to its lowest level at the "
                             + "first failed attempt, then waits out the firmware's recalibration")
        case .roomSensorStale:
            return .init(codes: [.sensorFailure], stopsHeat: !idle, reachesFloor: false, bound: Seconds(925),
                         recovers: true,
                         physics: "a push/Zigbee sensor is fresh for 900 s after its last report (several minutes of "
                             + "silence are normal), then the room reading fails: sensor_failure on the next poll "
                             + "(5 s) and its 1 s grace; the stop follows on the same poll")
        }
    }
}
