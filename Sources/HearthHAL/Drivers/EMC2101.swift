import HearthCore

/// Microchip EMC2101 / EMC2101-R fan controller with one internal and one
/// external-diode temperature channel. All registers are 8-bit.
public struct EMC2101 {
    public enum Register {
        public static let internalTemperature: UInt8 = 0x00
        public static let externalHigh: UInt8 = 0x01
        public static let status: UInt8 = 0x02
        public static let configuration: UInt8 = 0x03
        public static let externalLow: UInt8 = 0x10
        public static let tachLow: UInt8 = 0x46
        public static let tachHigh: UInt8 = 0x47
        public static let fanConfiguration: UInt8 = 0x4A
        public static let fanSetting: UInt8 = 0x4C
        public static let productID: UInt8 = 0xFD
        public static let manufacturerID: UInt8 = 0xFE
    }

    public static let manufacturerID: UInt8 = 0x5D
    public static let productIDs: [UInt8: String] = [0x16: "EMC2101", 0x28: "EMC2101-R"]
    /// Configuration register bits.
    public static let altTach: UInt8 = 1 << 2       // ALERT/TACH pin is the tach input
    public static let dacMode: UInt8 = 1 << 4       // 1 = DAC output, 0 = PWM
    public static let standby: UInt8 = 1 << 6
    /// Fan configuration register: bit 5 disables the look-up table so the
    /// fan setting register drives the output directly; bit 6 forces a LUT temperature.
    public static let lutDisable: UInt8 = 1 << 5
    public static let forceTemperature: UInt8 = 1 << 6
    /// Largest fan setting value (6-bit PWM resolution).
    public static let maxFanSetting: UInt8 = 63
    /// rpm = 5 400 000 / tach count (two tach pulses per revolution).
    public static let tachConstant = 5_400_000.0

    public let bus: any I2CBus
    public let address: UInt8

    public init(bus: any I2CBus, address: UInt8 = 0x4C) {
        self.bus = bus
        self.address = address
    }

    /// Check manufacturer and product IDs; returns the part name.
    @discardableResult
    public func identify() throws(DriverError) -> String {
        let (maker, product) = try onBus { () throws(BusError) in
            (try read8(Register.manufacturerID), try read8(Register.productID))
        }
        guard maker == Self.manufacturerID else {
            throw .wrongIdentity(part: "EMC2101", bus: bus.name, address: address, register: Register.manufacturerID,
                                 expected: "0x5d", found: "0x\(hex(maker))")
        }
        guard let name = Self.productIDs[product] else {
            throw .wrongIdentity(part: "EMC2101", bus: bus.name, address: address, register: Register.productID,
                                 expected: "0x16 or 0x28", found: "0x\(hex(product))")
        }
        return name
    }

    /// Tach input on, PWM output, not in standby; LUT off so `setFanDuty` is obeyed.
    /// Read-modify-write keeps the other bits (SMBus timeout, alert mask) as the board set them.
    public func configure() throws(DriverError) {
        try onBus { () throws(BusError) in
            let config = try read8(Register.configuration)
            try write8(Register.configuration, (config | Self.altTach) & ~(Self.dacMode | Self.standby))
            let fan = try read8(Register.fanConfiguration)
            try write8(Register.fanConfiguration, (fan | Self.lutDisable) & ~Self.forceTemperature)
        }
    }

    /// External diode temperature, 0.125 °C resolution (high byte signed, low byte bits 7:5).
    public func readExternalTemperature() throws(DriverError) -> RegisterSample<Celsius> {
        // High byte first: the part latches the low byte when the high byte is read.
        let (high, low) = try onBus { () throws(BusError) in
            (try read8(Register.externalHigh), try read8(Register.externalLow))
        }
        let raw = UInt16(high) << 8 | UInt16(low & 0xE0)
        if let fault = Self.diodeFault(raw) {
            throw .diodeFault(bus: bus.name, address: address, detail: fault)
        }
        return RegisterSample(Self.decodeExternal(raw), raw: raw)
    }

    /// The part reports diode faults with codes at the top of its range (0x7F00
    /// open / 0x7FE0 short per the Linux driver's reading of the datasheet);
    /// neither is a plausible chip temperature on a heater, so both are faults.
    public static func diodeFault(_ raw: UInt16) -> String? {
        switch raw {
        case 0x7F00: "open"
        case 0x7FE0: "short"
        default: nil
        }
    }

    public static func decodeExternal(_ raw: UInt16) -> Celsius {
        Celsius(Double(Int16(bitPattern: raw & 0xFFE0)) / 256)
    }

    /// Internal temperature, whole degrees, signed.
    public func readInternalTemperature() throws(DriverError) -> RegisterSample<Celsius> {
        let raw = try onBus { () throws(BusError) in try read8(Register.internalTemperature) }
        return RegisterSample(Celsius(Double(Int8(bitPattern: raw))), raw: UInt16(raw))
    }

    /// Fan speed from the tach count. 0xFFFF (no edges within the window) and 0 mean stopped.
    public func readFanSpeed() throws(DriverError) -> RegisterSample<RPM> {
        // Low byte first: reading it latches the high byte (datasheet tach reading order).
        let (low, high) = try onBus { () throws(BusError) in
            (try read8(Register.tachLow), try read8(Register.tachHigh))
        }
        let count = UInt16(high) << 8 | UInt16(low)
        return RegisterSample(Self.rpm(fromTachCount: count), raw: count)
    }

    public static func rpm(fromTachCount count: UInt16) -> RPM {
        guard count != 0, count != 0xFFFF else { return .zero }
        return RPM(tachConstant / Double(count))
    }

    /// Fan setting 0…63 for duty 0…1, rounded to the nearest step.
    public static func fanSetting(for duty: DutyCycle) -> UInt8 {
        UInt8((duty.value * Double(maxFanSetting)).rounded())
    }

    public func setFanDuty(_ duty: DutyCycle) throws(DriverError) {
        try onBus { () throws(BusError) in try write8(Register.fanSetting, Self.fanSetting(for: duty)) }
    }

    /// The duty the fan setting register currently holds.
    public func readFanDuty() throws(DriverError) -> DutyCycle {
        let v = try onBus { () throws(BusError) in try read8(Register.fanSetting) }
        return DutyCycle(Double(v & 0x3F) / Double(Self.maxFanSetting))
    }

    private func read8(_ register: UInt8) throws(BusError) -> UInt8 {
        try bus.readRegister8(address: address, register: register)
    }
    private func write8(_ register: UInt8, _ value: UInt8) throws(BusError) {
        try bus.writeRegister8(address: address, register: register, value: value)
    }
}
