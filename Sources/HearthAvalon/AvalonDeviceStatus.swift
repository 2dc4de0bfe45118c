import HearthCore

/// What `hearth status` shows about a stock unit, in plain words.
public struct AvalonDeviceStatus: Sendable, Hashable {
    public var device: String
    public var model: String
    public var offSwitch: String
    /// The setting the unit last reported (name), and whether it is hashing.
    public var setting: String?
    public var hashing: Bool?
    public var wallPower: Watts?
    /// The unit's inlet air and when it was read (for an `inlet:OFFSET` room sensor).
    public var inlet: Reading<Celsius>?
    /// Set while the controller wants no heat but the unit can't be switched off.
    public var floorNote: String?
    public var calibrating = false
    public var lastError: String?
    public var consecutiveFailedPolls = 0
    public var polls = 0
    public var commandsSent = 0
    public var commandsRefused = 0
    public var settingChanges = 0
    /// Commands the controller wanted that the device layer held back (dwell, rate, calibration).
    public var commandsDeferred = 0
}
