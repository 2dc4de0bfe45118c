/// A scratch unsigned integer with room above 256 bits, for the few target computations
/// whose intermediates overflow 256 bits (difficulty 1e-6 scales diff1 up by 2^20 and more).
/// Not on any hot path: plain arrays are fine here.
struct WideUInt {
    /// Limbs, least significant first; 6 × 64 = 384 bits.
    private(set) var limbs: [UInt64]
    static let limbCount = 6

    init(_ t: Target256) {
        limbs = [t.limbs.0, t.limbs.1, t.limbs.2, t.limbs.3, 0, 0]
    }

    init(_ v: UInt64) {
        limbs = [v, 0, 0, 0, 0, 0]
    }

    var isZero: Bool { limbs.allSatisfy { $0 == 0 } }

    /// The value when it fits 256 bits.
    var target256: Target256? {
        guard limbs[4] == 0, limbs[5] == 0 else { return nil }
        return Target256(limbs: (limbs[0], limbs[1], limbs[2], limbs[3]))
    }

    /// Shifts left; false (value unspecified) when a set bit would leave the 384 bits.
    mutating func shiftLeft(_ bits: Int) -> Bool {
        for _ in 0..<(bits / 64) {
            guard limbs[Self.limbCount - 1] == 0 else { return false }
            limbs.removeLast()
            limbs.insert(0, at: 0)
        }
        let s = bits % 64
        guard s > 0 else { return true }
        guard limbs[Self.limbCount - 1] >> (64 - s) == 0 else { return false }
        for i in stride(from: Self.limbCount - 1, to: 0, by: -1) {
            limbs[i] = limbs[i] << s | limbs[i - 1] >> (64 - s)
        }
        limbs[0] <<= s
        return true
    }

    mutating func shiftRight(_ bits: Int) {
        guard bits < 64 * Self.limbCount else {
            limbs = Array(repeating: 0, count: Self.limbCount)
            return
        }
        for _ in 0..<(bits / 64) {
            limbs.removeFirst()
            limbs.append(0)
        }
        let s = bits % 64
        guard s > 0 else { return }
        for i in 0..<(Self.limbCount - 1) {
            limbs[i] = limbs[i] >> s | limbs[i + 1] << (64 - s)
        }
        limbs[Self.limbCount - 1] >>= s
    }

    /// Multiplies by `m`; false when the product leaves the 384 bits.
    mutating func multiply(by m: UInt64) -> Bool {
        var carry: UInt64 = 0
        for i in 0..<Self.limbCount {
            let (hi, lo) = limbs[i].multipliedFullWidth(by: m)
            let (sum, overflow) = lo.addingReportingOverflow(carry)
            limbs[i] = sum
            carry = hi &+ (overflow ? 1 : 0)
        }
        return carry == 0
    }

    /// Floor division by a non-zero `d` (schoolbook, one 64-bit digit at a time).
    mutating func divide(by d: UInt64) {
        precondition(d != 0, "division by zero")
        var remainder: UInt64 = 0
        for i in (0..<Self.limbCount).reversed() {
            let (q, r) = d.dividingFullWidth((high: remainder, low: limbs[i]))
            limbs[i] = q
            remainder = r
        }
    }
}
