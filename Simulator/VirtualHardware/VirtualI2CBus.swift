import HearthHAL

/// A device on the virtual bus, modelled at register level like the silicon:
/// a write sets the register pointer (and writes data after it), a read
/// returns bytes from the pointer.
public protocol VirtualI2CDevice: AnyObject {
    var address: UInt8 { get }
    /// Fault injection: the device stops acknowledging.
    var nack: Bool { get set }
    func receive(_ bytes: [UInt8])
    func transmit(count: Int) -> [UInt8]
}

/// The simulator's I2C bus: production drivers talk to virtual chips through it unchanged.
public final class VirtualI2CBus: I2CBus {
    public let name: String
    private var devices: [UInt8: any VirtualI2CDevice] = [:]
    /// Transfers so far (benchmarks report register traffic).
    public private(set) var transfers = 0

    public init(name: String) { self.name = name }

    public func attach(_ device: any VirtualI2CDevice) { devices[device.address] = device }

    private func device(_ address: UInt8) throws(BusError) -> any VirtualI2CDevice {
        transfers += 1
        guard let d = devices[address], !d.nack else {
            throw BusError(.nack, bus: name, address: address, detail: "no acknowledge")
        }
        return d
    }

    public func write(address: UInt8, _ bytes: [UInt8]) throws(BusError) {
        try device(address).receive(bytes)
    }

    public func writeRead(address: UInt8, _ bytes: [UInt8], readCount count: Int) throws(BusError) -> [UInt8] {
        let d = try device(address)
        d.receive(bytes)
        return d.transmit(count: count)
    }
}
