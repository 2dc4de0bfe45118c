import HearthCore

/// Microchip (SMSC) EMC2101 fan controller with an external-diode temperature input.
/// 8-bit registers. The fan is driven in direct mode (fan setting register,
/// LUT disabled); the ALERT/TACH pin is configured as tach input.
public final class EMC2101 {
    public enum Register: UInt8 {
        case internalTemperature = 0x00
        case externalHigh = 0x01
        case status = 0x02
        case configuration = 0x03
        case externalLow = 0x10
        case tachLow = 0x46
        case tachHigh = 0x47
        case fanConfiguration = 0x4A
        case fanSetting = 0x4C
        case productID = 0xFD
        case manufacturerID = 0xFE
    }
    public static let manufacturer: UInt8 = 0x5D
    public static let products: [UInt8: String] = [0x16: "EMC2101", 0x28: "EMC2101-R"]
    /// Config: bit 2 (ALT_TCH) makes pin 6 the tach input; bit 4 clear keeps PWM output.
    static let configuration: UInt8 = 0b0000_0100
    /// Fan config: PROG (bit 5) set, so the fan setting register drives the fan directly.
    static let fanConfiguration: UInt8 = 0b0010_0000
    /// Status bit 2: external diode open or shorted.
    static let diodeFault: UInt8 = 0b0000_0100
    public static let tachClock = 5_400_000.0
    public static let maxSetting = 63.0

    public let bus: any I2CBus
    public let address: UInt8

    public init(bus: any I2CBus, address: UInt8 = 0x4C) {
        self.bus = bus
        self.address = address
    }

    /// Checks manufacturer and product id; returns the product name.
    @discardableResult
    public func identify() throws(BusError) -> String {
        let m = try bus.readRegister8(address: address, register: Register.manufacturerID.rawValue)
        guard m == Self.manufacturer else {
            throw BusError(.io, bus: bus.name, address: address, detail: "manufacturer id 0x\(hex(m)), expected 0x5d (SMSC) for EMC2101")
        }
        let p = try bus.readRegister8(address: address, register: Register.productID.rawValue)
        guard let name = Self.products[p] else {
            throw BusError(.io, bus: bus.name, address: address, detail: "product id 0x\(hex(p)), expected 0x16 or 0x28 for EMC2101")
        }
        return name
    }

    public func configure() throws(BusError) {
        try bus.writeRegister8(address: address, register: Register.configuration.rawValue, value: Self.configuration)
        try bus.writeRegister8(address: address, register: Register.fanConfiguration.rawValue, value: Self.fanConfiguration)
    }

    /// External diode temperature (0.125 °C steps) and the raw 11 bits.
    public func readExternalTemperature() throws(BusError) -> (temperature: Celsius, raw: UInt16) {
        // Reading the high byte latches the low byte, so high first.
        let high = try bus.readRegister8(address: address, register: Register.externalHigh.rawValue)
        let low = try bus.readRegister8(address: address, register: Register.externalLow.rawValue)
        let status = try bus.readRegister8(address: address, register: Register.status.rawValue)
        if status & Self.diodeFault != 0 {
            throw BusError(.io, bus: bus.name, address: address, detail: "EMC2101 external diode fault (open or short)")
        }
        let raw = UInt16(high) << 8 | UInt16(low & 0xE0)
        return (Self.decodeExternal(raw), raw)
    }

    public static func decodeExternal(_ raw: UInt16) -> Celsius {
        Celsius(Double(Int16(bitPattern: raw) >> 5) * 0.125)
    }

    public static func encodeExternal(_ t: Celsius) -> UInt16 {
        let counts = (t.value / 0.125).rounded().clamped(to: -1024...1023)
        return UInt16(bitPattern: Int16(counts) << 5)
    }

    public func readInternalTemperature() throws(BusError) -> Celsius {
        Celsius(Double(Int8(bitPattern: try bus.readRegister8(address: address, register: Register.internalTemperature.rawValue))))
    }

    /// Fan speed from the tach count; a stopped fan reads 0xFFFF.
    public func readFanSpeed() throws(BusError) -> (speed: RPM, raw: UInt16) {
        let low = try bus.readRegister8(address: address, register: Register.tachLow.rawValue)
        let high = try bus.readRegister8(address: address, register: Register.tachHigh.rawValue)
        let count = UInt16(high) << 8 | UInt16(low)
        return (Self.rpm(count: count), count)
    }

    public static func rpm(count: UInt16) -> RPM {
        count == 0 || count == 0xFFFF ? .zero : RPM(tachClock / Double(count))
    }

    public func setFanDuty(_ duty: DutyCycle) throws(BusError) {
        try bus.writeRegister8(address: address, register: Register.fanSetting.rawValue, value: Self.setting(for: duty))
    }

    public static func setting(for duty: DutyCycle) -> UInt8 { UInt8((duty.value * maxSetting).rounded()) }
}
