/// A 256-bit unsigned number: block and share targets, and block hashes read as numbers.
///
/// Four 64-bit limbs, least significant first. A hash meets a target when hash ≤ target.
public struct Target256: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Limbs, least significant first.
    public var limbs: (UInt64, UInt64, UInt64, UInt64)

    public init(limbs: (UInt64, UInt64, UInt64, UInt64)) { self.limbs = limbs }

    public static let zero = Target256(limbs: (0, 0, 0, 0))
    public static let max = Target256(limbs: (.max, .max, .max, .max))
    /// The difficulty-1 target, 0x00000000FFFF · 2^208 (the "pool diff1", nbits 0x1d00ffff).
    public static let difficulty1 = Target256(limbs: (0, 0, 0, 0x0000_0000_FFFF_0000))

    /// Limb `i` (0…3).
    public subscript(limb i: Int) -> UInt64 {
        get {
            switch i {
            case 0: limbs.0
            case 1: limbs.1
            case 2: limbs.2
            default: limbs.3
            }
        }
        set {
            switch i {
            case 0: limbs.0 = newValue
            case 1: limbs.1 = newValue
            case 2: limbs.2 = newValue
            default: limbs.3 = newValue
            }
        }
    }

    /// From 32 big-endian bytes (the way explorers print targets and block ids).
    public init(bigEndianBytes bytes: [UInt8]) throws(WorkError) {
        guard bytes.count == 32 else { throw .badLength(field: "256-bit number", expected: 32, actual: bytes.count) }
        var t = Target256.zero
        for limb in 0..<4 {
            var v: UInt64 = 0
            for k in 0..<8 { v = v << 8 | UInt64(bytes[(3 - limb) * 8 + k]) }
            t[limb: limb] = v
        }
        self = t
    }

    /// From 64 hex digits, most significant first (as explorers print ids).
    public init(hex: String) throws {
        try self.init(bigEndianBytes: try [UInt8](hex: hex))
    }

    /// 32 big-endian bytes.
    public var bigEndianBytes: [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(32)
        for limb in (0..<4).reversed() {
            for k in (0..<8).reversed() { out.append(UInt8(truncatingIfNeeded: self[limb: limb] >> (8 * UInt64(k)))) }
        }
        return out
    }

    /// 64 hex digits, most significant first.
    public var description: String { bigEndianBytes.hex }

    /// The nearest Double (for difficulty ratios and logs; not for comparisons).
    public var doubleValue: Double {
        var d = 0.0
        for limb in (0..<4).reversed() { d = d * 18_446_744_073_709_551_616.0 + Double(self[limb: limb]) }
        return d
    }

    public static func < (l: Target256, r: Target256) -> Bool {
        if l.limbs.3 != r.limbs.3 { return l.limbs.3 < r.limbs.3 }
        if l.limbs.2 != r.limbs.2 { return l.limbs.2 < r.limbs.2 }
        if l.limbs.1 != r.limbs.1 { return l.limbs.1 < r.limbs.1 }
        return l.limbs.0 < r.limbs.0
    }

    public static func == (l: Target256, r: Target256) -> Bool {
        l.limbs.0 == r.limbs.0 && l.limbs.1 == r.limbs.1 && l.limbs.2 == r.limbs.2 && l.limbs.3 == r.limbs.3
    }

    public func hash(into hasher: inout Hasher) {
        for i in 0..<4 { hasher.combine(self[limb: i]) }
    }

    /// `self << bits`, or nil when a set bit would fall off the top.
    public func shiftedLeft(_ bits: Int) -> Target256? {
        precondition(bits >= 0, "shift must be non-negative")
        var wide = WideUInt(self)
        guard wide.shiftLeft(bits), let t = wide.target256 else { return nil }
        return t
    }

    /// `self >> bits` (bits shifted out are dropped).
    public func shiftedRight(_ bits: Int) -> Target256 {
        precondition(bits >= 0, "shift must be non-negative")
        var wide = WideUInt(self)
        wide.shiftRight(bits)
        return wide.target256 ?? .max
    }
}
