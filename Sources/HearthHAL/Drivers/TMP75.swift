import HearthCore

/// TI TMP75 / NXP LM75 digital temperature sensor.
///
/// Registers (datasheet): 0x00 temperature (16-bit big-endian, left-justified
/// two's complement, so value/256 is °C at any resolution), 0x01 config (8-bit;
/// TMP75 R1:R0 in bits 6:5 select 9..12 bits), 0x02 T_low, 0x03 T_high.
public struct TMP75 {
    public enum Variant: String, Sendable, Hashable, CaseIterable {
        /// 12-bit capable (0.0625 °C/LSB) once configured; powers up at 9 bits.
        case tmp75
        /// Fixed 9-bit (0.5 °C/LSB).
        case lm75
        /// TI TMP1075 (PiAxe): always 12-bit; its configuration register is 16-bit and
        /// its R1:R0 bits set the conversion *rate*, so Hearth leaves it at its defaults.
        case tmp1075

        /// Bits of the temperature register that carry data after `configure()`.
        var dataMask: UInt16 { self == .lm75 ? 0xFF80 : 0xFFF0 }
        public var resolution: Celsius { Celsius(self == .lm75 ? 0.5 : 0.0625) }
    }

    public enum Register {
        public static let temperature: UInt8 = 0x00
        public static let configuration: UInt8 = 0x01
        public static let tLow: UInt8 = 0x02
        public static let tHigh: UInt8 = 0x03
    }

    /// R1:R0 = 11 (12-bit conversions), everything else at power-up defaults
    /// (continuous conversion, comparator mode, active-low alert).
    public static let twelveBitConfiguration: UInt8 = 0b0110_0000

    public let bus: any I2CBus
    public let address: UInt8
    public let variant: Variant

    public init(bus: any I2CBus, address: UInt8, variant: Variant = .tmp75) {
        self.bus = bus
        self.address = address
        self.variant = variant
    }

    var partName: String { variant.rawValue.uppercased() }

    /// Select the finest resolution. The TMP75 powers up at 9 bits; the LM75
    /// has nothing to set (its resolution bits are reserved), so it is left alone.
    public func configure() throws(DriverError) {
        guard variant == .tmp75 else { return }
        try onBus { () throws(BusError) in
            try bus.writeRegister8(address: address, register: Register.configuration, value: Self.twelveBitConfiguration)
        }
    }

    /// Read the temperature register: the value in °C and the raw register bits.
    public func readTemperature() throws(DriverError) -> RegisterSample<Celsius> {
        let raw = try onBus { () throws(BusError) in
            try bus.readRegister16BE(address: address, register: Register.temperature)
        }
        return RegisterSample(Self.decode(raw, variant: variant), raw: raw)
    }

    /// Decode a temperature register value. Bits below the variant's resolution
    /// are undefined on some LM75 clones, so they are masked off first.
    public static func decode(_ raw: UInt16, variant: Variant) -> Celsius {
        Celsius(Double(Int16(bitPattern: raw & variant.dataMask)) / 256)
    }

    /// Check that the device at the address behaves like this part: the
    /// configuration register must read back what was written (TMP75), and
    /// T_high must be above T_low (true for power-up defaults 75/80 °C).
    /// Used when probing, so a wrong chip at the address is reported, not trusted.
    public func checkPlausible() throws(DriverError) {
        let config = try onBus { () throws(BusError) in
            try bus.readRegister8(address: address, register: Register.configuration)
        }
        if variant == .tmp75 && config & 0b0110_0000 != Self.twelveBitConfiguration {
            throw .implausible(part: partName, bus: bus.name, address: address,
                               detail: "configuration register reads 0x\(hex(config)), resolution bits not 12-bit after configure")
        }
        let (low, high) = try onBus { () throws(BusError) in
            (try bus.readRegister16BE(address: address, register: Register.tLow),
             try bus.readRegister16BE(address: address, register: Register.tHigh))
        }
        if Int16(bitPattern: high) <= Int16(bitPattern: low) {
            throw .implausible(part: partName, bus: bus.name, address: address,
                               detail: "T_high \(hex16(high)) not above T_low \(hex16(low))")
        }
    }
}
