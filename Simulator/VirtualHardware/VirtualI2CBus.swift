import HearthHAL

/// The simulator's I2C bus: devices attached by 7-bit address. An address with
/// no device (or a device with its `nack` fault set) fails like real hardware.
public final class VirtualI2CBus: I2CBus {
    public let name: String
    // Indexed by address: a lookup per transfer without hashing (86 400 ticks × ~10 transfers).
    private var devices: [(any VirtualI2CDevice)?] = Array(repeating: nil, count: 128)
    /// Completed transfers, for tests and performance checks.
    public private(set) var transferCount = 0

    public init(name: String) { self.name = name }

    /// Attach `device` at `address` (0x00…0x7F), replacing whatever was there.
    public func attach(_ device: any VirtualI2CDevice, at address: UInt8) {
        guard address < 128 else { return }
        devices[Int(address)] = device
    }

    public func detach(address: UInt8) {
        guard address < 128 else { return }
        devices[Int(address)] = nil
    }

    public func device(at address: UInt8) -> (any VirtualI2CDevice)? {
        address < 128 ? devices[Int(address)] : nil
    }

    public func write(address: UInt8, _ bytes: [UInt8]) throws(BusError) {
        try responder(address).handleWrite(bytes)
        transferCount += 1
    }

    public func writeRead(address: UInt8, _ bytes: [UInt8], readCount count: Int) throws(BusError) -> [UInt8] {
        let device = try responder(address)
        device.handleWrite(bytes)
        transferCount += 1
        return device.handleRead(count: count)
    }

    private func responder(_ address: UInt8) throws(BusError) -> any VirtualI2CDevice {
        guard address < 128, let device = devices[Int(address)] else {
            throw BusError(.nack, bus: name, address: address, detail: "no device")
        }
        guard !device.nack else {
            throw BusError(.nack, bus: name, address: address, detail: "injected fault")
        }
        return device
    }
}
