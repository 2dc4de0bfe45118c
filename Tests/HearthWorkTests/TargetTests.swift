import HearthWork
import Testing

@Suite("Targets and difficulty")
struct TargetTests {
    static let diff1Hex = "00000000ffff0000000000000000000000000000000000000000000000000000"

    @Test("difficulty 1 is 0x00000000FFFF0000…, and nbits 0x1d00ffff says the same")
    func difficultyOne() throws {
        #expect(try Target256(difficulty: 1).description == Self.diff1Hex)
        #expect(try Target256(compact: 0x1D00_FFFF) == Target256.difficulty1)
        #expect(Target256.difficulty1.compact == 0x1D00_FFFF)
    }

    @Test("integer and fractional difficulties are exact")
    func exactDivision() throws {
        let d1 = Target256.difficulty1
        #expect(try Target256(difficulty: 1024) == d1.shiftedRight(10))
        #expect(try Target256(difficulty: 0.5) == d1.shiftedLeft(1))
        // 0xFFFF·2^208 / 3 = 0x5555·2^208 exactly.
        #expect(try Target256(difficulty: 3).description
            == "0000000055550000000000000000000000000000000000000000000000000000")
        // 1e-6: diff1 · 10^6 exactly (values here checked with Python's integers).
        #expect(try Target256(difficulty: 1e-6).description
            == "000f4230bdc00000000000000000000000000000000000000000000000000000")
        // 0.001 is read as the decimal the pool wrote: exactly diff1 · 1000.
        #expect(try Target256(difficulty: 0.001).description
            == "000003e7fc180000000000000000000000000000000000000000000000000000")
        // 65536.5: floor(0xFFFF·2^208 · 2 / 131073), checked against Python's integer division.
        #expect(try Target256(difficulty: 65536.5).description
            == "000000000000fffe8000bfffa0002fffe8000bfffa0002fffe8000bfffa0002f")
        #expect(try Target256(difficulty: 1e-300) == .max)
        #expect(try Target256(difficulty: 1e300) == .zero)
    }

    @Test("bad difficulties and compact targets are thrown errors")
    func badInput() {
        for d in [0, -1, Double.nan, .infinity] {
            #expect(throws: WorkError.self) { try Target256(difficulty: d) }
        }
        #expect(throws: WorkError.badCompactTarget(0x0480_0001)) { try Target256(compact: 0x0480_0001) }
        #expect(throws: WorkError.badCompactTarget(0x2301_0000)) { try Target256(compact: 0x2301_0000) }
        #expect(throws: WorkError.self) { try Target256(hex: "00ff") }
    }

    @Test("compact round trip on real nbits")
    func compact() throws {
        let t = try Target256(compact: 0x1A44_B9F2)
        #expect(t.description == "00000000000044b9f20000000000000000000000000000000000000000000000")
        #expect(t.compact == 0x1A44_B9F2)
        #expect(try Target256(compact: 0x0212_3400).description.hasSuffix("1234"))
    }

    @Test("genesis hash difficulty and the meets rule")
    func hashDifficulty() throws {
        let genesis = try BlockHeader.hash(Blocks.genesisHeader())
        // diff1 / 0x19d6689c…e26f = 2536.4262984453… (exact rational, computed in Python).
        #expect(abs(genesis.difficulty - 2536.426_298_445_310_3) < 1e-9)
        #expect(try Target256.difficulty(ofHash: genesis.bytes) == genesis.difficulty)
        #expect(genesis.meets(try Target256(difficulty: 2536)))
        #expect(!genesis.meets(try Target256(difficulty: 2537)))
        #expect(genesis.meets(genesis.value))  // ≤, not <
        #expect(!genesis.meets(try Target256(hex: genesis.displayHex).shiftedRight(1)))
        #expect(genesis.value.description == Blocks.genesisID)
    }
}
