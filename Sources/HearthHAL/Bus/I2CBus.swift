/// An I²C bus master, the only thing a sensor driver needs (embedded-hal style).
/// Implemented by Linux `/dev/i2c-N`, by the simulator's virtual bus and by test mocks.
public protocol I2CBus: AnyObject {
    /// Human-readable bus name for error messages ("/dev/i2c-1", "sim-i2c").
    var name: String { get }
    /// Write `bytes` to the device at 7-bit `address`.
    func write(address: UInt8, _ bytes: [UInt8]) throws(BusError)
    /// Write `bytes`, then (repeated start) read `count` bytes: the usual register read.
    func writeRead(address: UInt8, _ bytes: [UInt8], readCount count: Int) throws(BusError) -> [UInt8]
}

extension I2CBus {
    /// Read one 8-bit register.
    public func readRegister8(address: UInt8, register: UInt8) throws(BusError) -> UInt8 {
        let r = try writeRead(address: address, [register], readCount: 1)
        guard r.count == 1 else { throw BusError(.io, bus: name, address: address, detail: "short read") }
        return r[0]
    }
    /// Read one 16-bit big-endian register (TMP75, INA260).
    public func readRegister16BE(address: UInt8, register: UInt8) throws(BusError) -> UInt16 {
        let r = try writeRead(address: address, [register], readCount: 2)
        guard r.count == 2 else { throw BusError(.io, bus: name, address: address, detail: "short read") }
        return UInt16(r[0]) << 8 | UInt16(r[1])
    }
    public func writeRegister8(address: UInt8, register: UInt8, value: UInt8) throws(BusError) {
        try write(address: address, [register, value])
    }
    public func writeRegister16BE(address: UInt8, register: UInt8, value: UInt16) throws(BusError) {
        try write(address: address, [register, UInt8(value >> 8), UInt8(value & 0xFF)])
    }
}
