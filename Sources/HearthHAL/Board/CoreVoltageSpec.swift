import HearthCore

/// A board file's `[core_voltage]`: whether Hearth can set the hash chips' core voltage,
/// through which regulator, and within which limits (docs/axeos.md, "Core voltage").
/// Where it cannot (`settable = false`), the chips run at `fixed` and the planner uses
/// frequency alone.
public struct CoreVoltageSpec: Sendable, Hashable {
    public enum Regulator: String, Sendable, Hashable, CaseIterable {
        /// TI TPS546 buck over PMBus (Bitaxe Supra/Gamma).
        case tps546
        /// Maxim DS4432U current DAC trimming a buck's feedback (Bitaxe Max/Ultra).
        case ds4432u
    }

    public struct Control: Sendable, Hashable {
        public var regulator: Regulator
        public var bus: String
        public var address: UInt8
        public var minimum: Millivolts
        public var maximum: Millivolts
        /// The DS4432U's output and the feedback resistors it trims (ds4432u only).
        public var dacFeedback: DS4432U.Feedback?

        public init(regulator: Regulator, bus: String, address: UInt8, minimum: Millivolts, maximum: Millivolts,
                    dacFeedback: DS4432U.Feedback? = nil) {
            self.regulator = regulator
            self.bus = bus
            self.address = address
            self.minimum = minimum
            self.maximum = maximum
            self.dacFeedback = dacFeedback
        }
    }

    /// nil: not settable.
    public var control: Control?
    /// The voltage at start (settable) or always (fixed).
    public var nominal: Millivolts
    /// Where the facts come from.
    public var source: String

    public init(control: Control?, nominal: Millivolts, source: String) {
        self.control = control
        self.nominal = nominal
        self.source = source
    }

    public var isSettable: Bool { control != nil }

    /// A wanted voltage within the limits (the nominal one when not settable).
    public func clamp(_ v: Millivolts) -> Millivolts {
        guard let c = control else { return nominal }
        return Millivolts(min(c.maximum.value, max(c.minimum.value, v.value)))
    }
}
