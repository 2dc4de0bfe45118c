import HearthCore

/// TI INA260 current/voltage/power monitor with integrated 2 mΩ shunt.
/// Registers are 16-bit big-endian.
public struct INA260 {
    public enum Register {
        public static let configuration: UInt8 = 0x00
        public static let current: UInt8 = 0x01
        public static let busVoltage: UInt8 = 0x02
        public static let power: UInt8 = 0x03
        public static let manufacturerID: UInt8 = 0xFE
        public static let dieID: UInt8 = 0xFF
    }

    public static let manufacturerID: UInt16 = 0x5449   // "TI"
    /// Die ID register: bits 15:4 device id 0x227, bits 3:0 revision.
    public static let deviceID: UInt16 = 0x227
    public static let currentLSB = Amperes(0.00125)
    public static let voltageLSB = Millivolts(1.25)
    public static let powerLSB = Watts(0.010)
    /// Continuous current + voltage, 1.1 ms conversions, 16-sample averaging:
    /// the 1 Hz control tick wants a steady reading, not a 1 ms snapshot.
    public static let averagingConfiguration: UInt16 = 0x6527

    public let bus: any I2CBus
    public let address: UInt8

    public init(bus: any I2CBus, address: UInt8 = 0x40) {
        self.bus = bus
        self.address = address
    }

    public func identify() throws(DriverError) {
        let (maker, die) = try onBus { () throws(BusError) in
            (try read16(Register.manufacturerID), try read16(Register.dieID))
        }
        guard maker == Self.manufacturerID else {
            throw .wrongIdentity(part: "INA260", bus: bus.name, address: address, register: Register.manufacturerID,
                                 expected: "0x5449", found: hex16(maker))
        }
        guard die >> 4 == Self.deviceID else {
            throw .wrongIdentity(part: "INA260", bus: bus.name, address: address, register: Register.dieID,
                                 expected: "0x227x", found: hex16(die))
        }
    }

    public func configure() throws(DriverError) {
        try onBus { () throws(BusError) in
            try bus.writeRegister16BE(address: address, register: Register.configuration, value: Self.averagingConfiguration)
        }
    }

    /// Signed current through the shunt, 1.25 mA/LSB.
    public func readCurrent() throws(DriverError) -> RegisterSample<Amperes> {
        let raw = try onBus { () throws(BusError) in try read16(Register.current) }
        return RegisterSample(Self.currentLSB * Double(Int16(bitPattern: raw)), raw: raw)
    }

    /// Bus voltage, 1.25 mV/LSB (unsigned, 0…36 V).
    public func readBusVoltage() throws(DriverError) -> RegisterSample<Millivolts> {
        let raw = try onBus { () throws(BusError) in try read16(Register.busVoltage) }
        return RegisterSample(Self.voltageLSB * Double(raw), raw: raw)
    }

    /// Power computed by the part from current and voltage, 10 mW/LSB (unsigned).
    public func readPower() throws(DriverError) -> RegisterSample<Watts> {
        let raw = try onBus { () throws(BusError) in try read16(Register.power) }
        return RegisterSample(Self.powerLSB * Double(raw), raw: raw)
    }

    private func read16(_ register: UInt8) throws(BusError) -> UInt16 {
        try bus.readRegister16BE(address: address, register: register)
    }
}
