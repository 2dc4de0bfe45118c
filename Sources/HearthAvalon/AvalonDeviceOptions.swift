import HearthCore

/// How carefully Hearth treats a stock unit: what each change costs and how often
/// it may be asked. Defaults are sized to the firmware (single-threaded, a mode
/// change restarts the hashing and is refused while the unit recalibrates).
public struct AvalonDeviceOptions: Sendable, Hashable {
    /// Readings older than this are no readings (the supervisor trips `stale_reading`).
    /// Polls every few seconds, so this allows several failed polls in a row.
    public var readingAgeLimit = Seconds(30)
    /// At least this long between two setting changes (a change restarts the hashing).
    public var minimumSettingDwell = Seconds.minutes(5)
    /// After a setting change the firmware refuses another until it has recalibrated;
    /// Hearth does not ask before this, nor while the unit reports it is calibrating.
    public var recalibration = Seconds(90)
    /// At most this many `ascset` commands per minute, whatever the controller asks.
    public var maximumCommandsPerMinute = 6
    /// Who runs the fan: the firmware's own loop (default: its protections stay in
    /// charge) or Hearth (fan-spd set from the fan loop, at most once per `fanInterval`).
    public var fanControl: FanControl = .firmware
    public var fanInterval = Seconds(30)
    /// Fan changes smaller than this many percentage points are not sent.
    public var fanHysteresis = 5

    /// Asked for no heat, the unit must have stopped (soft off taken, plug cut) within this
    /// long, or `apply` reports an actuator failure: the firmware refusing every write or a
    /// plug that does not answer leaves a heater running that Hearth believes stopped.
    /// Several polls and plug retries fit in it, so one refused or lost command is not a fault.
    public var offDeliveryLimit = Seconds(30)
    /// After its plug switches it back on, the unit boots (no API): its silence this long
    /// is expected, not a lost unit (the emulator assumes a 60 s boot; half as long again).
    /// A unit lost during its boot is therefore noticed this much later.
    public var bootAllowance = Seconds(90)

    public enum FanControl: String, Sendable, Hashable { case firmware, hearth }

    public init() {}
}
