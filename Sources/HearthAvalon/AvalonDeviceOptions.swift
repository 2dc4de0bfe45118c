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

    public enum FanControl: String, Sendable, Hashable { case firmware, hearth }

    public init() {}
}
