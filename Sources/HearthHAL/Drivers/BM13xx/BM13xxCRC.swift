/// The two checksums of the BM13xx UART protocol (ESP-Miner components/asic/crc.c):
/// CRC5 (x⁵+x²+1, init 0x1F, MSB first) on command frames and chip replies, and
/// CRC16-CCITT-FALSE (0x1021, init 0xFFFF) on job frames.
public enum BM13xxCRC {
    /// CRC5 over whole bytes.
    public static func crc5<C: Collection>(_ bytes: C) -> UInt8 where C.Element == UInt8 {
        var crc: UInt8 = 0x1F
        for byte in bytes { crc = crc5(crc, byte: byte, bits: 8) }
        return crc
    }

    /// Feeds the top `bits` bits of `byte`, MSB first. A reply's CRC covers its eight
    /// data bytes and the three flag bits above the 5-bit CRC in the last byte.
    public static func crc5(_ start: UInt8, byte: UInt8, bits: Int) -> UInt8 {
        var crc = start
        var b = byte
        for _ in 0..<bits {
            let feedback = ((crc >> 4) ^ (b >> 7)) & 1
            crc = ((crc << 1) | feedback) ^ (feedback << 2)
            crc &= 0x1F
            b <<= 1
        }
        return crc
    }

    /// CRC16-CCITT-FALSE, bitwise (job frames are 86 bytes: no table needed at 1 Mbaud).
    public static func crc16False<C: Collection>(_ bytes: C) -> UInt16 where C.Element == UInt8 {
        var crc: UInt16 = 0xFFFF
        for byte in bytes {
            crc ^= UInt16(byte) << 8
            for _ in 0..<8 {
                crc = crc & 0x8000 != 0 ? (crc << 1) ^ 0x1021 : crc << 1
            }
        }
        return crc
    }
}
