import HearthCore
import HearthHAL

/// A TMP75 / TMP1075 / LM75 at register level. The physics sets `temperature`;
/// the part quantises it at its configured resolution (TMP75: 9 bits until the
/// driver selects 12). `stuck` freezes the conversion result.
public final class VirtualTMP75: VirtualI2CDevice {
    public let address: UInt8
    public let variant: TMP75.Variant
    public var nack = false
    public var stuck = false
    public var temperature = Celsius(20) {
        didSet { if !stuck { convert() } }
    }
    private var pointer: UInt8 = 0
    private var configuration: UInt8 = 0
    private var result: UInt16 = 0
    private var tLow = TMP75.encode(Celsius(75), bits: 9)
    private var tHigh = TMP75.encode(Celsius(80), bits: 9)

    public init(address: UInt8, variant: TMP75.Variant = .tmp75) {
        self.address = address
        self.variant = variant
        convert()
    }

    private var bits: Int {
        switch variant {
        case .lm75: 9
        case .tmp1075: 12
        case .tmp75: 9 + Int((configuration >> 5) & 0b11)
        }
    }

    private func convert() { result = TMP75.encode(temperature, bits: bits) }

    public func receive(_ bytes: [UInt8]) {
        guard let p = bytes.first else { return }
        pointer = p & 0b11
        let data = bytes.dropFirst()
        switch pointer {
        case 1: if let c = data.first { configuration = c; if !stuck { convert() } }
        case 2: if data.count >= 2 { tLow = UInt16(data[data.startIndex]) << 8 | UInt16(data[data.startIndex + 1]) }
        case 3: if data.count >= 2 { tHigh = UInt16(data[data.startIndex]) << 8 | UInt16(data[data.startIndex + 1]) }
        default: break
        }
    }

    public func transmit(count: Int) -> [UInt8] {
        let word: UInt16
        switch pointer {
        case 0: word = result
        case 1: return Array(repeating: configuration, count: count)
        case 2: word = tLow
        default: word = tHigh
        }
        return (0..<count).map { $0 % 2 == 0 ? UInt8(word >> 8) : UInt8(word & 0xFF) }
    }
}
