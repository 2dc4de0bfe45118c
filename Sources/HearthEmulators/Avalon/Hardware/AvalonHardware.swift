import HearthCore

/// The heater underneath an emulated stock Avalon: what the firmware reads from its
/// sensors and what it commands. The emulator owns the firmware's logic (settings,
/// calibration, soft off, replies) and no physics; an implementation owns the
/// physics and none of the firmware's rules. `SimulatedAvalonHardware` plays it over
/// the simulator's heater; a test can play it with a few stored values.
///
/// Called from the emulator's network thread while a simulation may step the
/// physics on another: implementations guard their state. They must never call
/// back into the emulator (the emulator holds its own lock while calling here).
public protocol AvalonHardware: AnyObject, Sendable {
    /// Every reading at once, as the firmware's hash-board controller would report it.
    func snapshot() -> AvalonHardwareSnapshot
    /// The model's heat knob value (`workmode` on the Nano 3S, Mini 3 and Q,
    /// `worklevel` on the Nano 3): which operating point the chips run at when hashing.
    func setSetting(_ value: Int)
    /// The fan: the firmware's own loop (holding the chips at its target) or a fixed duty.
    func setFan(_ control: AvalonFanControl)
    /// Whether the chips hash at all (off while calibrating, soft-off or booting).
    func setHashing(_ on: Bool)
}

/// How the firmware drives the fan (`ascset|0,fan-spd,N`).
public enum AvalonFanControl: Sendable, Hashable, CustomStringConvertible {
    /// `fan-spd,-1`: the firmware's loop holds the average chip temperature at the
    /// setting's target (`TarT`), with the lowest speed that does it.
    case auto(target: Celsius)
    /// `fan-spd,15…100`: a fixed duty in percent, whatever the chips do.
    case fixed(percent: Int)
    /// No power to the fan: the unit's mains is off (its plug).
    case off

    public var description: String {
        switch self {
        case .auto(let target): "auto (TarT \(target))"
        case .fixed(let percent): "\(percent) %"
        case .off: "off (no power)"
        }
    }
}

/// One reading of everything the firmware reports about the hardware.
public struct AvalonHardwareSnapshot: Sendable, Hashable {
    /// `TMax`: the hottest chip.
    public var hottestChip: Celsius
    /// `TAvg`: the chips' average (what the stock fan loop holds at `TarT`).
    public var averageChip: Celsius
    /// `ITemp`: air at the inlet (the room).
    public var inlet: Celsius
    /// `OTemp`: air leaving the heatsink.
    public var outlet: Celsius
    /// `Fan1`…`FanN`, one per fan the model has.
    public var fanSpeeds: [RPM]
    /// `FanR`: the duty the fan is driven at.
    public var fanDuty: DutyCycle
    /// `PS[6]` (`PS[5]` on the Nano 3): everything the unit draws from the wall.
    public var wallPower: Watts
    /// `GHSspd`: what the chips hash now (zero while not hashing).
    public var hashrate: HashRate
    /// `GHSmm`: what the chips should give at their clocks (reported even while idle).
    public var nominalHashrate: HashRate
    /// `Freq`: the chips' average clock at the current setting.
    public var frequency: Megahertz
    /// Whether the chips are hashing.
    public var hashing: Bool

    public init(hottestChip: Celsius, averageChip: Celsius, inlet: Celsius, outlet: Celsius, fanSpeeds: [RPM],
                fanDuty: DutyCycle, wallPower: Watts, hashrate: HashRate, nominalHashrate: HashRate,
                frequency: Megahertz, hashing: Bool)
    {
        self.hottestChip = hottestChip
        self.averageChip = averageChip
        self.inlet = inlet
        self.outlet = outlet
        self.fanSpeeds = fanSpeeds
        self.fanDuty = fanDuty
        self.wallPower = wallPower
        self.hashrate = hashrate
        self.nominalHashrate = nominalHashrate
        self.frequency = frequency
        self.hashing = hashing
    }
}
