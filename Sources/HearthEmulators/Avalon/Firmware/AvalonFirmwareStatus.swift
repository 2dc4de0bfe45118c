import HearthCore

/// The firmware's state as others may read it.
public struct AvalonFirmwareStatus: Sendable, Hashable {
    /// The knob's value: work mode, or the Nano 3's work level.
    public var setting: Int
    public var workLevel: Int
    public var fan: AvalonFanControl
    public var softOff: Bool
    /// While recalibrating after a setting change: when it ends (control time).
    public var calibratingUntil: Seconds?
    /// A reboot asked for with `ascset|0,reboot,N`: when it fires.
    public var rebootAt: Seconds?
    /// While down (booting): when it answers again.
    public var downUntil: Seconds?
    /// Whether its mains is on (false while its plug is off).
    public var powered: Bool
    public var uptime: Seconds
    /// Whether the firmware lets the chips hash.
    public var hashing: Bool
}
