/// Counters of one chain, for `hearth asic`, status and the benchmark.
public struct BM13xxStatistics: Sendable, Hashable {
    public var jobsSent = 0
    public var bytesWritten = 0
    /// Nonce replies from the chips (tickets), valid or not.
    public var nonces = 0
    /// Nonces that met the work's share target and went to the engine.
    public var shares = 0
    /// Nonces whose hash does not meet even the chip's ticket difficulty.
    public var hardwareErrors = 0
    /// Nonces for a job id with no work behind it (sent before this driver, or long replaced).
    public var unknownJob = 0
    public var registerReplies = 0
    public var crcErrors = 0
    /// Bytes dropped while resynchronising (noise, short frames).
    public var discardedBytes = 0
    /// Reads that returned nothing while replies were awaited.
    public var timeouts = 0
    /// Nonce replies per chip (index in the chain, from the nonce's address bits).
    public var noncesPerChip: [Int: Int] = [:]
    /// Bring-ups (reset and enumeration): one per start of the chips.
    public var bringUps = 0
    /// Operating points commanded that differ from the one before.
    public var pointChanges = 0

    public init() {}
}

/// What enumeration found.
public struct BM13xxChainInfo: Sendable, Hashable {
    public struct Chip: Sendable, Hashable {
        public var chipID: UInt16
        /// Core count byte as the chip reports it.
        public var coreByte: UInt8
        public var address: UInt8
    }
    public var model: BM13xxChipModel
    public var chips: [Chip]
    public var baud: Int
}
