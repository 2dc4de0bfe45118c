/// SHA-256 of a whole message (FIPS 180-4), on the chosen backend.
public enum SHA256 {
    /// The 32-byte digest of `bytes`.
    public static func hash(_ bytes: [UInt8], backend: SHA256Backend = .best) -> [UInt8] {
        digest(bytes, backend: backend).bigEndianBytes
    }

    /// The final state (the digest as words), without allocating for it.
    public static func digest(_ bytes: [UInt8], backend: SHA256Backend = .best) -> SHA256State {
        var state = SHA256State.initial
        bytes.withUnsafeBytes { message in
            let full = message.count / 64
            if let base = message.baseAddress {
                for i in 0..<full { backend.compress(&state, block: base + i * 64) }
            }
            // Padding: 0x80, zeros, then the bit length big-endian; one or two tail blocks.
            withUnsafeTemporaryAllocation(byteCount: 128, alignment: 16) { tail in
                tail.initializeMemory(as: UInt8.self, repeating: 0)
                let rest = message.count - full * 64
                for i in 0..<rest { tail[i] = message[full * 64 + i] }
                tail[rest] = 0x80
                let tailBlocks = rest + 9 <= 64 ? 1 : 2
                let bitLength = UInt64(message.count) &* 8
                for i in 0..<8 { tail[tailBlocks * 64 - 1 - i] = UInt8(truncatingIfNeeded: bitLength >> (8 * UInt64(i))) }
                for i in 0..<tailBlocks { backend.compress(&state, block: tail.baseAddress! + i * 64) }
            }
        }
        return state
    }
}

/// SHA-256 applied twice, as Bitcoin hashes headers, transactions and merkle nodes.
public enum SHA256d {
    /// sha256(sha256(bytes)), 32 bytes in the order SHA-256 produces them (internal order;
    /// block explorers display the reverse).
    public static func hash(_ bytes: [UInt8], backend: SHA256Backend = .best) -> [UInt8] {
        SHA256.hash(SHA256.hash(bytes, backend: backend), backend: backend)
    }
}
