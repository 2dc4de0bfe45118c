import Testing
@testable import HearthCore

@Suite struct EfficiencyHullTests {
    @Test func dominatedPointIsDroppedAndOffIsFirst() {
        // From the origin, low (3 TH @ 70 W) lies under the chord to mid (4.5 @ 100 W):
        // 70/100 × 4.5 = 3.15 > 3, so time-sharing off/mid beats running low.
        let hull = EfficiencyHull(points: TestBoards.nanoLike.operatingPoints)
        #expect(hull.vertices.map(\.pointIndex) == [nil, 1, 2])
        #expect(hull.maximumPower == Watts(140))
    }

    @Test func convexTableKeepsEveryPoint() {
        let pts = [(0, Watts(10), HashRate(5)), (1, Watts(20), HashRate(8)), (2, Watts(30), HashRate(10))]
        let hull = EfficiencyHull(samples: pts)
        #expect(hull.vertices.map(\.pointIndex) == [nil, 0, 1, 2])
    }

    @Test func hashrateInterpolatesAlongTheEnvelope() {
        let hull = EfficiencyHull(points: TestBoards.nanoLike.operatingPoints)
        #expect(abs(hull.hashrate(at: Watts(50)).terahashes - 2.25) < 1e-9)     // half of mid
        #expect(abs(hull.hashrate(at: Watts(120)).terahashes - 5.25) < 1e-9)    // halfway mid→high
        #expect(hull.hashrate(at: Watts(500)) == HashRate(terahashes: 6))       // clamped at the top
        let s = hull.segment(for: Watts(120))
        #expect(s.lower == 1 && s.upper == 2 && abs(s.upperShare - 0.5) < 1e-12)
    }
}
