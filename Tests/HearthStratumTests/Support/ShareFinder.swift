import Crypto
import HearthStratum
import HearthWork

/// Finds shares for a piece of work with swift-crypto, building coinbase, merkle
/// root and header here in the test (HearthWork's hasher is another engineer's).
enum ShareFinder {
    static func sha256d(_ bytes: [UInt8]) -> [UInt8] {
        Array(SHA256.hash(data: Array(SHA256.hash(data: bytes))))
    }

    static func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }

    static func header(_ work: StratumWork, extranonce2: [UInt8], versionBits: UInt32) -> [UInt8] {
        let job = work.job
        var root = sha256d(job.coinbase1 + work.extranonce.extranonce1 + extranonce2 + job.coinbase2)
        for hash in job.merkleBranch { root = sha256d(root + hash) }
        var prev: [UInt8] = []
        for i in stride(from: 0, to: 32, by: 4) { prev += job.previousHash[i..<i + 4].reversed() }
        let version = (job.version & ~work.versionMask) | (versionBits & work.versionMask)
        return le32(version) + prev + root + le32(job.ntime) + le32(job.nbits)
    }

    static func shareDifficulty(_ digest: some Sequence<UInt8>) -> Double {
        var value = 0.0
        for byte in Array(digest).reversed() { value = value * 256 + Double(byte) }
        return 65535.0 * 0x1p208 / value
    }

    /// The first nonce (from `start`) whose share meets (`meets`) or misses the work's difficulty.
    static func find(_ work: StratumWork, versionBits: UInt32 = 0, meets: Bool = true, start: UInt32 = 0,
                     limit: Int = 30_000_000) -> ShareSubmission?
    {
        let extranonce2 = [UInt8](repeating: 0, count: work.extranonce.extranonce2Size - 1) + [1]
        let prefix = header(work, extranonce2: extranonce2, versionBits: versionBits)
        // Reuse the hasher state after the first 64 bytes (copying it copies the midstate).
        var midstate = SHA256()
        midstate.update(data: prefix[0..<64])
        let tail = Array(prefix[64...])
        var nonce = start
        for _ in 0..<limit {
            var hasher = midstate
            hasher.update(data: tail + le32(nonce))
            let digest = SHA256.hash(data: Array(hasher.finalize()))
            if (shareDifficulty(digest) >= work.difficulty) == meets {
                return ShareSubmission(jobID: work.job.jobID, extranonce2: extranonce2, ntime: work.job.ntime,
                                       nonce: nonce, versionBits: work.versionMask == 0 ? nil : versionBits & work.versionMask)
            }
            nonce &+= 1
        }
        return nil
    }
}
