/// Why a reading could not be taken. Carried inside the reading, never hidden
/// behind a stale value (DESIGN: every failed read is a reading with an error).
public struct ReadingError: Error, Sendable, Hashable, CustomStringConvertible {
    public var source: String
    public var reason: String
    public init(source: String, reason: String) {
        self.source = source
        self.reason = reason
    }
    public var description: String { "\(source): \(reason)" }
}

/// One sensor value or the error that prevented it. `raw` keeps the undecoded
/// register bits so the supervisor can tell a stuck sensor from a steady one.
public struct Reading<Value: Quantity>: Sendable, Hashable {
    public var result: Result<Value, ReadingError>
    public var raw: UInt32?

    public init(_ value: Value, raw: UInt32? = nil) {
        self.result = .success(value)
        self.raw = raw
    }
    public init(error: ReadingError) {
        self.result = .failure(error)
        self.raw = nil
    }
    public static func failed(_ source: String, _ reason: String) -> Reading {
        Reading(error: ReadingError(source: source, reason: reason))
    }

    public var value: Value? { if case .success(let v) = result { v } else { nil } }
    public var error: ReadingError? { if case .failure(let e) = result { e } else { nil } }
}

/// Everything the controller reads from a device in one tick.
public struct DeviceReadings: Sendable, Hashable {
    /// Hottest chip (or the board's chip-temperature sensor).
    public var chipTemperature: Reading<Celsius>
    /// Air entering the heatsink; `nil` when the board has no inlet sensor.
    public var inletTemperature: Reading<Celsius>?
    /// Room air at the thermostat sensor.
    public var roomTemperature: Reading<Celsius>
    /// Fan tach; `nil` when the board's fan has no tach (stall then shows as heat).
    public var fanSpeed: Reading<RPM>?
    /// Board input power; `nil` when the board has no power sensor.
    public var power: Reading<Watts>?

    public init(chipTemperature: Reading<Celsius>, inletTemperature: Reading<Celsius>? = nil,
                roomTemperature: Reading<Celsius>, fanSpeed: Reading<RPM>?, power: Reading<Watts>? = nil) {
        self.chipTemperature = chipTemperature
        self.inletTemperature = inletTemperature
        self.roomTemperature = roomTemperature
        self.fanSpeed = fanSpeed
        self.power = power
    }
}
