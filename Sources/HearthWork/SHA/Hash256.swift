/// A SHA-256d result (a block header hash, a txid, a merkle node), kept as the final
/// state words so the nonce loop never allocates for it.
///
/// Byte order: `bytes` is what SHA-256 outputs ("internal order"); explorers display the
/// reverse (`displayHex`); as a number (for targets) it is read little-endian.
public struct Hash256: Sendable, Hashable, CustomStringConvertible {
    public var state: SHA256State

    public init(state: SHA256State) { self.state = state }

    /// From 32 bytes in internal order.
    public init(bytes: [UInt8]) throws(WorkError) {
        guard bytes.count == 32 else { throw .badLength(field: "hash", expected: 32, actual: bytes.count) }
        func word(_ i: Int) -> UInt32 {
            UInt32(bytes[4 * i]) << 24 | UInt32(bytes[4 * i + 1]) << 16 | UInt32(bytes[4 * i + 2]) << 8
                | UInt32(bytes[4 * i + 3])
        }
        state = SHA256State(words: (word(0), word(1), word(2), word(3), word(4), word(5), word(6), word(7)))
    }

    /// The 32 bytes in internal order.
    public var bytes: [UInt8] { state.bigEndianBytes }

    /// Hex as block explorers show ids (bytes reversed).
    public var displayHex: String { bytes.reversed().hex }

    public var description: String { displayHex }

    /// The little-endian number the consensus rules compare with targets.
    public var value: Target256 {
        let w = state.words
        func limb(_ lo: UInt32, _ hi: UInt32) -> UInt64 { UInt64(lo.byteSwapped) | UInt64(hi.byteSwapped) << 32 }
        return Target256(limbs: (limb(w.0, w.1), limb(w.2, w.3), limb(w.4, w.5), limb(w.6, w.7)))
    }

    /// The top 32 bits of `value`: enough to reject almost every hash before a full compare.
    @inline(__always)
    var topWord: UInt32 { state.words.7.byteSwapped }

    /// hash ≤ target, the rule for blocks and shares.
    @inline(__always)
    public func meets(_ target: Target256) -> Bool {
        let top = UInt32(truncatingIfNeeded: target.limbs.3 >> 32)
        if topWord != top { return topWord < top }
        return value <= target
    }

    /// The share difficulty this hash reaches: diff1 / value (∞ for an all-zero hash).
    public var difficulty: Double { Target256.difficulty(ofHash: self) }
}

extension Target256 {
    /// diff1 / hash value as a Double (what pools call the share's difficulty).
    public static func difficulty(ofHash hash: Hash256) -> Double {
        hash.value.difficulty
    }

    /// The same for 32 hash bytes in internal order (as SHA-256d produced them).
    public static func difficulty(ofHash bytes: [UInt8]) throws(WorkError) -> Double {
        difficulty(ofHash: try Hash256(bytes: bytes))
    }
}
