/// Axis and sampling helpers for the SVG report: pure functions, easy to test.
public enum PlotScale {
    /// Round tick values (steps of 1, 2 or 5 × 10ⁿ) covering `lower...upper`
    /// with at most about `maxCount` ticks. A zero-width range is widened by ±1
    /// so a constant line still gets an axis.
    public static func niceTicks(lower: Double, upper: Double, maxCount: Int = 6) -> [Double] {
        guard lower.isFinite, upper.isFinite else { return [0, 1] }
        var lo = Swift.min(lower, upper), hi = Swift.max(lower, upper)
        if hi - lo < 1e-9 { lo -= 1; hi += 1 }
        let step = niceStep(span: hi - lo, maxCount: Swift.max(2, maxCount))
        let first = (lo / step).rounded(.down), last = (hi / step).rounded(.up)
        // Multiply integer indices (not accumulate) so ticks stay exact-ish: 0.1, 0.2, 0.3.
        return stride(from: first, through: last, by: 1).map { cleaned($0 * step) }
    }

    /// The smallest 1/2/5 × 10ⁿ step giving at most `maxCount` intervals over `span`.
    public static func niceStep(span: Double, maxCount: Int) -> Double {
        let raw = span / Double(maxCount)
        var magnitude = 1.0
        while magnitude > raw { magnitude /= 10 }
        while magnitude * 10 <= raw { magnitude *= 10 }
        for m in [1.0, 2, 5, 10] where magnitude * m >= raw { return magnitude * m }
        return magnitude * 10
    }

    /// Hour-friendly time ticks (0.25 h … 1 week) for a span in hours.
    public static func hourTicks(lower: Double, upper: Double, maxCount: Int = 10) -> [Double] {
        let span = Swift.max(upper - lower, 1e-9)
        let steps: [Double] = [0.25, 0.5, 1, 2, 3, 4, 6, 12, 24, 48, 72, 168]
        let step = steps.first { span / $0 <= Double(maxCount) } ?? (span / Double(maxCount)).rounded(.up)
        let first = (lower / step).rounded(.up), last = (upper / step).rounded(.down)
        guard first <= last else { return [lower] }
        return stride(from: first, through: last, by: 1).map { cleaned($0 * step) }
    }

    /// Decimals needed to print every tick distinctly (0 for 5, 10; 1 for 0.5; 2 for 0.25).
    public static func decimals(for ticks: [Double]) -> Int {
        guard ticks.count >= 2 else { return 0 }
        let step = abs(ticks[1] - ticks[0])
        var d = 0, scale = 1.0
        while d < 6 && abs((step * scale).rounded() - step * scale) > 1e-6 * scale { d += 1; scale *= 10 }
        return d
    }

    /// Reduces a line to at most about `maxPoints` points, keeping each bucket's
    /// minimum and maximum (in time order) so spikes and trips stay visible.
    /// Non-finite `y` values split the line into separate runs (gaps).
    public static func downsampleMinMax(x: [Double], y: [Double], maxPoints: Int) -> [[(x: Double, y: Double)]] {
        let n = Swift.min(x.count, y.count)
        var runs: [Range<Int>] = []
        var start: Int?
        for i in 0..<n {
            let ok = x[i].isFinite && y[i].isFinite
            if ok, start == nil { start = i }
            if !ok, let s = start { runs.append(s..<i); start = nil }
        }
        if let s = start { runs.append(s..<n) }
        let finiteCount = runs.reduce(0) { $0 + $1.count }
        guard finiteCount > 0 else { return [] }

        return runs.map { run in
            let budget = Swift.max(2, maxPoints * run.count / finiteCount)
            if run.count <= budget { return run.map { (x[$0], y[$0]) } }
            let buckets = budget / 2
            var points: [(x: Double, y: Double)] = []
            points.reserveCapacity(budget)
            for b in 0..<buckets {
                let lo = run.lowerBound + run.count * b / buckets
                let hi = run.lowerBound + run.count * (b + 1) / buckets
                guard lo < hi else { continue }
                var iMin = lo, iMax = lo
                for i in lo..<hi {
                    if y[i] < y[iMin] { iMin = i }
                    if y[i] > y[iMax] { iMax = i }
                }
                for i in iMin == iMax ? [iMin] : [Swift.min(iMin, iMax), Swift.max(iMin, iMax)] {
                    points.append((x[i], y[i]))
                }
            }
            return points
        }
    }

    /// Strips float noise like 0.30000000000000004 from tick values.
    private static func cleaned(_ v: Double) -> Double {
        let r = (v * 1e9).rounded() / 1e9
        return r == 0 ? 0 : r   // no "-0"
    }
}

/// Escapes text for XML content and attribute values.
public func xmlEscaped(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.count)
    for c in text {
        switch c {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&apos;"
        default: out.append(c)
        }
    }
    return out
}
