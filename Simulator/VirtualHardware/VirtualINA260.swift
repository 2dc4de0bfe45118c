import HearthCore
import HearthHAL

/// An INA260 at register level: the physics sets bus voltage and current; the
/// part quantises both and computes power from the quantised values, as the silicon does.
public final class VirtualINA260: VirtualI2CDevice {
    public var busVoltage: Millivolts
    public var current: Amperes
    public var nack = false

    public private(set) var configuration: UInt16 = 0x6127   // datasheet power-up value
    private var maskEnable: UInt16 = 0
    private var alertLimit: UInt16 = 0
    private var pointer: UInt8 = 0

    public init(busVoltage: Millivolts = Millivolts(12_000), current: Amperes = .zero) {
        self.busVoltage = busVoltage
        self.current = current
    }

    var currentCode: Int16 {
        let c = (current / INA260.currentLSB)
        return c.isFinite ? Int16(min(Double(Int16.max), max(Double(Int16.min), c.rounded()))) : 0
    }

    /// Full scale is 36 V but the register is 15 bits of positive range.
    var voltageCode: UInt16 {
        let v = busVoltage / INA260.voltageLSB
        return v.isFinite ? UInt16(min(Double(0x7FFF), max(0, v.rounded()))) : 0
    }

    /// Power = |current| × voltage from the register codes, in 10 mW steps.
    var powerCode: UInt16 {
        let watts = abs(Double(currentCode)) * INA260.currentLSB.value * Double(voltageCode) * INA260.voltageLSB.volts
        return UInt16(min(Double(UInt16.max), (watts / INA260.powerLSB.value).rounded(.down)))
    }

    public func handleWrite(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return }
        pointer = first
        guard bytes.count >= 3 else { return }
        let word = UInt16(bytes[1]) << 8 | UInt16(bytes[2])
        switch pointer {
        case 0x00:
            // RST (bit 15) restores defaults and self-clears.
            configuration = word & 0x8000 != 0 ? 0x6127 : word
        case 0x06: maskEnable = word
        case 0x07: alertLimit = word
        default: break
        }
    }

    public func handleRead(count: Int) -> [UInt8] {
        let word: UInt16
        switch pointer {
        case 0x00: word = configuration
        case 0x01: word = UInt16(bitPattern: currentCode)
        case 0x02: word = voltageCode
        case 0x03: word = powerCode
        case 0x06: word = maskEnable
        case 0x07: word = alertLimit
        case 0xFE: word = INA260.manufacturerID
        case 0xFF: word = INA260.deviceID << 4
        default: word = 0
        }
        return registerBytes(word, count: count)
    }
}
