import HearthCore
import HearthHAL

/// An EMC2101 at register level: temperatures and fan speed come from the
/// physics; the fan duty the driver writes comes out as `commandedDuty`.
public final class VirtualEMC2101: VirtualI2CDevice {
    /// Physical inputs, set by the physics each step.
    public var externalTemperature: Celsius
    public var internalTemperature: Celsius
    public var fanRPM: RPM
    public var nack = false
    /// Fault: the external-diode reading freezes at its last conversion.
    public var stuck = false {
        didSet { if stuck && !oldValue { frozenExternal = externalCode(externalTemperature) } }
    }
    /// Fault: open diode; the part reports its fault code instead of a temperature.
    public var diodeOpen = false
    public let productID: UInt8

    private var registers = [UInt8](repeating: 0, count: 256)
    private var pointer: UInt8 = 0
    private var frozenExternal: UInt16 = 0

    public init(productID: UInt8 = 0x16, externalTemperature: Celsius = Celsius(25),
                internalTemperature: Celsius = Celsius(25), fanRPM: RPM = .zero) {
        self.productID = productID
        self.externalTemperature = externalTemperature
        self.internalTemperature = internalTemperature
        self.fanRPM = fanRPM
        // Power-up: the fan setting register holds full speed, so an unconfigured
        // part runs the fan flat out (fail-safe), and the LUT owns the output.
        registers[Int(EMC2101.Register.fanSetting)] = EMC2101.maxFanSetting
    }

    /// Duty the part drives its PWM output with (from the fan setting register).
    public var commandedDuty: DutyCycle {
        DutyCycle(Double(registers[Int(EMC2101.Register.fanSetting)] & 0x3F) / Double(EMC2101.maxFanSetting))
    }

    public var configuration: UInt8 { registers[Int(EMC2101.Register.configuration)] }
    public var fanConfiguration: UInt8 { registers[Int(EMC2101.Register.fanConfiguration)] }

    /// 11-bit two's complement, 0.125 °C, in the top bits of a 16-bit word; range −64…127.875.
    func externalCode(_ t: Celsius) -> UInt16 {
        let eighths = t.value.isFinite ? min(1023, max(-512, (t.value * 8).rounded())) : 0
        return UInt16(bitPattern: Int16(eighths) << 5)
    }

    /// Tach count as the part latches it: 0xFFFF when the tach input is off or
    /// the fan is too slow to give edges in the counting window.
    var tachCount: UInt16 {
        guard configuration & EMC2101.altTach != 0, fanRPM.value >= 83 else { return 0xFFFF }
        return UInt16(min(0xFFFE, (EMC2101.tachConstant / fanRPM.value).rounded()))
    }

    public func handleWrite(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return }
        pointer = first
        guard bytes.count > 1 else { return }
        let value = bytes[1]
        switch pointer {
        case EMC2101.Register.fanSetting:
            // Only writable while the look-up table is disabled (datasheet: otherwise the LUT drives it).
            if fanConfiguration & EMC2101.lutDisable != 0 { registers[Int(pointer)] = value & 0x3F }
        case EMC2101.Register.configuration, EMC2101.Register.fanConfiguration:
            registers[Int(pointer)] = value
        default:
            // Read-only measurement/ID registers ignore writes; other R/W registers just store.
            if !Self.readOnly.contains(pointer) { registers[Int(pointer)] = value }
        }
    }

    static let readOnly: Set<UInt8> = [0x00, 0x01, 0x02, 0x10, 0x46, 0x47, 0xFD, 0xFE, 0xFF]

    public func handleRead(count: Int) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(max(0, count))
        for _ in 0..<max(0, count) {
            out.append(byte(at: pointer))
            pointer &+= 1   // reads auto-increment like most SMBus register files
        }
        return out
    }

    private func byte(at register: UInt8) -> UInt8 {
        switch register {
        case EMC2101.Register.internalTemperature:
            let t = internalTemperature.value.isFinite ? min(127, max(-128, internalTemperature.value.rounded())) : 0
            return UInt8(bitPattern: Int8(t))
        case EMC2101.Register.externalHigh: return UInt8(currentExternal >> 8)
        case EMC2101.Register.externalLow: return UInt8(currentExternal & 0xE0)
        case EMC2101.Register.tachLow: return UInt8(tachCount & 0xFF)
        case EMC2101.Register.tachHigh: return UInt8(tachCount >> 8)
        case EMC2101.Register.productID: return productID
        case EMC2101.Register.manufacturerID: return EMC2101.manufacturerID
        case 0xFF: return 0x01   // revision
        default: return registers[Int(register)]
        }
    }

    private var currentExternal: UInt16 {
        if diodeOpen { return 0x7F00 }
        return stuck ? frozenExternal : externalCode(externalTemperature)
    }
}
