import HearthCore
import HearthHAL

/// An INA260 at register level: the physics sets bus voltage and current; the
/// part computes power as it does (current × voltage, 10 mW steps).
public final class VirtualINA260: VirtualI2CDevice {
    public let address: UInt8
    public var nack = false
    public var stuck = false
    public var busVoltage = Millivolts(12_000)
    public var current = Amperes(0)
    private var pointer: UInt8 = 0
    private var configuration: UInt16 = 0x6127

    public init(address: UInt8 = 0x40) { self.address = address }

    private var frozen: (UInt16, UInt16, UInt16)?

    private func registers() -> (current: UInt16, voltage: UInt16, power: UInt16) {
        if let f = frozen { return f }
        let i = (current.value / 0.00125).rounded().clamped(to: -32768...32767)
        let v = (busVoltage.value / 1.25).rounded().clamped(to: 0...65535)
        let p = (abs(current.value) * busVoltage.volts / 0.010).rounded().clamped(to: 0...65535)
        let r = (UInt16(bitPattern: Int16(i)), UInt16(v), UInt16(p))
        if stuck { frozen = r }
        return r
    }

    public func receive(_ bytes: [UInt8]) {
        guard let p = bytes.first else { return }
        pointer = p
        if p == 0, bytes.count >= 3 { configuration = UInt16(bytes[1]) << 8 | UInt16(bytes[2]) }
    }

    public func transmit(count: Int) -> [UInt8] {
        let r = registers()
        let word: UInt16
        switch pointer {
        case 0x00: word = configuration
        case 0x01: word = r.current
        case 0x02: word = r.voltage
        case 0x03: word = r.power
        case 0xFE: word = INA260.manufacturer
        case 0xFF: word = INA260.die
        default: word = 0
        }
        return (0..<count).map { $0 % 2 == 0 ? UInt8(word >> 8) : UInt8(word & 0xFF) }
    }
}
