/// A register-level model of one I2C chip on a `VirtualI2CBus`.
///
/// Like the silicon, a device has a register pointer: the first byte of a
/// write sets it, further bytes are written from there; a read returns bytes
/// from the pointer. The bus turns the `nack` fault into `BusError(.nack)`
/// before the device sees the transfer.
public protocol VirtualI2CDevice: AnyObject {
    /// Fault injection: the device stops acknowledging its address.
    var nack: Bool { get set }
    /// Handle a write transfer (pointer byte, then data bytes).
    func handleWrite(_ bytes: [UInt8])
    /// Handle a read of `count` bytes from the current pointer.
    func handleRead(count: Int) -> [UInt8]
}

/// Bytes of a 16-bit big-endian register for a read of `count` bytes: the
/// word, then zeros (reading past a register returns padding, not a crash).
func registerBytes(_ word: UInt16, count: Int) -> [UInt8] {
    switch count {
    case 2: return [UInt8(word >> 8), UInt8(word & 0xFF)]
    case 1: return [UInt8(word >> 8)]
    case ...0: return []
    default: return [UInt8(word >> 8), UInt8(word & 0xFF)] + [UInt8](repeating: 0, count: count - 2)
    }
}
