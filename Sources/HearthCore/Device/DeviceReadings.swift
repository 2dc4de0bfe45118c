/// Why a reading could not be taken. Carried inside the reading, never hidden
/// behind a stale value (DESIGN: every failed read is a reading with an error).
public struct ReadingError: Error, Sendable, Hashable, CustomStringConvertible {
    public var source: String
    public var reason: String
    /// Not a failure yet: a slow device has not delivered its first reading. It
    /// becomes one when it is older than the device's reading-age limit.
    public var isPending: Bool
    public init(source: String, reason: String, isPending: Bool = false) {
        self.source = source
        self.reason = reason
        self.isPending = isPending
    }
    /// The placeholder a slow device gives until its first reading arrives.
    public static func pending(_ source: String) -> ReadingError {
        ReadingError(source: source, reason: "no reading yet", isPending: true)
    }
    public var description: String { "\(source): \(reason)" }
}

/// One sensor value or the error that prevented it. `raw` keeps the undecoded
/// register bits so the supervisor can tell a stuck sensor from a steady one.
public struct Reading<Value: Quantity>: Sendable, Hashable {
    public var result: Result<Value, ReadingError>
    public var raw: UInt32?
    /// Control time (monotonic) at which the value was measured, for readings a slow
    /// or remote device delivers later; nil when it was read inside this tick.
    public var takenAt: Seconds?

    public init(_ value: Value, raw: UInt32? = nil, takenAt: Seconds? = nil) {
        self.result = .success(value)
        self.raw = raw
        self.takenAt = takenAt
    }
    public init(error: ReadingError, takenAt: Seconds? = nil) {
        self.result = .failure(error)
        self.raw = nil
        self.takenAt = takenAt
    }
    public static func failed(_ source: String, _ reason: String) -> Reading {
        Reading(error: ReadingError(source: source, reason: reason))
    }

    public var value: Value? { if case .success(let v) = result { v } else { nil } }
    public var error: ReadingError? { if case .failure(let e) = result { e } else { nil } }

    /// How old the reading is at `now` (zero for one taken inside this tick).
    public func age(at now: Seconds) -> Seconds {
        guard let takenAt else { return .zero }
        return max(.zero, now - takenAt)
    }

    /// The reading stamped with the time it was measured, unless it carries its own.
    public func stamped(_ time: Seconds) -> Reading {
        var copy = self
        copy.takenAt = takenAt ?? time
        return copy
    }
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

    /// Readings a slow device has not delivered yet (chip and room pending since `since`).
    public static func pending(_ source: String, since: Seconds) -> DeviceReadings {
        let e = ReadingError.pending(source)
        return DeviceReadings(chipTemperature: Reading(error: e, takenAt: since),
                              roomTemperature: Reading(error: e, takenAt: since),
                              fanSpeed: nil, power: nil)
    }

    /// True while a required reading has not arrived from a slow device yet.
    public var isAwaitingDevice: Bool {
        chipTemperature.error?.isPending == true || roomTemperature.error?.isPending == true
    }

    /// Every reading stamped with the time it was measured (a device polled in the background).
    public func stamped(_ time: Seconds) -> DeviceReadings {
        DeviceReadings(chipTemperature: chipTemperature.stamped(time), inletTemperature: inletTemperature?.stamped(time),
                       roomTemperature: roomTemperature.stamped(time), fanSpeed: fanSpeed?.stamped(time),
                       power: power?.stamped(time))
    }
}
