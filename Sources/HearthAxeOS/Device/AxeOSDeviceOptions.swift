import HearthCore

/// How carefully Hearth treats a stock Bitaxe: how often it may be asked and what a
/// change costs. AxeOS ramps the PLL itself when the frequency changes (no restart),
/// but each PATCH writes the ESP32's flash, so changes stay few.
public struct AxeOSDeviceOptions: Sendable, Hashable {
    /// Readings older than this are no readings (the supervisor trips `stale_reading`).
    public var readingAgeLimit = Seconds(30)
    /// At least this long between two V/f changes.
    public var minimumSettingDwell = Seconds(60)
    /// At most this many requests that change something per minute, whatever the controller asks.
    public var maximumCommandsPerMinute = 6
    /// Who runs the fan: the firmware's own loop (default: it holds `temptarget`, its
    /// protections stay in charge) or Hearth (`fanspeed` from the fan loop, at most once
    /// per `fanInterval`).
    public var fanControl: FanControl = .firmware
    public var fanInterval = Seconds(30)
    /// Fan changes smaller than this many percentage points are not sent.
    public var fanHysteresis = 5

    public enum FanControl: String, Sendable, Hashable { case firmware, hearth }

    public init() {}
}
