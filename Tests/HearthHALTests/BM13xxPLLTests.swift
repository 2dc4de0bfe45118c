import HearthCore
@testable import HearthHAL
import Testing

@Suite struct BM13xxPLLTests {
    @Test func espMinerVector() throws {
        // components/asic/test/test_pll.c: 450 MHz in fb 60…200 → fb 72, ref 2, post 2/1.
        let r = try #require(BM13xxPLL.search(Megahertz(450), feedbackRange: 60...200))
        #expect(r.pll == BM13xxPLL(feedbackDivider: 72, referenceDivider: 2, postDivider1: 2, postDivider2: 1))
        #expect(abs(r.error.value) < 1e-9)
    }

    /// Every target from 50 to 800 MHz in 0.25 MHz steps, for every model: the dividers
    /// obey the chip's limits, the reported error is what they give, and no legal
    /// combination is closer (checked by brute force here, independently of the search).
    @Test(arguments: BM13xxChipModel.all)
    func searchIsOptimalAcrossTheRange(_ model: BM13xxChipModel) throws {
        var legal: [Double] = []
        for ref in 1...2 { for p1 in 1...7 { for p2 in 1...7 where p1 > p2 {
            for fb in model.feedbackDivider { legal.append(25 * Double(fb) / Double(ref * p1 * p2)) }
        } } }
        var worst = 0.0
        var t = 50.0
        while t <= 800 {
            let r = try #require(BM13xxPLL.search(Megahertz(t), feedbackRange: model.feedbackDivider))
            #expect(model.feedbackDivider.contains(r.pll.feedbackDivider))
            #expect(r.pll.postDivider1 > r.pll.postDivider2)
            #expect(abs(r.pll.frequency.value - t - r.error.value) < 1e-9)
            let bestPossible = legal.map { abs($0 - t) }.min()!
            #expect(abs(r.error.value) <= bestPossible + 1e-9, "\(t) MHz")
            if (100...700).contains(t) { worst = max(worst, abs(r.error.value)) }
            // The register value reads back to the same dividers.
            #expect(BM13xxPLL(registerValue: r.pll.registerValue) == r.pll)
            t += 0.25
        }
        #expect(worst <= 1.5 + 1e-9, "worst error 100–700 MHz: \(worst) MHz")
    }

    @Test func registerValueSetsTheVCOScaleBit() {
        let low = BM13xxPLL(feedbackDivider: 160, referenceDivider: 2, postDivider1: 4, postDivider2: 1)   // VCO 2000
        let high = BM13xxPLL(feedbackDivider: 200, referenceDivider: 2, postDivider1: 5, postDivider2: 2)  // VCO 2500
        #expect(low.registerValue >> 24 == 0x40)
        #expect(high.registerValue >> 24 == 0x50)
        #expect(high.registerValue & 0xFF == 0x41)
    }

    @Test func rampStepsAreSmallAndEndOnTarget() {
        let up = BM13xxPLL.ramp(from: Megahertz(56.25), to: Megahertz(485))
        #expect(up.last == Megahertz(485))
        var previous = 56.25
        for f in up {
            #expect(abs(f.value - previous) <= 6.25 + 1e-9)
            previous = f.value
        }
        #expect(up.count == 69)
        #expect(BM13xxPLL.ramp(from: Megahertz(485), to: Megahertz(480)) == [Megahertz(480)])
        let down = BM13xxPLL.ramp(from: Megahertz(600), to: Megahertz(400))
        #expect(down.count == 32 && down.last == Megahertz(400))
    }
}
