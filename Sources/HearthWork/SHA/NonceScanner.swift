/// Searches a range of nonces of a work unit for shares: what a simulated hash board runs
/// on each of its CPU threads.
///
/// Design: a scan is synchronous and bounded by the nonce range it is given, so a board
/// stays responsive by scanning in chunks (e.g. 2^16 nonces) and checking between chunks
/// whether its work was replaced; hits come back through a closure (or as an array) and
/// the loop itself allocates nothing. `version` must keep the job's bits outside
/// `work.versionMask` (checked once per call, not per nonce).
public struct NonceScanner: Sendable {
    public let backend: SHA256Backend

    public init(backend: SHA256Backend = .best) { self.backend = backend }

    /// Hashes every nonce in `nonces` (within 0..<2^32) of `work` rolled to `version`, and calls
    /// `onHit(nonce, hash)` for each hash ≤ `target`; return false from `onHit` to stop early.
    /// Returns the number of nonces hashed (for hashrate accounting).
    @discardableResult
    public func scan(work: WorkUnit, version: UInt32, nonces: Range<UInt64>, target: Target256,
                     onHit: (UInt32, Hash256) -> Bool) throws(WorkError) -> UInt64 {
        guard !nonces.isEmpty, nonces.upperBound <= 1 << 32 else {
            throw .badNonceRange(lower: nonces.lowerBound, upper: nonces.upperBound)
        }
        var hasher = try HeaderHasher(header: work.header, backend: backend)
        try VersionRolling.check(version, base: hasher.version, mask: work.versionMask)
        hasher.setVersion(version)
        return hasher.scan(from: UInt32(nonces.lowerBound), count: UInt64(nonces.count), target: target, onHit: onHit)
    }

    /// The nonces in `nonces` whose hash meets `target`, in increasing order.
    public func scan(work: WorkUnit, version: UInt32, nonces: Range<UInt64>,
                     target: Target256) throws(WorkError) -> [UInt32] {
        var hits = [UInt32]()
        try scan(work: work, version: version, nonces: nonces, target: target) { nonce, _ in
            hits.append(nonce)
            return true
        }
        return hits
    }
}
