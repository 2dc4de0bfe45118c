import HearthCore

/// The hash-clock PLL (register 0x08): f = 25 MHz · fb_div / (refdiv · post1 · post2).
///
/// Register bytes (big-endian): `[0x40, or 0x50 when the VCO (25 · fb_div / refdiv)
/// runs at 2400 MHz or more; fb_div; refdiv; (post1−1)<<4 | (post2−1)]`.
public struct BM13xxPLL: Sendable, Hashable, CustomStringConvertible {
    public static let reference = Megahertz(25)
    public static let register: UInt8 = 0x08

    public var feedbackDivider: Int
    public var referenceDivider: Int
    public var postDivider1: Int
    public var postDivider2: Int

    public init(feedbackDivider: Int, referenceDivider: Int, postDivider1: Int, postDivider2: Int) {
        self.feedbackDivider = feedbackDivider
        self.referenceDivider = referenceDivider
        self.postDivider1 = postDivider1
        self.postDivider2 = postDivider2
    }

    public var frequency: Megahertz {
        Megahertz(Self.reference.value * Double(feedbackDivider)
                  / Double(referenceDivider * postDivider1 * postDivider2))
    }

    public var vco: Megahertz { Megahertz(Self.reference.value * Double(feedbackDivider) / Double(referenceDivider)) }

    public var registerValue: UInt32 {
        let scale: UInt32 = vco.value >= 2400 ? 0x50 : 0x40
        let post = UInt32((postDivider1 - 1) & 0xF) << 4 | UInt32((postDivider2 - 1) & 0xF)
        return scale << 24 | UInt32(feedbackDivider & 0xFF) << 16 | UInt32(referenceDivider & 0xFF) << 8 | post
    }

    /// Reads a register value back; `nil` for dividers of zero (a chip not yet clocked).
    public init?(registerValue v: UInt32) {
        let fb = Int((v >> 16) & 0xFF), ref = Int((v >> 8) & 0xFF)
        let p1 = Int((v >> 4) & 0xF) + 1, p2 = Int(v & 0xF) + 1
        guard fb > 0, ref > 0 else { return nil }
        self.init(feedbackDivider: fb, referenceDivider: ref, postDivider1: p1, postDivider2: p2)
    }

    public var description: String {
        "\(frequency) (fb \(feedbackDivider), ref \(referenceDivider), post \(postDivider1)/\(postDivider2))"
    }

    /// The dividers closest to `target` over the whole range (refdiv 1…2, post dividers
    /// 1…7 with post1 > post2 as ESP-Miner uses them, fb_div in the chip's range); ties
    /// go to the lower VCO, then the smaller post-divider product. `error` is
    /// achieved − target. `nil` only when the range allows nothing at all.
    public static func search(_ target: Megahertz, feedbackRange: ClosedRange<Int>)
        -> (pll: BM13xxPLL, error: Megahertz)? {
        var best: (pll: BM13xxPLL, diff: Double)?
        for ref in 1...2 {
            for p1 in 1...7 {
                for p2 in 1...7 where p1 > p2 {
                    let divider = Double(ref * p1 * p2)
                    let ideal = target.value / reference.value * divider
                    // The nearest two integers, clamped into the range: the whole range is
                    // reachable, so a target outside it lands on the nearest edge.
                    for fb in Set([Int(ideal.rounded(.down)), Int(ideal.rounded(.up))].map {
                        min(max($0, feedbackRange.lowerBound), feedbackRange.upperBound)
                    }) {
                        let pll = BM13xxPLL(feedbackDivider: fb, referenceDivider: ref, postDivider1: p1, postDivider2: p2)
                        let diff = abs(pll.frequency.value - target.value)
                        if let b = best {
                            let tie = abs(diff - b.diff) < 1e-9
                            if diff < b.diff - 1e-9
                                || (tie && pll.vco.value < b.pll.vco.value - 1e-9)
                                || (tie && abs(pll.vco.value - b.pll.vco.value) < 1e-9 && p1 * p2 < b.pll.postDivider1 * b.pll.postDivider2) {
                                best = (pll, diff)
                            }
                        } else {
                            best = (pll, diff)
                        }
                    }
                }
            }
        }
        return best.map { ($0.pll, $0.pll.frequency - target) }
    }

    /// The first step of `ramp(from:to:step:)`, without building the rest.
    public static func nextStep(from: Megahertz, to: Megahertz, step: Megahertz = Megahertz(6.25)) -> Megahertz {
        guard step.value > 0, from.isFinite, to.isFinite, abs(to.value - from.value) > step.value else { return to }
        return Megahertz(from.value + (to.value >= from.value ? step.value : -step.value))
    }

    /// Intermediate frequencies from `from` to `to` in steps of at most `step`
    /// (the chip is re-clocked gradually, never jumped), ending exactly at `to`.
    public static func ramp(from: Megahertz, to: Megahertz, step: Megahertz = Megahertz(6.25)) -> [Megahertz] {
        guard step.value > 0, from.isFinite, to.isFinite else { return [to] }
        let steps = Int((abs(to.value - from.value) / step.value).rounded(.up))
        guard steps > 1 else { return [to] }
        let direction = to.value >= from.value ? 1.0 : -1.0
        return (1..<steps).map { Megahertz(from.value + direction * step.value * Double($0)) } + [to]
    }
}
