import HearthCore

/// Maxim DS4432U: a two-output, 7-bit sink/source current DAC on I2C (address 0x48), used on
/// Bitaxe Max/Ultra 2xx boards to trim the feedback node of the core buck (a TPS40305).
///
/// Facts (DS4432 datasheet, Maxim 19-5000): OUT0/OUT1 registers 0xF8/0xF9; bit 7 = 1 sources,
/// 0 sinks; bits 6…0 the magnitude; I_FS = (V_RFS / R_FS) · 127/16 with V_RFS = 0.997 V and
/// R_FS 40…160 kΩ; I_OUT = I_FS · magnitude / 127; zero current at power-up.
///
/// The feedback node: the buck holds FB at V_FB; R_top runs from V_OUT to FB, R_bottom from FB
/// to ground. With the DAC sourcing I into FB, Kirchhoff's current law at FB gives
/// `V_OUT = V_FB + R_top · (V_FB / R_bottom − I)`; sinking is a negative I and raises V_OUT.
/// ESP-Miner (`DS4432U_set_voltage`) uses the same relation; the rounding here is our own:
/// the code chosen never gives more than the voltage asked for.
///
/// `setVoltage` refuses anything outside the board file's limits before the bus is touched.
public struct DS4432U {
    public static let defaultAddress: UInt8 = 0x48
    /// V_RFS, the voltage the DAC holds across R_FS (datasheet, DC characteristics).
    public static let rfsVoltage = 0.997
    /// R_FS range for the datasheet's accuracy and linearity.
    public static let fullScaleResistorRange: ClosedRange<Double> = 40_000...160_000
    public static let maximumMagnitude = 127

    /// Which output trims the buck (register 0xF8 or 0xF9).
    public enum Output: Int, Sendable, Hashable, CaseIterable {
        case out0 = 0, out1 = 1
        public var register: UInt8 { self == .out0 ? 0xF8 : 0xF9 }
    }

    /// One output register: direction and magnitude.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        public var sourcing: Bool
        /// 0…127.
        public var magnitude: Int

        public init(sourcing: Bool, magnitude: Int) {
            self.sourcing = sourcing
            self.magnitude = min(DS4432U.maximumMagnitude, max(0, magnitude))
        }

        public init(raw: UInt8) {
            sourcing = raw & 0x80 != 0
            magnitude = Int(raw & 0x7F)
        }

