import HearthCore

/// TI TMP75 / TMP1075 and the classic LM75: temperature in register 0x00,
/// 16-bit big-endian, left-justified two's complement.
/// TMP75 powers up at 9-bit resolution; `configure()` selects 12 bits
/// (config register 0x01, R1:R0 = bits 6:5 = 11, 0.0625 °C/LSB).
/// TMP1075 is always 12-bit; LM75 is 9-bit (0.5 °C/LSB).
public final class TMP75 {
    public enum Variant: String, Sendable, CaseIterable {
        case tmp75, tmp1075, lm75
        /// Meaningful bits in the temperature register.
        var bits: Int { self == .lm75 ? 9 : 12 }
    }

    public enum Register: UInt8 { case temperature = 0x00, configuration = 0x01, tLow = 0x02, tHigh = 0x03 }
    static let twelveBitConfig: UInt8 = 0b0110_0000

    public let bus: any I2CBus
    public let address: UInt8
    public let variant: Variant

    public init(bus: any I2CBus, address: UInt8, variant: Variant = .tmp75) {
        self.bus = bus
        self.address = address
        self.variant = variant
    }

    /// Select full resolution where the part needs it, and check it took.
    public func configure() throws(BusError) {
        guard variant == .tmp75 else { return }
        try bus.writeRegister8(address: address, register: Register.configuration.rawValue, value: Self.twelveBitConfig)
        let back = try bus.readRegister8(address: address, register: Register.configuration.rawValue)
        guard back & Self.twelveBitConfig == Self.twelveBitConfig else {
            throw BusError(.io, bus: bus.name, address: address,
                           detail: "TMP75 config readback 0x\(hex(back)), expected 12-bit resolution bits set")
        }
    }

    /// Temperature and the raw register bits (for stuck-sensor detection).
    public func readTemperature() throws(BusError) -> (temperature: Celsius, raw: UInt16) {
        let raw = try bus.readRegister16BE(address: address, register: Register.temperature.rawValue)
        return (Self.decode(raw, bits: variant.bits), raw)
    }

    /// Left-justified two's complement with `bits` significant bits.
    public static func decode(_ raw: UInt16, bits: Int) -> Celsius {
        let shift = 16 - bits
        let counts = Int16(bitPattern: raw) >> shift
        return Celsius(Double(counts) * 128 / Double(1 << (bits - 1)))
    }

    /// Inverse of `decode`, rounding to the nearest step (used by the virtual chip).
    public static func encode(_ t: Celsius, bits: Int) -> UInt16 {
        let step = 128 / Double(1 << (bits - 1))
        let maxCounts = Double((1 << (bits - 1)) - 1)
        let counts = (t.value / step).rounded().clamped(to: -maxCounts - 1...maxCounts)
        return UInt16(bitPattern: Int16(counts) << (16 - bits))
    }
}

extension Double {
    func clamped(to r: ClosedRange<Double>) -> Double { Swift.min(Swift.max(self, r.lowerBound), r.upperBound) }
}
