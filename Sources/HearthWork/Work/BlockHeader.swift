/// The 80-byte block header as hashed: version, prevhash, merkle root, ntime, nbits, nonce;
/// integers little-endian, hashes in internal byte order.
public enum BlockHeader {
    public static let size = 80

    /// Assembles a header. `previousHash` and `merkleRoot` are 32 bytes in internal order.
    public static func make(version: UInt32, previousHash: [UInt8], merkleRoot: [UInt8], ntime: UInt32,
                            nbits: UInt32, nonce: UInt32) throws(WorkError) -> [UInt8] {
        guard previousHash.count == 32 else {
            throw .badLength(field: "previous block hash", expected: 32, actual: previousHash.count)
        }
        guard merkleRoot.count == 32 else { throw .badLength(field: "merkle root", expected: 32, actual: merkleRoot.count) }
        var header = [UInt8]()
        header.reserveCapacity(size)
        appendLE(version, to: &header)
        header += previousHash
        header += merkleRoot
        appendLE(ntime, to: &header)
        appendLE(nbits, to: &header)
        appendLE(nonce, to: &header)
        return header
    }

    /// Header from a `mining.notify` job: the prevhash words are swapped back to internal order.
    public static func make(job: MiningJob, merkleRoot: [UInt8], version: UInt32? = nil,
                            nonce: UInt32 = 0) throws(WorkError) -> [UInt8] {
        try make(version: version ?? job.version, previousHash: try stratumPrevHashToInternal(job.previousHash),
                 merkleRoot: merkleRoot, ntime: job.ntime, nbits: job.nbits, nonce: nonce)
    }

    /// Stratum sends prevhash as eight 32-bit words, each with its 4 bytes reversed relative
    /// to the header; reversing each 4-byte group undoes it (the same swap both ways).
    public static func stratumPrevHashToInternal(_ notified: [UInt8]) throws(WorkError) -> [UInt8] {
        guard notified.count == 32 else { throw .badLength(field: "notify prevhash", expected: 32, actual: notified.count) }
        var out = [UInt8](repeating: 0, count: 32)
        for word in 0..<8 {
            for k in 0..<4 { out[word * 4 + k] = notified[word * 4 + 3 - k] }
        }
        return out
    }

    /// A copy of `header` with the nonce (bytes 76…79) replaced.
    public static func withNonce(_ header: [UInt8], _ nonce: UInt32) throws(WorkError) -> [UInt8] {
        try replacingLE(header, at: 76, nonce)
    }

    /// A copy of `header` with the version (bytes 0…3) replaced.
    public static func withVersion(_ header: [UInt8], _ version: UInt32) throws(WorkError) -> [UInt8] {
        try replacingLE(header, at: 0, version)
    }

    /// The id of a header: SHA-256d (display it with `displayHex`).
    public static func hash(_ header: [UInt8], backend: SHA256Backend = .best) throws(WorkError) -> Hash256 {
        let hasher = try HeaderHasher(header: header, backend: backend)
        let nonce = UInt32(header[76]) | UInt32(header[77]) << 8 | UInt32(header[78]) << 16 | UInt32(header[79]) << 24
        return hasher.hash(nonce: nonce)
    }

    private static func replacingLE(_ header: [UInt8], at offset: Int, _ value: UInt32) throws(WorkError) -> [UInt8] {
        guard header.count == size else { throw .badLength(field: "block header", expected: size, actual: header.count) }
        var out = header
        for i in 0..<4 { out[offset + i] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(i))) }
        return out
    }

    private static func appendLE(_ value: UInt32, to bytes: inout [UInt8]) {
        for i in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt32(i)))) }
    }
}
