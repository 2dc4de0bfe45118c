import HearthWork

/// The 82-byte job a BM1366/68/70 takes (ESP-Miner `BM1366_job`): job id, midstate
/// count, starting nonce, nbits, ntime, merkle root, previous hash, version. Integers
/// little-endian as in the header; the two hashes are the header's 32 bytes with
/// their eight 4-byte words in reverse order.
public enum BM13xxJob {
    public static let size = 82

    /// Job bytes for `header` (80 bytes as hashed). The caller checked the length.
    public static func encode(jobID: UInt8, header: [UInt8]) -> [UInt8] {
        precondition(header.count == BlockHeader.size)
        var out = [UInt8]()
        out.reserveCapacity(size)
        out.append(jobID)
        out.append(1)                        // one midstate: the chip rolls versions itself
        out += [0, 0, 0, 0]                  // starting nonce
        out += header[72..<76]               // nbits
        out += header[68..<72]               // ntime
        out += reversedWords(header[36..<68])  // merkle root
        out += reversedWords(header[4..<36])   // previous hash
        out += header[0..<4]                 // version
        return out
    }

    /// The header a job describes (nonce 0), or nil for a wrong length: the inverse of `encode`.
    public static func header(fromJob job: ArraySlice<UInt8>) -> (jobID: UInt8, header: [UInt8])? {
        guard job.count == size else { return nil }
        let s = job.startIndex
        var h = [UInt8]()
        h.reserveCapacity(BlockHeader.size)
        h += job[(s + 78)..<(s + 82)]
        h += reversedWords(job[(s + 46)..<(s + 78)])
        h += reversedWords(job[(s + 14)..<(s + 46)])
        h += job[(s + 10)..<(s + 14)]
        h += job[(s + 6)..<(s + 10)]
        h += [0, 0, 0, 0]
        return (job[s], h)
    }

    static func reversedWords(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(32)
        var end = bytes.endIndex
        while end - 4 >= bytes.startIndex {
            out += bytes[(end - 4)..<end]
            end -= 4
        }
        return out
    }
}

/// Registers the driver programs besides the PLL.
public enum BM13xxRegister {
    public static let chipID: UInt8 = 0x00
    public static let hashCounting: UInt8 = 0x10
    public static let ticketMask: UInt8 = 0x14
    public static let miscControl: UInt8 = 0x18
    public static let fastUART: UInt8 = 0x28
    public static let versionMask: UInt8 = 0xA4
    public static let errorCount: UInt8 = 0x4C

    /// Register 0x28 value that switches the chain's UART to 1 Mbaud (ESP-Miner BM1366_set_max_baud).
    public static let fastUARTValue: UInt32 = 0x1130_0200
    public static let fastBaud = 1_000_000
    public static let defaultBaud = 115_200

    /// The ticket difficulty for a share difficulty: the largest power of two not above
    /// it, at least 1 and at most 256 (replies then come often enough to see the chip
    /// work; the driver checks each against the share target itself).
    public static func ticketDifficulty(forShareDifficulty d: Double) -> UInt32 {
        guard d.isFinite, d >= 2 else { return 1 }
        var p: UInt32 = 1
        while p * 2 <= UInt32(min(d, 256)) { p *= 2 }
        return p
    }

    /// Register 0x14 value: mask = difficulty − 1, each byte bit-reversed (ESP-Miner get_difficulty_mask).
    public static func ticketMaskValue(difficulty: UInt32) -> UInt32 {
        let mask = difficulty &- 1
        var out: UInt32 = 0
        for k in 0..<4 {
            let byte = UInt8((mask >> (24 - 8 * UInt32(k))) & 0xFF)
            out |= UInt32(reverseBits(byte)) << (24 - 8 * UInt32(k))
        }
        return out
    }

    /// The difficulty a ticket-mask register value stands for (the virtual chip reads it).
    public static func ticketDifficulty(maskValue v: UInt32) -> UInt32 {
        var mask: UInt32 = 0
        for k in 0..<4 {
            let byte = UInt8((v >> (24 - 8 * UInt32(k))) & 0xFF)
            mask |= UInt32(reverseBits(byte)) << (24 - 8 * UInt32(k))
        }
        return mask &+ 1
    }

    /// Register 0xA4 value: `90 00` then the rollable bits >> 13 (ESP-Miner BM1366_set_version_mask).
    public static func versionMaskValue(_ mask: UInt32) -> UInt32 {
        0x9000_0000 | ((mask >> 13) & 0xFFFF)
    }

    public static func versionMask(registerValue v: UInt32) -> UInt32 { (v & 0xFFFF) << 13 }

    static func reverseBits(_ b: UInt8) -> UInt8 {
        var r: UInt8 = 0
        var x = b
        for _ in 0..<8 {
            r = r << 1 | (x & 1)
            x >>= 1
        }
        return r
    }
}
