/// Why a piece of pool input or a work request could not be turned into work.
public enum WorkError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A byte field had the wrong length (e.g. a 31-byte prevhash, a 79-byte header).
    case badLength(field: String, expected: Int, actual: Int)
    /// Difficulty must be a finite number above zero.
    case badDifficulty(Double)
    /// nbits whose mantissa has the sign bit set, or whose exponent overflows 256 bits.
    case badCompactTarget(UInt32)
    /// Extranonce2 size outside 0…32 bytes.
    case badExtranonce2Size(Int)
    /// Every extranonce2 value of this counter's share of the space has been handed out.
    case extranonce2Exhausted(size: Int)
    /// A version that changes bits outside the negotiated rolling mask.
    case versionOutsideMask(version: UInt32, base: UInt32, mask: UInt32)
    /// A nonce range that is empty or goes past 2^32.
    case badNonceRange(lower: UInt64, upper: UInt64)

    public var description: String {
        switch self {
        case let .badLength(field, expected, actual):
            "\(field) must be \(expected) bytes, got \(actual)"
        case let .badDifficulty(d):
            "difficulty must be finite and > 0, got \(d)"
        case let .badCompactTarget(bits):
            "nbits 0x\(String(bits, radix: 16)) is not a valid compact target (negative or > 256 bits)"
        case let .badExtranonce2Size(size):
            "extranonce2 size \(size) is outside 0...32 bytes"
        case let .extranonce2Exhausted(size):
            "all \(size)-byte extranonce2 values of this counter are used; reset it on the next job"
        case let .versionOutsideMask(version, base, mask):
            "version 0x\(String(version, radix: 16)) changes bits outside mask 0x\(String(mask, radix: 16)) "
                + "of job version 0x\(String(base, radix: 16))"
        case let .badNonceRange(lower, upper):
            "nonce range \(lower)..<\(upper) must be non-empty and within 0..<2^32"
        }
    }
}
