import HearthCore
import HearthHAL

/// A TPS546D24A at PMBus level: VOUT_MODE 0x17 (2⁻⁹ V), VOUT_COMMAND clamped to VOUT_MAX as
/// the silicon does (setting the VOUT bit of STATUS_WORD), OPERATION on/off, and READ_VOUT,
/// READ_IOUT, READ_TEMPERATURE_1 and READ_VIN from what the physics sets (`load`, `temperature`,
/// `inputVoltage`). Words are little-endian.
public final class VirtualTPS546: VirtualI2CDevice {
    public var nack = false
    public var load: Amperes = .zero
    public var temperature = Celsius(40)
    public var inputVoltage = Millivolts(5000)
    public static let voutMode: UInt8 = 0x17
    public private(set) var voutCommand: UInt16
    public private(set) var voutMax: UInt16 = 0x0400   // 2.0 V
    public private(set) var on = false
    public private(set) var status: UInt16 = 0
    private var pointer: UInt8 = 0

    public init(initial: Millivolts = Millivolts(1200)) {
        voutCommand = UInt16((initial.value / 1000 * 512).rounded())
    }

    /// The voltage at the output now (0 when off).
    public var output: Millivolts { on ? Millivolts(Double(voutCommand) / 512 * 1000) : .zero }

    public func handleWrite(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return }
        pointer = first
        let word: UInt16? = bytes.count >= 3 ? UInt16(bytes[1]) | UInt16(bytes[2]) << 8 : nil
        switch (pointer, bytes.count) {
        case (TPS546.Command.operation, 2...): on = bytes[1] & 0x80 != 0
        case (TPS546.Command.voutCommand, 3...):
            if let word, word > voutMax {
                voutCommand = voutMax
                status |= 0x8000  // VOUT fault/warning
            } else if let word {
                voutCommand = word
            }
        case (TPS546.Command.voutMax, 3...):
            if let word { voutMax = word; voutCommand = min(voutCommand, word) }
        default: break
        }
    }

    public func handleRead(count: Int) -> [UInt8] {
        let word: UInt16
        switch pointer {
        case TPS546.Command.voutMode: return [Self.voutMode] + [UInt8](repeating: 0, count: max(0, count - 1))
        case TPS546.Command.operation: return [on ? 0x80 : 0x00] + [UInt8](repeating: 0, count: max(0, count - 1))
        case TPS546.Command.voutCommand: word = voutCommand
        case TPS546.Command.voutMax: word = voutMax
        case TPS546.Command.statusWord: word = status
        case TPS546.Command.readVout: word = on ? voutCommand : 0
        case TPS546.Command.readIout: word = TPS546.linear11(encoding: on ? load.value : 0)
        case TPS546.Command.readTemperature1: word = TPS546.linear11(encoding: temperature.value)
        case TPS546.Command.readVin: word = TPS546.linear11(encoding: inputVoltage.value / 1000)
        default: word = 0
        }
        return Array([UInt8(word & 0xFF), UInt8(word >> 8)].prefix(count)) + [UInt8](repeating: 0, count: max(0, count - 2))
    }
}
