/// The eight 32-bit chaining words of SHA-256 (FIPS 180-4 H0…H7).
///
/// Stored as a homogeneous tuple so the words are contiguous and can be handed
/// to the C accelerated path as a `uint32_t[8]` without copying.
public struct SHA256State: Sendable, Hashable {
    public var words: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)

    public init(words: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)) {
        self.words = words
    }

    /// FIPS 180-4 §5.3.3 initial hash value.
    public static let initial = SHA256State(words: (
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a,
        0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19))

    public static func == (l: SHA256State, r: SHA256State) -> Bool {
        l.words.0 == r.words.0 && l.words.1 == r.words.1 && l.words.2 == r.words.2 && l.words.3 == r.words.3
            && l.words.4 == r.words.4 && l.words.5 == r.words.5 && l.words.6 == r.words.6 && l.words.7 == r.words.7
    }

    public func hash(into hasher: inout Hasher) {
        withUnsafeBytes(of: words) { hasher.combine(bytes: $0) }
    }

    /// Word `i` (0…7); traps on an index outside 0…7 (a programming error, not input).
    @inlinable
    public subscript(i: Int) -> UInt32 {
        precondition(i >= 0 && i < 8, "SHA256State index \(i) out of 0...7")
        return withUnsafeBytes(of: words) { $0.load(fromByteOffset: i &* 4, as: UInt32.self) }
    }

    /// The state as bytes, each word big-endian: this is the digest when the state is final.
    public var bigEndianBytes: [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(32)
        for i in 0..<8 {
            let w = self[i]
            out.append(UInt8(truncatingIfNeeded: w >> 24))
            out.append(UInt8(truncatingIfNeeded: w >> 16))
            out.append(UInt8(truncatingIfNeeded: w >> 8))
            out.append(UInt8(truncatingIfNeeded: w))
        }
        return out
    }
}
