import HearthSupport
import Testing

/// Pinned outputs: seeded simulations must stay bit-identical across releases, so the
/// sequence may never change.
@Suite struct SplitMix64Tests {
    @Test func matchesTheReferenceSequence() {
        // Reference values of SplitMix64 (Vigna's splitmix64.c) from state 0 and 1234567.
        var zero = SplitMix64(state: 0)
        #expect((0..<3).map { _ in zero.next() } == [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F])
        var r = SplitMix64(state: 1_234_567)
        #expect((0..<5).map { _ in r.next() } == [
            6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
            4_593_380_528_125_082_431, 16_408_922_859_458_223_821,
        ])
    }

    @Test func uniformIsTheTop53BitsInTheUnitInterval() {
        var a = SplitMix64(state: 42), b = SplitMix64(state: 42)
        for _ in 0..<1000 {
            let u = a.uniform()
            #expect(u >= 0 && u < 1)
            #expect(u == Double(b.next() >> 11) * 0x1p-53)
        }
    }

    @Test func sameStateSameBytes() {
        var a = SplitMix64(state: 0x5EED), b = SplitMix64(state: 0x5EED), c = SplitMix64(state: 0x5EEE)
        let bytes = a.bytes(64)
        #expect(bytes.count == 64)
        #expect(bytes == b.bytes(64))
        #expect(bytes != c.bytes(64))
    }
}
