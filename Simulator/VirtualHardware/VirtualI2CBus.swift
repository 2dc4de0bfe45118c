import HearthCore
import HearthHAL

/// The simulator's I2C bus: devices attached by 7-bit address. An address with
/// no device (or a device with its `nack` fault set) fails like real hardware.
///
/// A hung bus (`hung`): a wedged slave holds SDA (or stretches SCL) low, so no transfer
/// completes. Linux's adapter drivers wait `adap->timeout` for the transfer's completion
/// and give up with -ETIMEDOUT (i2c-bcm2835 "i2c transfer timed out", i2c-designware
/// "controller timed out"); the timeout is i2c-core's default of HZ (1 s) unless set with
/// the I2C_TIMEOUT ioctl, which `LinuxI2CBus` does (100 ms). The virtual bus fails every
/// transfer the same way, with the text `LinuxI2CBus` would give for ETIMEDOUT, and counts
/// the time each would have blocked (`blockedTime`) so a test can hold a tick to its budget.
public final class VirtualI2CBus: I2CBus {
    public let name: String
    // Indexed by address: a lookup per transfer without hashing (86 400 ticks × ~10 transfers).
    private var devices: [(any VirtualI2CDevice)?] = Array(repeating: nil, count: 128)
    /// Completed transfers, for tests and performance checks.
    public private(set) var transferCount = 0

    /// Fault: no transfer completes (see the type's note).
    public var hung = false
    /// How long the adapter waits for a hung transfer: `LinuxI2CBus`'s I2C_TIMEOUT.
    public var adapterTimeout = Seconds(0.1)
    /// Time transfers would have blocked on real hardware, summed.
    public private(set) var blockedTime = Seconds.zero

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
        try completes(address, "write")
        try responder(address).handleWrite(bytes)
        transferCount += 1
    }

    public func writeRead(address: UInt8, _ bytes: [UInt8], readCount count: Int) throws(BusError) -> [UInt8] {
        try completes(address, "read")
        let device = try responder(address)
        device.handleWrite(bytes)
        transferCount += 1
        return device.handleRead(count: count)
    }

    /// A hung bus: the transfer blocks for the adapter's timeout, then fails as Linux reports ETIMEDOUT.
    private func completes(_ address: UInt8, _ action: String) throws(BusError) {
        guard hung else { return }
        blockedTime = blockedTime + adapterTimeout
        throw BusError(.timeout, bus: name, address: address,
                       detail: "\(action): Connection timed out; fix: check wiring, pull-ups and power")
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
