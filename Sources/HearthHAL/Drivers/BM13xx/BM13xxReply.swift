/// Chip → host replies: 11 bytes `AA 55 | 8 bytes | flags+CRC5`.
///
/// Bit 7 of the last byte marks a job (nonce) reply; the low 5 bits are a CRC5 over
/// bytes 2…9 and the three flag bits (so CRC5 over bytes 2…10 is zero when intact).
/// Register replies: value (4, BE), chip address, register. Nonce replies: nonce (4,
/// as the header holds it, little-endian), midstate number, job id byte, version
/// bits (2, BE: rolled bits >> 13).
public enum BM13xxReply: Sendable, Hashable {
    case register(value: UInt32, chipAddress: UInt8, register: UInt8)
    case nonce(BM13xxNonceReply)

    public static let size = 11
    public static let preamble: [UInt8] = [0xAA, 0x55]

    /// Decodes one complete reply; `nil` when the preamble or the CRC is wrong.
    public static func decode(_ b: ArraySlice<UInt8>) -> BM13xxReply? {
        guard b.count == size else { return nil }
        let s = b.startIndex
        guard b[s] == 0xAA, b[s + 1] == 0x55, BM13xxCRC.crc5(b[(s + 2)...]) == 0 else { return nil }
        let word = UInt32(b[s + 2]) << 24 | UInt32(b[s + 3]) << 16 | UInt32(b[s + 4]) << 8 | UInt32(b[s + 5])
        if b[s + 10] & 0x80 == 0 {
            return .register(value: word, chipAddress: b[s + 6], register: b[s + 7])
        }
        let nonce = UInt32(b[s + 2]) | UInt32(b[s + 3]) << 8 | UInt32(b[s + 4]) << 16 | UInt32(b[s + 5]) << 24
        return .nonce(BM13xxNonceReply(nonce: nonce, midstate: b[s + 6], jobByte: b[s + 7],
                                       versionBits: UInt16(b[s + 8]) << 8 | UInt16(b[s + 9])))
    }

    /// The 11 bytes a chip sends for this reply (the virtual chip and tests use it).
    public func encoded() -> [UInt8] {
        var out = Self.preamble
        let flags: UInt8
        switch self {
        case let .register(value, chip, reg):
            out += BM13xxFrame.bigEndian(value) + [chip, reg, 0, 0]
            flags = 0
        case .nonce(let n):
            out += [UInt8(n.nonce & 0xFF), UInt8((n.nonce >> 8) & 0xFF), UInt8((n.nonce >> 16) & 0xFF), UInt8(n.nonce >> 24),
                    n.midstate, n.jobByte, UInt8(n.versionBits >> 8), UInt8(n.versionBits & 0xFF)]
            flags = 0x80
        }
        let crc = BM13xxCRC.crc5(BM13xxCRC.crc5(out[2...]), byte: flags, bits: 3)
        out.append(flags | crc)
        return out
    }
}

/// A nonce as the chip reports it, before it is mapped back to a job.
public struct BM13xxNonceReply: Sendable, Hashable {
    /// The nonce as hashed (header byte order).
    public var nonce: UInt32
    public var midstate: UInt8
    /// Job id in the high bits, small core in the low bits (layout per chip).
    public var jobByte: UInt8
    /// Rolled version bits, shifted down by 13.
    public var versionBits: UInt16

    public init(nonce: UInt32, midstate: UInt8, jobByte: UInt8, versionBits: UInt16) {
        self.nonce = nonce
        self.midstate = midstate
        self.jobByte = jobByte
        self.versionBits = versionBits
    }

    /// Chip address from the nonce's high bits (bits 17…24 of the big-endian reading).
    public var chipAddress: UInt8 { UInt8(truncatingIfNeeded: nonce.byteSwapped >> 17) }
    /// Core from the top 7 bits of the big-endian reading.
    public var core: UInt8 { UInt8(truncatingIfNeeded: nonce.byteSwapped >> 25) & 0x7F }
    /// The version the chip hashed: the job's version with the rolled bits set.
    public func version(base: UInt32, mask: UInt32) -> UInt32 {
        guard mask != 0 else { return base }
        return (base & ~mask) | ((UInt32(versionBits) << 13) & mask)
    }
}
