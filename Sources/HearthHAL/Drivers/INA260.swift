import HearthCore

/// TI INA260 power monitor with integrated shunt: 16-bit big-endian registers.
/// Current 1.25 mA/LSB (signed), bus voltage 1.25 mV/LSB, power 10 mW/LSB.
public final class INA260 {
    public enum Register: UInt8 {
        case configuration = 0x00, current = 0x01, busVoltage = 0x02, power = 0x03
        case manufacturerID = 0xFE, dieID = 0xFF
    }
    public static let manufacturer: UInt16 = 0x5449   // "TI"
    public static let die: UInt16 = 0x2270            // bits 3:0 are the revision

    public let bus: any I2CBus
    public let address: UInt8

    public init(bus: any I2CBus, address: UInt8 = 0x40) {
        self.bus = bus
        self.address = address
    }

    public func identify() throws(BusError) {
        let m = try bus.readRegister16BE(address: address, register: Register.manufacturerID.rawValue)
        let d = try bus.readRegister16BE(address: address, register: Register.dieID.rawValue)
        guard m == Self.manufacturer, d & 0xFFF0 == Self.die else {
            throw BusError(.io, bus: bus.name, address: address,
                           detail: "ids 0x\(hex(UInt8(m >> 8)))\(hex(UInt8(m & 0xFF)))/0x\(hex(UInt8(d >> 8)))\(hex(UInt8(d & 0xFF))), expected 0x5449/0x227x for INA260")
        }
    }

    public func readPower() throws(BusError) -> (power: Watts, raw: UInt16) {
        let raw = try bus.readRegister16BE(address: address, register: Register.power.rawValue)
        return (Watts(Double(raw) * 0.010), raw)
    }

    public func readCurrent() throws(BusError) -> Amperes {
        Amperes(Double(Int16(bitPattern: try bus.readRegister16BE(address: address, register: Register.current.rawValue))) * 0.00125)
    }

    public func readBusVoltage() throws(BusError) -> Millivolts {
        Millivolts(Double(try bus.readRegister16BE(address: address, register: Register.busVoltage.rawValue)) * 1.25)
    }
}
