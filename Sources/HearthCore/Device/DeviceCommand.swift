/// What the controller asks of the device each tick.
public struct DeviceCommand: Sendable, Hashable {
    /// Whether the hash chips run at all.
    public var hashing: Bool
    /// Index into `BoardProfile.operatingPoints`; ignored while not hashing.
    public var operatingPoint: Int
    public var fanDuty: DutyCycle

    public init(hashing: Bool, operatingPoint: Int, fanDuty: DutyCycle) {
        self.hashing = hashing
        self.operatingPoint = operatingPoint
        self.fanDuty = fanDuty
    }

    /// Hashing off, fan at the board's safe duty: where every trip ends.
    public static func safe(_ board: BoardProfile) -> DeviceCommand {
        DeviceCommand(hashing: false, operatingPoint: 0, fanDuty: board.fan.safeDuty)
    }
}
