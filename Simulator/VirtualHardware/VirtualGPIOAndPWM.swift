import HearthCore
import HearthHAL

/// A GPIO line in the simulator; writing an input line is an error, as on Linux.
public final class VirtualGPIOLine: GPIOLine {
    public let name: String
    public let isOutput: Bool
    public var level = false

    public init(name: String, isOutput: Bool) {
        self.name = name
        self.isOutput = isOutput
    }

    public func set(_ active: Bool) throws(BusError) {
        guard isOutput else { throw BusError(.notSupported, bus: name, detail: "line is an input") }
        level = active
    }

    public func get() throws(BusError) -> Bool { level }
}

/// A PWM channel in the simulator; the physics reads `duty` while `enabled`.
public final class VirtualPWMChannel: PWMChannel {
    public let name: String
    public private(set) var duty = DutyCycle(0)
    public private(set) var enabled = false
    public private(set) var periodNanoseconds: UInt64 = 0

    public init(name: String) { self.name = name }

    public func configure(periodNanoseconds: UInt64, inverted: Bool) throws(BusError) {
        guard periodNanoseconds > 0 else { throw BusError(.notSupported, bus: name, detail: "period must be > 0") }
        self.periodNanoseconds = periodNanoseconds
    }
    public func setDuty(_ duty: DutyCycle) throws(BusError) { self.duty = duty }
    public func setEnabled(_ enabled: Bool) throws(BusError) { self.enabled = enabled }
}
