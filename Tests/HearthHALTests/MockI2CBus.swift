import HearthHAL

/// A register-map I2C mock: each (address, register) holds the bytes a read
/// returns; a write of [register, data…] stores data there. Addresses in
/// `nacking` fail every transfer like an absent device.
final class MockI2CBus: I2CBus {
    let name: String
    var registers: [UInt8: [UInt8: [UInt8]]] = [:]
    var nacking: Set<UInt8> = []
    private(set) var writes: [(address: UInt8, bytes: [UInt8])] = []

    init(name: String = "mock-i2c") { self.name = name }

    func set(_ address: UInt8, _ register: UInt8, _ bytes: [UInt8]) {
        registers[address, default: [:]][register] = bytes
    }
    func set16(_ address: UInt8, _ register: UInt8, _ value: UInt16) {
        set(address, register, [UInt8(value >> 8), UInt8(value & 0xFF)])
    }
    func byte(_ address: UInt8, _ register: UInt8) -> UInt8? { registers[address]?[register]?.first }

    func write(address: UInt8, _ bytes: [UInt8]) throws(BusError) {
        try check(address)
        writes.append((address, bytes))
        guard let register = bytes.first else { return }
        if bytes.count > 1 { set(address, register, Array(bytes.dropFirst())) }
    }

    func writeRead(address: UInt8, _ bytes: [UInt8], readCount count: Int) throws(BusError) -> [UInt8] {
        try check(address)
        guard let register = bytes.first, let stored = registers[address]?[register] else {
            throw BusError(.io, bus: name, address: address, detail: "mock: register not set")
        }
        return Array(stored.prefix(count))
    }

    private func check(_ address: UInt8) throws(BusError) {
        if nacking.contains(address) { throw BusError(.nack, bus: name, address: address) }
    }
}
