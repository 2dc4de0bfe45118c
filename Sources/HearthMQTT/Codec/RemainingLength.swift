/// The fixed header's Remaining Length (§2.2.3): 7 bits a byte, least significant first,
/// the high bit saying "more follows", at most 4 bytes (268 435 455).
public enum RemainingLength {
    public static let maximum = 268_435_455

    /// The encoded bytes; nil for a negative value or one over `maximum`.
    public static func encode(_ value: Int) -> [UInt8]? {
        guard value >= 0, value <= maximum else { return nil }
        var bytes: [UInt8] = []
        var rest = value
        repeat {
            var byte = UInt8(rest % 128)
            rest /= 128
            if rest > 0 { byte |= 0x80 }
            bytes.append(byte)
        } while rest > 0
        return bytes
    }

    public enum Decoded: Sendable, Hashable {
        /// The value and how many bytes it took.
        case value(Int, byteCount: Int)
        case needMoreBytes
    }

    /// Decodes from `bytes` (which start right after the packet's first byte). A 5th length
    /// byte is an error at its offset in the packet (`firstByteOffset` + index).
    public static func decode(_ bytes: some Collection<UInt8>, packet: String = "packet",
                              firstByteOffset: Int = 1) throws(MQTTCodecError) -> Decoded
    {
        var value = 0
        var multiplier = 1
        var count = 0
        for byte in bytes {
            value += Int(byte & 0x7F) * multiplier
            multiplier *= 128
            count += 1
            if byte & 0x80 == 0 { return .value(value, byteCount: count) }
            // The 4th byte says "more follows": whatever comes next would be a 5th.
            if count == 4 {
                throw MQTTCodecError(packet: packet, field: "remaining length", offset: firstByteOffset + count,
                                     problem: "a 5th length byte (at most 4 are allowed)")
            }
        }
        return .needMoreBytes
    }
}
