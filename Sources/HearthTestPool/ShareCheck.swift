import Crypto
import HearthStratum

/// Rebuilds a share's block header from the pool's own job and hashes it with
/// swift-crypto: the independent check of whatever hasher the miner used.
enum ShareCheck {
    static func sha256d(_ bytes: [UInt8]) -> [UInt8] {
        Array(SHA256.hash(data: Array(SHA256.hash(data: bytes))))
    }

    static func header(job: PoolJob, extranonce1: [UInt8], share: ShareSubmission, versionMask: UInt32) -> [UInt8] {
        var root = sha256d(job.coinbase1 + extranonce1 + share.extranonce2 + job.coinbase2)
        for branch in job.merkleBranch { root = sha256d(root + branch) }
        let version = (job.version & ~versionMask) | ((share.versionBits ?? 0) & versionMask)
        return le32(version) + job.previousHash + root + le32(share.ntime) + le32(job.nbits) + le32(share.nonce)
    }

    /// The share's difficulty: difficulty-1 target over the hash read as a 256-bit little-endian number.
    static func difficulty(ofHeader header: [UInt8]) -> Double {
        let hash = sha256d(header)
        var value = 0.0
        for byte in hash.reversed() { value = value * 256 + Double(byte) }
        return value == 0 ? .infinity : difficulty1Target / value
    }

    /// 0xFFFF · 2^208.
    static let difficulty1Target = 65535.0 * 0x1p208

    static func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }
}