        public var raw: UInt8 { (sourcing ? 0x80 : 0) | UInt8(magnitude) }
        public var description: String { "0x\(hex(raw)) (\(sourcing ? "source" : "sink") \(magnitude)/127)" }
    }

    /// The board's resistors around the DAC and the buck's feedback reference (`[core_voltage]`).
    public struct Feedback: Sendable, Hashable {
        public var output: Output
        /// R_FS on the DAC's FS pin of `output`.
        public var fullScaleResistorOhms: Double
        /// From the buck's output to its FB pin.
        public var topResistorOhms: Double
        /// From FB to ground.
        public var bottomResistorOhms: Double
        /// The buck's feedback reference (TPS40305: 600 mV).
        public var reference: Millivolts

        public init(output: Output = .out0, fullScaleResistorOhms: Double, topResistorOhms: Double,
                    bottomResistorOhms: Double, reference: Millivolts) {
            self.output = output
            self.fullScaleResistorOhms = fullScaleResistorOhms
            self.topResistorOhms = topResistorOhms
            self.bottomResistorOhms = bottomResistorOhms
            self.reference = reference
        }

        /// I_FS = (V_RFS / R_FS) · 127/16.
        public var fullScaleCurrent: Amperes { Amperes(DS4432U.rfsVoltage / fullScaleResistorOhms * 127 / 16) }

        /// The output with the DAC at zero current: V_FB · (1 + R_top / R_bottom).
        public var nominal: Millivolts { voltage(for: Code(sourcing: false, magnitude: 0)) }

        /// The buck's output voltage with `code` in the DAC.
        public func voltage(for code: Code) -> Millivolts {
            let vfb = reference.volts
            let current = fullScaleCurrent.value * Double(code.magnitude) / 127 * (code.sourcing ? 1 : -1)
            return Millivolts((vfb + topResistorOhms * (vfb / bottomResistorOhms - current)) * 1000)
        }

        /// The lowest and highest outputs the DAC can reach (full-scale source and sink).
        public var reach: ClosedRange<Millivolts> {
            voltage(for: Code(sourcing: true, magnitude: 127))...voltage(for: Code(sourcing: false, magnitude: 127))
        }

        /// The code whose voltage is closest to `target` without exceeding it; nil when the
        /// DAC cannot get there (see `reach`).
        public func code(for target: Millivolts) -> Code? {
            guard target.value.isFinite else { return nil }
            let vfb = reference.volts
            // The current into FB that puts the output at target.
            let current = vfb / bottomResistorOhms - (target.volts - vfb) / topResistorOhms
            // Rounded to 1e-9 steps first, so an exact code is not pushed one step by float noise.
            let steps = ((abs(current) / fullScaleCurrent.value * 127) * 1e9).rounded() / 1e9
            // More source lowers the output, less sink lowers it: round towards the lower voltage.
            let magnitude = current >= 0 ? Int(steps.rounded(.up)) : Int(steps.rounded(.down))
            guard magnitude <= DS4432U.maximumMagnitude else { return nil }
            return Code(sourcing: current >= 0 && magnitude > 0, magnitude: magnitude)
        }
    }

    public let bus: any I2CBus
    public let address: UInt8
    public let feedback: Feedback
    /// The board file's `min_mv`…`max_mv`.
    public let limits: ClosedRange<Millivolts>

    public init(bus: any I2CBus, address: UInt8 = DS4432U.defaultAddress, feedback: Feedback, limits: ClosedRange<Millivolts>) {
        self.bus = bus
        self.address = address
        self.feedback = feedback
        self.limits = limits
    }

    /// Sets the core voltage; returns the code written and the voltage it gives.
    @discardableResult
    public func setVoltage(_ target: Millivolts) throws(DS4432UError) -> (code: Code, voltage: Millivolts) {
        let place = DS4432UError.Place(bus: bus.name, address: address)
        guard target.value.isFinite else { throw .refused(place, "core voltage \(target.value) mV is not a number") }
        guard target >= limits.lowerBound else {
            throw .refused(place, "core voltage \(formatted(target)) is below the board's min_mv \(formatted(limits.lowerBound))")
        }
        guard target <= limits.upperBound else {
            throw .refused(place, "core voltage \(formatted(target)) is above the board's max_mv \(formatted(limits.upperBound))")
        }
        guard let code = feedback.code(for: target) else {
            let r = feedback.reach
            throw .refused(place, "core voltage \(formatted(target)) is outside what the DAC reaches with these resistors (\(formatted(r.lowerBound))…\(formatted(r.upperBound)))")
        }
        try write(code)
        return (code, feedback.voltage(for: code))
    }

    /// Zero current: the buck's own nominal voltage (what the chip has at power-up).
    public func release() throws(DS4432UError) { try write(Code(sourcing: false, magnitude: 0)) }

    /// The code in the output register and the voltage it gives.
    public func readVoltage() throws(DS4432UError) -> RegisterSample<Millivolts> {
        let raw: UInt8
        do { raw = try bus.readRegister8(address: address, register: feedback.output.register) } catch {
            throw .bus(error, register: feedback.output.register)
        }
        return RegisterSample(feedback.voltage(for: Code(raw: raw)), raw: UInt16(raw))
    }

    private func write(_ code: Code) throws(DS4432UError) {
        do { try bus.writeRegister8(address: address, register: feedback.output.register, value: code.raw) } catch {
            throw .bus(error, register: feedback.output.register)
        }
    }

    private func formatted(_ v: Millivolts) -> String {
        let tenths = (v.value * 10).rounded() / 10
        return tenths == tenths.rounded() ? "\(Int(tenths)) mV" : "\(tenths) mV"
    }
}
