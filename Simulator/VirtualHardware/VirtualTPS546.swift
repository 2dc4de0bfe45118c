import HearthCore
import HearthHAL

/// A TPS546D24A at PMBus level: VOUT_MODE 0x17 (2⁻⁹ V), VOUT_COMMAND clamped to VOUT_MAX as
/// the silicon does (setting the VOUT bit of STATUS_WORD), OPERATION and ON_OFF_CONFIG deciding
/// whether the output is on, and READ_VOUT, READ_IOUT, READ_TEMPERATURE_1 and READ_VIN from what
/// the physics sets (`load`, `temperature`, `inputVoltage`). Words are little-endian.
///
/// ON_OFF_CONFIG starts at the NVM value given (default 0x16, the TPS546C23's documented
/// default, SLUSCC7C: CONTROL pin only, OPERATION ignored), so a host that never hands on/off
/// to OPERATION never gets an output, and with the CONTROL pin low it powers up off.
public final class VirtualTPS546: VirtualI2CDevice {
    public var nack = false
    public var load: Amperes = .zero
    public var temperature = Celsius(40)
    public var inputVoltage = Millivolts(5000)
    /// The CONTROL pin's level (boards that switch the output over PMBus leave it low or ignore it).
    public var controlPin = false
    /// Fault: the power stage does not regulate (no PVIN, a shorted output): OPERATION reads
    /// back on, READ_VOUT stays at 0 and STATUS_WORD shows power not good.
    public var outputFails = false
    /// Soft start as the host sees it: this many READ_VOUT reads after the output turns on still read 0 V.
    public var riseReads = 0
    public static let voutMode: UInt8 = 0x17
    public private(set) var voutCommand: UInt16
    public private(set) var voutMax: UInt16 = 0x0400   // 2.0 V
    public private(set) var operation: UInt8 = 0x00
    public private(set) var onOffConfig: UInt8
    public private(set) var status: UInt16 = 0
    private var pointer: UInt8 = 0
    private var readsSinceOn = 0

    public init(initial: Millivolts = Millivolts(1200), onOffConfig: UInt8 = 0x16) {
        voutCommand = UInt16((initial.value / 1000 * 512).rounded())
        self.onOffConfig = onOffConfig
    }

    /// Power conversion enabled, by ON_OFF_CONFIG's rules: PU clear starts whenever input power
    /// is present; otherwise OPERATION's ON bit (if CMD) and the CONTROL pin (if CP) must both agree.
    public var on: Bool {
        guard onOffConfig & 0x10 != 0 else { return true }
        let command = onOffConfig & 0x08 == 0 || operation & 0x80 != 0
        let pin = onOffConfig & 0x04 == 0 || controlPin
        return command && pin
    }

    /// The voltage at the output now (0 when off or failed).
    public var output: Millivolts { on && !outputFails ? Millivolts(Double(voutCommand) / 512 * 1000) : .zero }

    public func handleWrite(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return }
        pointer = first
        let word: UInt16? = bytes.count >= 3 ? UInt16(bytes[1]) | UInt16(bytes[2]) << 8 : nil
        switch (pointer, bytes.count) {
        case (TPS546.Command.operation, 2...): switchOutput { operation = bytes[1] }
        case (TPS546.Command.onOffConfig, 2...): switchOutput { onOffConfig = bytes[1] & 0x1F }
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

    /// Restarts the soft start when a write turns the output on.
    private func switchOutput(_ change: () -> Void) {
        let wasOn = on
        change()
        if on && !wasOn { readsSinceOn = 0 }
    }

    public func handleRead(count: Int) -> [UInt8] {
        let word: UInt16
        switch pointer {
        case TPS546.Command.voutMode: return [Self.voutMode] + [UInt8](repeating: 0, count: max(0, count - 1))
        case TPS546.Command.operation: return [operation] + [UInt8](repeating: 0, count: max(0, count - 1))
        case TPS546.Command.onOffConfig: return [onOffConfig] + [UInt8](repeating: 0, count: max(0, count - 1))
        case TPS546.Command.voutCommand: word = voutCommand
        case TPS546.Command.voutMax: word = voutMax
        case TPS546.Command.statusWord:
            // OFF (bit 6) while not converting; POWER_GOOD# (bit 11) while the output is not up.
            word = status | (on ? 0 : 0x0040) | (output == .zero ? 0x0800 : 0)
        case TPS546.Command.readVout:
            readsSinceOn += 1
            word = output != .zero && readsSinceOn > riseReads ? voutCommand : 0
        case TPS546.Command.readIout: word = TPS546.linear11(encoding: output != .zero ? load.value : 0)
        case TPS546.Command.readTemperature1: word = TPS546.linear11(encoding: temperature.value)
        case TPS546.Command.readVin: word = TPS546.linear11(encoding: inputVoltage.value / 1000)
        default: word = 0
        }
        return Array([UInt8(word & 0xFF), UInt8(word >> 8)].prefix(count)) + [UInt8](repeating: 0, count: max(0, count - 2))
    }
}
