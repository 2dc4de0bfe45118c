import HearthSupport
import HearthWork
import Testing

@Suite("Block header hashing")
struct HeaderHashTests {
    @Test("genesis and block 125552 hash to their published ids", arguments: SHA256Backend.all)
    func realHeaders(backend: SHA256Backend) throws {
        #expect(try BlockHeader.hash(Blocks.genesisHeader(), backend: backend).displayHex == Blocks.genesisID)
        #expect(try BlockHeader.hash(Blocks.block125552Header(), backend: backend).displayHex == Blocks.block125552ID)
        // Plain SHA-256d over the bytes agrees with the midstate path.
        #expect(SHA256d.hash(try Blocks.genesisHeader(), backend: backend).reversed().hex == Blocks.genesisID)
    }

    @Test("midstate path equals hashing the whole header, for many nonces and rolled versions",
          arguments: SHA256Backend.all)
    func midstateMatchesFullHash(backend: SHA256Backend) throws {
        let header = try Blocks.block125552Header()
        var hasher = try HeaderHasher(header: header, backend: backend)
        var rng = SplitMix64(state: 7)
        for version: UInt32 in [1, 0x2000_0000, 0x3FFF_E000] {
            hasher.setVersion(version)
            for _ in 0..<50 {
                let nonce = UInt32.random(in: 0...UInt32.max, using: &rng)
                let full = try BlockHeader.withNonce(BlockHeader.withVersion(header, version), nonce)
                #expect(hasher.hash(nonce: nonce).bytes == SHA256d.hash(full, backend: .portable))
            }
        }
    }

    @Test("the scanner finds exactly the nonces whose hash meets the target", arguments: SHA256Backend.all)
    func scannerAgreesWithDirectCheck(backend: SHA256Backend) throws {
        let work = WorkUnit(id: 1, jobID: "j", extranonce2: [0, 0, 0, 1], header: try Blocks.genesisHeader(),
                            versionMask: 0x1FFF_E000, shareDifficulty: 1, ntime: 1_231_006_505)
        // A target with the top 12 bits clear: about one hash in 4096 meets it.
        let target = try #require(Target256.max.shiftedRight(12) as Target256?)
        let version = VersionRolling.version(5, base: work.baseVersion, mask: work.versionMask)
        let nonces: Range<UInt64> = 1_000..<41_000
        let hits = try NonceScanner(backend: backend).scan(work: work, version: version, nonces: nonces, target: target)
        var expected = [UInt32]()
        for n in nonces where try work.hash(nonce: UInt32(n), version: version, backend: .portable).meets(target) {
            expected.append(UInt32(n))
        }
        #expect(hits == expected)
        #expect(hits.count > 3 && hits.count < 25)  // ≈ 40000 / 4096
        // The genesis nonce meets the genesis block target with the genesis version.
        let genesisTarget = try Target256(compact: 0x1D00_FFFF)
        let found = try NonceScanner(backend: backend).scan(
            work: work, version: 1, nonces: 2_083_236_890..<2_083_236_900, target: genesisTarget)
        #expect(found == [2_083_236_893])
    }

    @Test("the scanner's early stop and bad input")
    func scannerEdges() throws {
        let work = WorkUnit(id: 1, jobID: "j", extranonce2: [], header: try Blocks.genesisHeader(),
                            versionMask: 0x1FFF_E000, shareDifficulty: 1, ntime: 0)
        let scanner = NonceScanner()
        var calls = 0
        let hashed = try scanner.scan(work: work, version: 1, nonces: 0..<1_000, target: .max) { _, _ in
            calls += 1
            return calls < 3
        }
        #expect(calls == 3 && hashed == 3)
        #expect(throws: WorkError.badNonceRange(lower: 0, upper: (1 << 32) + 1)) {
            try scanner.scan(work: work, version: 1, nonces: 0..<((1 << 32) + 1), target: .max)
        }
        #expect(throws: WorkError.versionOutsideMask(version: 0x8000_0001, base: 1, mask: 0x1FFF_E000)) {
            try scanner.scan(work: work, version: 0x8000_0001, nonces: 0..<10, target: .max)
        }
        var short = work
        short.header.removeLast()
        #expect(throws: WorkError.badLength(field: "block header", expected: 80, actual: 79)) {
            try scanner.scan(work: short, version: 1, nonces: 0..<10, target: .max)
        }
        // The last nonce of the space is reachable.
        #expect(try scanner.scan(work: work, version: 1, nonces: 0xFFFF_FFFF..<(1 << 32), target: .max) == [0xFFFF_FFFF])
    }
}
