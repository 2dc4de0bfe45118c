import HearthCore
import HearthHAL

/// An EMC2101 at register level: the physics sets the temperatures and the
/// fan's real speed; the driver's fan setting comes out as `commandedDuty`.
public final class VirtualEMC2101: VirtualI2CDevice {
    public let address: UInt8
    public var nack = false
    /// Freezes the external temperature result (a stuck diode channel).
    public var stuck = false
    public var externalTemperature = Celsius(25) {
        didSet { if !stuck { external = EMC2101.encodeExternal(externalTemperature) } }
    }
    public var internalTemperature = Celsius(25)
    public var fanRPM = RPM.zero
    private var external = EMC2101.encodeExternal(Celsius(25))
    private var pointer: UInt8 = 0
    private var registers = [UInt8](repeating: 0, count: 256)

    public init(address: UInt8 = 0x4C, productID: UInt8 = 0x16) {
        self.address = address
        registers[Int(EMC2101.Register.fanConfiguration.rawValue)] = 0x20
        registers[Int(EMC2101.Register.productID.rawValue)] = productID
        registers[Int(EMC2101.Register.manufacturerID.rawValue)] = EMC2101.manufacturer
    }

    /// Duty the driver asked for (fan setting register, 0…63).
    public var commandedDuty: DutyCycle {
        DutyCycle(Double(registers[Int(EMC2101.Register.fanSetting.rawValue)] & 0x3F) / EMC2101.maxSetting)
    }

    public func receive(_ bytes: [UInt8]) {
        guard let p = bytes.first else { return }
        pointer = p
        if bytes.count >= 2 { registers[Int(p)] = bytes[1] }
    }

    public func transmit(count: Int) -> [UInt8] {
        (0..<count).map { _ in
            let v = read(pointer)
            pointer &+= 1
            return v
        }
    }

    private func read(_ r: UInt8) -> UInt8 {
        let count: UInt16 = fanRPM.value < 82 ? 0xFFFF : UInt16(min(65534, EMC2101.tachClock / fanRPM.value))
        switch EMC2101.Register(rawValue: r) {
        case .internalTemperature: return UInt8(bitPattern: Int8(internalTemperature.value.rounded().clamped(to: -128...127)))
        case .externalHigh: return UInt8(external >> 8)
        case .externalLow: return UInt8(external & 0xE0)
        case .tachLow: return UInt8(count & 0xFF)
        case .tachHigh: return UInt8(count >> 8)
        default: return registers[Int(r)]
        }
    }
}

extension Double {
    func clamped(to r: ClosedRange<Double>) -> Double { Swift.min(Swift.max(self, r.lowerBound), r.upperBound) }
}
