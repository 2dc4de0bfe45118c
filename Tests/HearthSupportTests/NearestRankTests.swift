import HearthSupport
import Testing

@Suite struct NearestRankTests {
    @Test func nearestRankPicksASampleNeverInterpolates() {
        let xs = (1...50).map(Double.init)
        #expect(NearestRank.percentile(xs, 0.99) == 50)     // 49.5 rounds up to rank 50
        #expect(NearestRank.percentile(xs, 0.5) == 25)
        #expect(NearestRank.percentile(xs, 0) == 1)
        #expect(NearestRank.percentile([3.0, 1, 2], 1) == 3)
        #expect(NearestRank.percentile([Double](), 0.5) == nil)
        #expect(NearestRank.percentile([Duration.seconds(2), .seconds(1)], 0.5) == .seconds(1))
    }
}
