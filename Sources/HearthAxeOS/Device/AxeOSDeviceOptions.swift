import HearthCore

/// How carefully Hearth treats a stock Bitaxe: how often it may be asked and what a
/// change costs. AxeOS ramps the PLL itself when the frequency changes (no restart),
/// but each PATCH writes the ESP32's flash, so changes stay few.
public struct AxeOSDeviceOptions: Sendable, Hashable {
    /// Readings older than this are no readings (the supervisor trips `stale_reading`).
    public var readingAgeLimit = Seconds(30)
    /// Asked for no heat, the board must be paused within this long, or `apply` reports an
    /// actuator failure (a firmware refusing writes leaves it heating out of Hearth's hands).
    public var offDeliveryLimit = Seconds(30)
    /// At least this long between two V/f changes. Each PATCH is also a write to the ESP32's
    /// flash (NVS): a simulated day at 60 s made ~1060 changes (44/h, RMS 0.30 K); at 5 min,
    /// 214 (9/h) but RMS 0.53 K in a fast-responding box (docs/axeos.md). Owners worried
    /// about flash wear raise it.
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
