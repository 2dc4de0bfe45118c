import HearthCore
import HearthHAL

/// A TMP75 or LM75 at register level. The physics sets `temperature`; the
/// driver reads the quantised register exactly as it would read the silicon.
public final class VirtualTMP75: VirtualI2CDevice {
    /// Physical input: the die temperature, set by the physics each step.
    public var temperature: Celsius
    public var nack = false
    /// Fault: the temperature register stops updating (keeps the last conversion).
    public var stuck = false {
        didSet { if stuck && !oldValue { frozen = temperatureRegister(for: temperature) } }
    }
    public let variant: TMP75.Variant

    /// Power-up values from the datasheet: 9-bit, T_low 75 °C, T_high 80 °C.
    public private(set) var configuration: UInt8 = 0
    private var tLow: UInt16 = 0x4B00
    private var tHigh: UInt16 = 0x5000
    private var pointer: UInt8 = 0
    private var frozen: UInt16 = 0

    public init(variant: TMP75.Variant = .tmp75, temperature: Celsius = Celsius(20)) {
        self.variant = variant
        self.temperature = temperature
    }

    /// Converter bits currently in effect: R1:R0 select 9…12 on the TMP75; the LM75 is always 9.
    public var resolutionBits: Int {
        switch variant {
        case .lm75: 9
        case .tmp1075: 12
        case .tmp75: 9 + Int((configuration >> 5) & 0b11)
        }
    }

    /// The register value a conversion of `t` produces: nearest code at the
    /// current resolution, left-justified, clamped to the register's range.
    public func temperatureRegister(for t: Celsius) -> UInt16 {
        let shift = 16 - resolutionBits
        let lsb = Double(1 << shift) / 256          // °C per code at this resolution
        let maxCode = Double(Int16.max >> shift)
        let minCode = Double(Int16.min >> shift)
        let code = t.value.isFinite ? min(maxCode, max(minCode, (t.value / lsb).rounded())) : 0
        return UInt16(bitPattern: Int16(code) << shift)
    }

    public func handleWrite(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return }
        pointer = first & 0x03
        let data = bytes.count - 1
        switch pointer {
        case 0x01 where data >= 1:
            // LM75 has no resolution bits: they read back as zero.
            configuration = variant == .lm75 ? bytes[1] & 0x1F : bytes[1]
        case 0x02 where data >= 2:
            tLow = (UInt16(bytes[1]) << 8 | UInt16(bytes[2])) & variant.limitMask
        case 0x03 where data >= 2:
            tHigh = (UInt16(bytes[1]) << 8 | UInt16(bytes[2])) & variant.limitMask
        default:
            break   // pointer-only write, or a write to the read-only temperature register
        }
    }

    public func handleRead(count: Int) -> [UInt8] {
        let word: UInt16
        switch pointer {
        case 0x00: word = stuck ? frozen : temperatureRegister(for: temperature)
        case 0x01: return Array(repeating: configuration, count: max(0, count))   // 8-bit register repeats
        case 0x02: word = tLow
        default: word = tHigh
        }
        return registerBytes(word, count: count)
    }
}

extension TMP75.Variant {
    /// Limit registers are 9-bit on both parts (0.5 °C).
    var limitMask: UInt16 { 0xFF80 }
}
