/// What the engine asks of a work unit when a board reports a nonce.
extension WorkUnit {
    /// The share target for `shareDifficulty`.
    public func shareTarget() throws(WorkError) -> Target256 {
        try Target256(difficulty: shareDifficulty)
    }

    /// SHA-256d of this work's header with `nonce` and `version` (which must stay inside
    /// `versionMask`). One midstate plus two compressions: fine for checking every result.
    public func hash(nonce: UInt32, version: UInt32, backend: SHA256Backend = .best) throws(WorkError) -> Hash256 {
        var hasher = try HeaderHasher(header: header, backend: backend)
        try VersionRolling.check(version, base: hasher.version, mask: versionMask)
        hasher.setVersion(version)
        return hasher.hash(nonce: nonce)
    }

    /// The version bits to submit for `version` (nil when rolling is off).
    public func submittedVersionBits(for version: UInt32) -> UInt32? {
        versionMask == 0 ? nil : VersionRolling.submittedBits(of: version, mask: versionMask)
    }
}
