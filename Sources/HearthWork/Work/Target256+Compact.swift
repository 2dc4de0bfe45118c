extension Target256 {
    /// From a header's compact `nbits` (exponent byte, 23-bit mantissa): mantissa · 256^(exponent − 3).
    /// Throws for a negative mantissa (sign bit 0x00800000 with a non-zero mantissa) or a value
    /// that does not fit 256 bits; consensus rejects both.
    public init(compact nbits: UInt32) throws(WorkError) {
        let exponent = Int(nbits >> 24)
        let mantissa = UInt64(nbits & 0x007F_FFFF)
        if nbits & 0x0080_0000 != 0 && mantissa != 0 { throw .badCompactTarget(nbits) }
        var wide = WideUInt(mantissa)
        if exponent <= 3 {
            wide.shiftRight(8 * (3 - exponent))
        } else if !wide.shiftLeft(8 * (exponent - 3)) {
            throw .badCompactTarget(nbits)
        }
        guard let t = wide.target256 else { throw .badCompactTarget(nbits) }
        self = t
    }

    /// The compact encoding of this target (rounded down to 3 significant bytes, as nodes do).
    public var compact: UInt32 {
        let bytes = bigEndianBytes
        guard let first = bytes.firstIndex(where: { $0 != 0 }) else { return 0 }
        var size = 32 - first
        var mantissa: UInt32 = 0
        for k in 0..<3 {
            let index = first + k
            // Short numbers are padded on the right: decoding shifts them back down.
            mantissa = mantissa << 8 | (index < 32 ? UInt32(bytes[index]) : 0)
        }
        // A set top bit would read as negative: move one byte into the exponent.
        if mantissa & 0x0080_0000 != 0 {
            mantissa >>= 8
            size += 1
        }
        return UInt32(size) << 24 | mantissa
    }
}
