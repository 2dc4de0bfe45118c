/// BIP 310 version rolling: the miner may change only the bits in the negotiated mask.
public enum VersionRolling {
    /// The job's version with its masked bits replaced by `bits & mask`.
    public static func roll(_ base: UInt32, mask: UInt32, bits: UInt32) -> UInt32 {
        (base & ~mask) | (bits & mask)
    }

    /// What `mining.submit` sends as the 6th parameter: the rolled bits, `version & mask`.
    public static func submittedBits(of version: UInt32, mask: UInt32) -> UInt32 {
        version & mask
    }

    /// Whether `version` keeps every bit of `base` outside `mask`.
    public static func isAllowed(_ version: UInt32, base: UInt32, mask: UInt32) -> Bool {
        (version & ~mask) == (base & ~mask)
    }

    /// Throws `.versionOutsideMask` unless `isAllowed`.
    public static func check(_ version: UInt32, base: UInt32, mask: UInt32) throws(WorkError) {
        guard isAllowed(version, base: base, mask: mask) else {
            throw .versionOutsideMask(version: version, base: base, mask: mask)
        }
    }

    /// How many distinct versions the mask allows (2^popcount; 1 for mask 0).
    public static func count(mask: UInt32) -> UInt64 { 1 << UInt64(mask.nonzeroBitCount) }

    /// The `index`-th rolled version (index < `count(mask:)`; higher indices wrap): the index's
    /// bits deposited into the mask's positions, low to high, and XORed onto the job's own
    /// masked bits, so index 0 is the job's version and every index gives a distinct version.
    public static func version(_ index: UInt64, base: UInt32, mask: UInt32) -> UInt32 {
        var bits: UInt32 = 0
        var remaining = mask
        var i = index
        while remaining != 0 {
            let lowest = remaining & (~remaining &+ 1)
            if i & 1 != 0 { bits |= lowest }
            i >>= 1
            remaining &= remaining &- 1
        }
        return roll(base, mask: mask, bits: (base & mask) ^ bits)
    }
}
