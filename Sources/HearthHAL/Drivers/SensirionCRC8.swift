/// The CRC-8 that Sensirion humidity sensors (SHT3x, SHT4x) append to every 16-bit word
/// they send and expect after every word written to them.
///
/// Datasheets: polynomial 0x31 (x⁸ + x⁵ + x⁴ + 1), initial value 0xFF, no reflection,
/// no final XOR, computed over the two bytes of the word; 0xBEEF → 0x92.
public enum SensirionCRC8 {
    public static let polynomial: UInt8 = 0x31
    public static let initialValue: UInt8 = 0xFF

    public static func checksum(_ bytes: some Sequence<UInt8>) -> UInt8 {
        var crc = initialValue
        for byte in bytes {
            crc ^= byte
            for _ in 0..<8 {
                crc = crc & 0x80 != 0 ? (crc << 1) ^ polynomial : crc << 1
            }
        }
        return crc
    }

    /// A word as the sensor sends it: MSB, LSB, CRC.
    public static func frame(_ word: UInt16) -> [UInt8] {
        let bytes = [UInt8(word >> 8), UInt8(word & 0xFF)]
        return bytes + [checksum(bytes)]
    }

    /// The words of a reply made of (MSB, LSB, CRC) groups, each CRC checked. `names`
    /// says what each word is, so an error tells which one was damaged.
    static func words(_ bytes: [UInt8], names: [String], part: String, bus: String,
                      address: UInt8) throws(DriverError) -> [UInt16] {
        guard bytes.count == names.count * 3 else {
            throw .bus(BusError(.io, bus: bus, address: address,
                                detail: "short read: \(bytes.count) of \(names.count * 3) bytes from the \(part)"))
        }
        var words: [UInt16] = []
        for (i, name) in names.enumerated() {
            let msb = bytes[i * 3], lsb = bytes[i * 3 + 1], received = bytes[i * 3 + 2]
            let computed = checksum([msb, lsb])
            guard computed == received else {
                throw .checksumMismatch(part: part, bus: bus, address: address,
                                        detail: "\(name) word 0x\(hex(msb))\(hex(lsb)) came with CRC 0x\(hex(received)), "
                                            + "expected 0x\(hex(computed)) (noise on the bus, or not an \(part))")
            }
            words.append(UInt16(msb) << 8 | UInt16(lsb))
        }
        return words
    }
}
