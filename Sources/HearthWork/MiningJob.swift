/// One `mining.notify` job as the pool sent it (bytes decoded from hex, no reordering).
public struct MiningJob: Sendable, Hashable {
    public var jobID: String
    /// The notify's prevhash field decoded from hex: eight 32-bit words, each byte-swapped
    /// relative to the header (the header builder swaps them back).
    public var previousHash: [UInt8]
    public var coinbase1: [UInt8]
    public var coinbase2: [UInt8]
    /// Merkle branch hashes in the byte order they were sent (internal order).
    public var merkleBranch: [[UInt8]]
    public var version: UInt32
    public var nbits: UInt32
    public var ntime: UInt32
    public var cleanJobs: Bool

    public init(jobID: String, previousHash: [UInt8], coinbase1: [UInt8], coinbase2: [UInt8], merkleBranch: [[UInt8]],
                version: UInt32, nbits: UInt32, ntime: UInt32, cleanJobs: Bool) {
        self.jobID = jobID
        self.previousHash = previousHash
        self.coinbase1 = coinbase1
        self.coinbase2 = coinbase2
        self.merkleBranch = merkleBranch
        self.version = version
        self.nbits = nbits
        self.ntime = ntime
        self.cleanJobs = cleanJobs
    }
}

/// What `mining.subscribe` (or `mining.set_extranonce`) gave us.
public struct ExtranonceSettings: Sendable, Hashable {
    public var extranonce1: [UInt8]
    public var extranonce2Size: Int
    public init(extranonce1: [UInt8], extranonce2Size: Int) {
        self.extranonce1 = extranonce1
        self.extranonce2Size = extranonce2Size
    }
}

/// A unit of work for a hash board: an 80-byte header whose nonce (and, within
/// `versionMask`, version bits) the chips roll, and the share target to report at.
public struct WorkUnit: Sendable, Hashable {
    /// Engine-assigned, unique for the life of the engine.
    public var id: UInt64
    public var jobID: String
    public var extranonce2: [UInt8]
    /// Block header, little-endian fields as hashed, nonce = 0.
    public var header: [UInt8]
    /// Bits of the version the chips may roll (BIP 310); 0 when rolling is off.
    public var versionMask: UInt32
    /// Difficulty the pool asked for when this work was made.
    public var shareDifficulty: Double
    public var ntime: UInt32

    public init(id: UInt64, jobID: String, extranonce2: [UInt8], header: [UInt8], versionMask: UInt32,
                shareDifficulty: Double, ntime: UInt32) {
        self.id = id
        self.jobID = jobID
        self.extranonce2 = extranonce2
        self.header = header
        self.versionMask = versionMask
        self.shareDifficulty = shareDifficulty
        self.ntime = ntime
    }

    /// The version field of `header` (little-endian bytes 0..3).
    public var baseVersion: UInt32 {
        UInt32(header[0]) | UInt32(header[1]) << 8 | UInt32(header[2]) << 16 | UInt32(header[3]) << 24
    }
}

/// A nonce a hash board reports for a work unit (with the version it rolled to).
public struct NonceResult: Sendable, Hashable {
    public var workID: UInt64
    public var nonce: UInt32
    public var version: UInt32
    public init(workID: UInt64, nonce: UInt32, version: UInt32) {
        self.workID = workID
        self.nonce = nonce
        self.version = version
    }
}
