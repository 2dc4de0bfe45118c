import HearthCore
import HearthHAL

/// A PWM channel in the simulator; the physics reads `effectiveDuty`.
public final class VirtualPWMChannel: PWMChannel {
    public let name: String
    public private(set) var duty: DutyCycle = .zero
    public private(set) var enabled = false
    public private(set) var periodNanoseconds: UInt64 = 0
    public private(set) var inverted = false
    public var failing = false

    public init(name: String) { self.name = name }

    /// Duty the fan actually sees: nothing while disabled, complement when inverted.
    public var effectiveDuty: DutyCycle {
        guard enabled else { return .zero }
        return inverted ? DutyCycle(1 - duty.value) : duty
    }

    public func configure(periodNanoseconds: UInt64, inverted: Bool) throws(BusError) {
        try check()
        guard periodNanoseconds > 0 else { throw BusError(.notSupported, bus: name, detail: "period must be > 0") }
        self.periodNanoseconds = periodNanoseconds
        self.inverted = inverted
    }

    public func setDuty(_ duty: DutyCycle) throws(BusError) {
        try check()
        self.duty = duty
    }

    public func setEnabled(_ enabled: Bool) throws(BusError) {
        try check()
        self.enabled = enabled
    }

    private func check() throws(BusError) {
        if failing { throw BusError(.io, bus: name, detail: "injected fault") }
    }
}
