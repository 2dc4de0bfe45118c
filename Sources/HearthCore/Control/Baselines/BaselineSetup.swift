/// One owner baseline: which level the unit runs, how the plug thermostat switches
/// it, and what the stock firmware does with its chips. docs/baselines.md gives
/// the source of every figure.
public struct BaselineSetup: Sendable, Hashable {
    /// Short name for reports ("plug-high", "heater-super", "piaxe-stock").
    public var name: String
    /// Index of the unit's level in the baseline's board profile.
    public var level: Int
    /// Thermostat band half-width around the target.
    public var hysteresis: Kelvin
    /// From the thermostat's decision to the relay switching (Home Assistant → Wi-Fi plug).
    public var plugLatency: Seconds
    /// From mains on to hashing (firmware boot, pool connection).
    public var bootTime: Seconds
    /// Chip temperature the stock firmware's fan loop holds.
    public var chipTarget: Celsius

    public init(name: String, level: Int, hysteresis: Kelvin = Kelvin(0.5), plugLatency: Seconds = Seconds(2),
                bootTime: Seconds, chipTarget: Celsius) {
        self.name = name
        self.level = level
        self.hysteresis = hysteresis
        self.plugLatency = plugLatency
        self.bootTime = bootTime
        self.chipTarget = chipTarget
    }

    /// The board as its stock firmware runs it: the fan loop holds `chipTarget`, and
    /// Hearth's supervisor only backstops (throttle and trip above the firmware's
    /// target, never under it), as it does on a stock unit (docs/avalon.md).
    public func stockProfile(_ board: BoardProfile) -> BoardProfile {
        var p = board
        let t = board.thermal
        let throttle = max(t.chipThrottle, chipTarget + Kelvin(8))
        let trip = max(t.chipTrip, throttle + Kelvin(7))
        p.thermal = ThermalLimits(chipTarget: chipTarget, chipThrottle: throttle, chipTrip: trip, chipLimit: t.chipLimit)
        return p
    }
}
