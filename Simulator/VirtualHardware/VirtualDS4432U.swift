import HearthCore
import HearthHAL

/// A DS4432U at register level: OUT0 (0xF8) and OUT1 (0xF9), zero current at power-up (as the
/// datasheet says), a register pointer set by the first byte of a write; other registers read
/// as 0 and ignore writes.
public final class VirtualDS4432U: VirtualI2CDevice {
    public var nack = false
    public private(set) var out0: UInt8 = 0
    public private(set) var out1: UInt8 = 0
    /// Every value written to an output register, in order (tests look at what reached the chip).
    public private(set) var writes: [(register: UInt8, value: UInt8)] = []
    private var pointer: UInt8 = 0

    public init() {}

    public func handleWrite(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return }
        pointer = first
        guard bytes.count >= 2 else { return }
        switch first {
        case 0xF8: out0 = bytes[1]
        case 0xF9: out1 = bytes[1]
        default: return
        }
        writes.append((first, bytes[1]))
    }

    public func handleRead(count: Int) -> [UInt8] {
        let value: UInt8 = switch pointer {
        case 0xF8: out0
        case 0xF9: out1
        default: 0
        }
        return count <= 0 ? [] : [value] + [UInt8](repeating: 0, count: count - 1)
    }
}
