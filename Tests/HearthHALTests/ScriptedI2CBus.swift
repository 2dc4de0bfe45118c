import HearthHAL

/// An I2C bus that records every transfer and answers reads from a queue of replies:
/// for command-style parts (Sensirion sensors) whose replies depend on the last command,
/// not on a register pointer.
final class ScriptedI2CBus: I2CBus {
    let name: String
    private(set) var writes: [[UInt8]] = []
    var replies: [[UInt8]] = []
    var nacking = false

    init(name: String = "script-i2c") { self.name = name }

    func write(address: UInt8, _ bytes: [UInt8]) throws(BusError) {
        if nacking { throw BusError(.nack, bus: name, address: address) }
        writes.append(bytes)
    }

    func writeRead(address: UInt8, _ bytes: [UInt8], readCount count: Int) throws(BusError) -> [UInt8] {
        if nacking { throw BusError(.nack, bus: name, address: address) }
        if !bytes.isEmpty { writes.append(bytes) }
        guard !replies.isEmpty else { throw BusError(.io, bus: name, address: address, detail: "script: no reply queued") }
        return Array(replies.removeFirst().prefix(count))
    }
}
