import HearthWork
import Testing

@Suite("Coinbase, merkle root, header and work assembly")
struct WorkBuilderTests {
    @Test("block 100000: four txids give the published merkle root, directly and via a coinbase branch")
    func merkle100000() throws {
        let txids = try [
            "8c14f0db3df150123e6f3dbbf30f8b955a8249b62ac1d1ff16284aefa3d06d87",
            "fff2525b8931402dd09222c50775608f75787bd2b87e56995a7bdd30f79702c4",
            "6359f0868171b1d194cbee1af2f16ea598ae8fad666d9b012c8ed2b79a236ec4",
            "e9a66845e05d5abc0ad04ec80f774a7e585c6e8db975962d069a522137b80c1d",
        ].map(internalBytes(displayHex:))
        let expected = "f3e94742aca4b5ef85488dc37c06c3282295ffec960994b2c0d5ac2a25a95766"
        #expect(try MerkleTree.root(of: txids).reversed().hex == expected)
        let branch = try MerkleTree.coinbaseBranch(otherHashes: Array(txids.dropFirst()))
        #expect(branch.count == 2 && branch[0] == txids[1])
        #expect(try MerkleTree.root(coinbaseHash: txids[0], branch: branch).reversed().hex == expected)
        // Odd count: the last hash pairs with itself.
        let three = Array(txids.prefix(3))
        let manual = SHA256d.hash(SHA256d.hash(three[0] + three[1]) + SHA256d.hash(three[2] + three[2]))
        #expect(try MerkleTree.root(of: three) == manual)
        #expect(try MerkleTree.root(coinbaseHash: three[0],
                                    branch: MerkleTree.coinbaseBranch(otherHashes: [three[1], three[2]])) == manual)
        #expect(throws: WorkError.self) { try MerkleTree.root(coinbaseHash: txids[0], branch: [[1, 2, 3]]) }
    }

    /// Block 1 as a pool would have sent it: prevhash word-swapped, the coinbase split around
    /// its scriptSig so coinb1 ‖ extranonce1 ‖ extranonce2 ‖ coinb2 rebuilds it, no branch.
    static func block1Job() throws -> (MiningJob, ExtranonceSettings) {
        let job = MiningJob(
            jobID: "1",
            previousHash: try [UInt8](hex: "0a8ce26f72b3f1b646a2a6c14ff763ae65831e939c085ae10019d66800000000"),
            coinbase1: try [UInt8](hex: "01000000010000000000000000000000000000000000000000000000000000000000000000ffffffff0704"),
            coinbase2: try [UInt8](hex: "ffffffff0100f2052a0100000043410496b538e853519c726a2c91e61ec11600ae1390813a627c66fb8be7947"
                + "be63c52da7589379515d4e0a604f8141781e62294721166bf621e73a82cbf2342c858eeac00000000"),
            merkleBranch: [], version: 1, nbits: 0x1D00_FFFF, ntime: 1_231_469_665, cleanJobs: true)
        return (job, ExtranonceSettings(extranonce1: [0xFF, 0xFF, 0x00, 0x1D], extranonce2Size: 2))
    }

    @Test("notify → work → header → hash reproduces block 1 (prevhash word swap included)",
          arguments: SHA256Backend.all)
    func notifyRoundTripBlock1(backend: SHA256Backend) throws {
        let (job, extranonce) = try Self.block1Job()
        let work = try WorkBuilder.makeWork(id: 9, job: job, extranonce: extranonce, extranonce2: [0x01, 0x04],
                                            versionMask: 0x1FFF_E000, difficulty: 1)
        #expect(work.header.count == 80 && work.baseVersion == 1 && work.ntime == 1_231_469_665)
        #expect(Array(work.header[4..<36]) == (try internalBytes(displayHex: Blocks.genesisID)))
        let hash = try work.hash(nonce: 2_573_394_689, version: 1, backend: backend)
        #expect(hash.displayHex == "00000000839a8e6886ab5951d76f411475428afc90947ee320161bbf18eb6048")
        #expect(hash.meets(try work.shareTarget()))
        #expect(work.submittedVersionBits(for: 1) == 0)
        let found = try NonceScanner(backend: backend).scan(
            work: work, version: 1, nonces: 2_573_394_600..<2_573_394_700, target: try work.shareTarget())
        #expect(found == [2_573_394_689])
    }

    @Test("the genesis coinbase split into coinb1/extranonces/coinb2 rebuilds the genesis block")
    func notifyRoundTripGenesis() throws {
        let coinbase = try [UInt8](hex: Blocks.genesisCoinbaseHex)
        let job = MiningJob(jobID: "g", previousHash: [UInt8](repeating: 0, count: 32),
                            coinbase1: Array(coinbase[..<50]), coinbase2: Array(coinbase[58...]), merkleBranch: [],
                            version: 1, nbits: 0x1D00_FFFF, ntime: 1_231_006_505, cleanJobs: true)
        let extranonce = ExtranonceSettings(extranonce1: Array(coinbase[50..<54]), extranonce2Size: 4)
        let work = try WorkBuilder.makeWork(id: 1, job: job, extranonce: extranonce,
                                            extranonce2: Array(coinbase[54..<58]), versionMask: 0, difficulty: 1)
        #expect(try work.hash(nonce: 2_083_236_893, version: 1).displayHex == Blocks.genesisID)
        #expect(work.submittedVersionBits(for: 1) == nil)
        // Another extranonce2 is another coinbase, another merkle root, another header.
        let other = try WorkBuilder.makeWork(id: 2, job: job, extranonce: extranonce, extranonce2: [0, 0, 0, 0],
                                             versionMask: 0, difficulty: 1)
        #expect(other.header[36..<68] != work.header[36..<68])
        #expect(throws: WorkError.badLength(field: "extranonce2", expected: 4, actual: 3)) {
            try WorkBuilder.makeWork(id: 3, job: job, extranonce: extranonce, extranonce2: [0, 0, 0],
                                     versionMask: 0, difficulty: 1)
        }
        var badPrev = job
        badPrev.previousHash = [0]
        #expect(throws: WorkError.self) {
            try WorkBuilder.makeWork(id: 4, job: badPrev, extranonce: extranonce, extranonce2: [0, 0, 0, 0],
                                     versionMask: 0, difficulty: 1)
        }
    }

    @Test("version rolling keeps the job's bits outside the mask")
    func versionRolling() throws {
        let base: UInt32 = 0x2000_0004, mask: UInt32 = 0x1FFF_E000
        let rolled = VersionRolling.roll(base, mask: mask, bits: 0xFFFF_FFFF)
        #expect(rolled == 0x3FFF_E004)
        #expect(VersionRolling.submittedBits(of: rolled, mask: mask) == 0x1FFF_E000)
        #expect(VersionRolling.isAllowed(rolled, base: base, mask: mask))
        #expect(!VersionRolling.isAllowed(0x6000_0004, base: base, mask: mask))
        #expect(VersionRolling.count(mask: mask) == 65_536)
        #expect(VersionRolling.version(0, base: base, mask: mask) == base)
        var seen = Set<UInt32>()
        for i in 0..<VersionRolling.count(mask: 0x0000_6010) {
            let v = VersionRolling.version(i, base: base, mask: 0x0000_6010)
            #expect(VersionRolling.isAllowed(v, base: base, mask: 0x0000_6010))
            seen.insert(v)
        }
        #expect(seen.count == 8)
    }

    @Test("extranonce2 counters: fixed size, unique across partitions, exhaustion is an error, reset restarts")
    func extranonce2Counter() throws {
        var seen = Set<[UInt8]>()
        for p in 0..<3 {
            var counter = try Extranonce2Counter(size: 1, partition: p, partitions: 3)
            var issued = 0
            while let value = try? counter.next() {
                #expect(value.count == 1)
                #expect(seen.insert(value).inserted, "duplicate \(value)")
                issued += 1
            }
            #expect(issued == counter.capacity.asInt)
            #expect(throws: WorkError.extranonce2Exhausted(size: 1)) { try counter.next() }
            counter.reset()
            #expect(try counter.next() == [UInt8(p)])
        }
        #expect(seen.count == 256)
        var wide = try Extranonce2Counter(size: 4)
        #expect(try wide.next() == [0, 0, 0, 0])
        #expect(try wide.next() == [0, 0, 0, 1])
        var big = try Extranonce2Counter(size: 12, partition: 1, partitions: 2)
        #expect(try big.next() == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])
        #expect(throws: WorkError.badExtranonce2Size(33)) { try Extranonce2Counter(size: 33) }
        #expect(throws: WorkError.self) { try Extranonce2Counter(size: 4, partition: 2, partitions: 2) }
        var empty = try Extranonce2Counter(size: 0)
        #expect(try empty.next() == [])
        #expect(throws: WorkError.extranonce2Exhausted(size: 0)) { try empty.next() }
    }
}

extension UInt64 {
    var asInt: Int { Int(self) }
}
