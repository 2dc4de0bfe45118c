import CHearthSHA

/// SHA-256d of one 80-byte block header for any nonce, with the first 64 bytes'
/// compression (the midstate) done once.
///
/// Per nonce only two compressions remain: the header's last 16 bytes plus padding, and
/// the 32-byte first digest plus padding. Rolling the version changes byte 0…3, i.e. the
/// first block, so `setVersion` recomputes the midstate (one compression).
public struct HeaderHasher: Sendable {
    public let backend: SHA256Backend
    /// The 80-byte header as given (nonce bytes ignored; version bytes as of `setVersion`).
    public private(set) var header: [UInt8]
    /// The version currently hashed (little-endian bytes 0…3 of `header`).
    public private(set) var version: UInt32
    /// State after the first 64 header bytes.
    public private(set) var midstate: SHA256State
    /// Header bytes 64…75 (merkle root tail, ntime, nbits) as big-endian message words.
    let tail: (UInt32, UInt32, UInt32)

    /// Throws when `header` is not 80 bytes.
    public init(header: [UInt8], backend: SHA256Backend = .best) throws(WorkError) {
        guard header.count == 80 else { throw .badLength(field: "block header", expected: 80, actual: header.count) }
        func word(_ i: Int) -> UInt32 {
            UInt32(header[i]) << 24 | UInt32(header[i + 1]) << 16 | UInt32(header[i + 2]) << 8 | UInt32(header[i + 3])
        }
        self.backend = backend
        self.header = header
        version = UInt32(header[0]) | UInt32(header[1]) << 8 | UInt32(header[2]) << 16 | UInt32(header[3]) << 24
        tail = (word(64), word(68), word(72))
        midstate = Self.midstate(of: header, backend: backend)
    }

    /// Hashes with another version from now on (a BIP 310 rolled version); one compression.
    public mutating func setVersion(_ newVersion: UInt32) {
        guard newVersion != version else { return }
        version = newVersion
        for i in 0..<4 { header[i] = UInt8(truncatingIfNeeded: newVersion >> (8 * UInt32(i))) }
        midstate = Self.midstate(of: header, backend: backend)
    }

    private static func midstate(of header: [UInt8], backend: SHA256Backend) -> SHA256State {
        var state = SHA256State.initial
        header.withUnsafeBytes { backend.compress(&state, block: $0.baseAddress!) }
        return state
    }

    /// SHA-256d of the header with `nonce` (little-endian in bytes 76…79).
    public func hash(nonce: UInt32) -> Hash256 {
        var result = Hash256(state: .initial)
        _ = scan(from: nonce, count: 1, target: .max) { _, hash in
            result = hash
            return false
        }
        return result
    }

    /// Hashes `count` nonces from `first` (wrapping is the caller's business: it checks the
    /// range) and calls `onHit` for each hash ≤ `target`; `onHit` returns false to stop.
    /// Returns how many nonces were hashed. No allocation inside the loop.
    func scan(from first: UInt32, count: UInt64, target: Target256,
              onHit: (UInt32, Hash256) -> Bool) -> UInt64 {
        switch backend.kind {
        case .portable: scanPortable(from: first, count: count, target: target, onHit: onHit)
        case .x86SHA: scanAccelerated(from: first, count: count, target: target, onHit: onHit)
        }
    }

    private func scanPortable(from first: UInt32, count: UInt64, target: Target256,
                              onHit: (UInt32, Hash256) -> Bool) -> UInt64 {
        let (t0, t1, t2) = tail
        let mid = midstate
        let top = UInt32(truncatingIfNeeded: target.limbs.3 >> 32)
        var nonce = first
        var done: UInt64 = 0
        while done < count {
            var inner = mid
            // Second block: header words 16…19 (nonce byte-swapped to a message word), padding,
            // length 640 bits. The constants fold into the inlined rounds.
            PortableSHA256.compress(&inner, t0, t1, t2, nonce.byteSwapped, 0x8000_0000, 0, 0, 0,
                                    0, 0, 0, 0, 0, 0, 0, 640)
            var outer = SHA256State.initial
            let w = inner.words
            PortableSHA256.compress(&outer, w.0, w.1, w.2, w.3, w.4, w.5, w.6, w.7,
                                    0x8000_0000, 0, 0, 0, 0, 0, 0, 256)
            done &+= 1
            // Cheap reject on the top 32 bits of the little-endian number; full compare otherwise.
            if outer.words.7.byteSwapped <= top {
                let hash = Hash256(state: outer)
                if hash.meets(target), !onHit(nonce, hash) { break }
            }
            nonce &+= 1
        }
        return done
    }

    private func scanAccelerated(from first: UInt32, count: UInt64, target: Target256,
                                 onHit: (UInt32, Hash256) -> Bool) -> UInt64 {
        let top = UInt32(truncatingIfNeeded: target.limbs.3 >> 32)
        // Both message blocks live on the stack as word tuples; only the nonce word and the
        // first digest change per nonce.
        var second: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32,
                     UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) =
            (tail.0, tail.1, tail.2, 0, 0x8000_0000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 640)
        var third: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32,
                    UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0x8000_0000, 0, 0, 0, 0, 0, 0, 256)
        let mid = midstate
        var nonce = first
        var done: UInt64 = 0
        while done < count {
            second.3 = nonce.byteSwapped
            var inner = mid
            withUnsafeMutablePointer(to: &inner.words) { s in
                s.withMemoryRebound(to: UInt32.self, capacity: 8) { state in
                    withUnsafePointer(to: &second) { m in
                        m.withMemoryRebound(to: UInt32.self, capacity: 16) { hearth_sha256_compress_words_ni(state, $0) }
                    }
                }
            }
            let w = inner.words
            (third.0, third.1, third.2, third.3, third.4, third.5, third.6, third.7) = w
            var outer = SHA256State.initial
            withUnsafeMutablePointer(to: &outer.words) { s in
                s.withMemoryRebound(to: UInt32.self, capacity: 8) { state in
                    withUnsafePointer(to: &third) { m in
                        m.withMemoryRebound(to: UInt32.self, capacity: 16) { hearth_sha256_compress_words_ni(state, $0) }
                    }
                }
            }
            done &+= 1
            if outer.words.7.byteSwapped <= top {
                let hash = Hash256(state: outer)
                if hash.meets(target), !onHit(nonce, hash) { break }
            }
            nonce &+= 1
        }
        return done
    }
}
