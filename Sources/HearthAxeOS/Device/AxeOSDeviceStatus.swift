import HearthCore

/// What `hearth status` shows about a stock Bitaxe, in plain words.
public struct AxeOSDeviceStatus: Sendable, Hashable {
    public var device: String
    public var asicModel: String
    /// What the board last reported.
    public var frequency: Megahertz?
    public var coreVoltage: Millivolts?
    public var hashing: Bool?
    public var power: Watts?
    public var overheat = false
    public var lastError: String?
    public var consecutiveFailedPolls = 0
    public var polls = 0
    public var commandsSent = 0
    public var commandsFailed = 0
    public var settingChanges = 0
    /// Commands the controller wanted that the device layer held back (dwell, rate).
    public var commandsDeferred = 0
}
