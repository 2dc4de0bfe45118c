extension Target256 {
    /// The share target for a pool difficulty: ⌊diff1 / difficulty⌋ with diff1 = 0xFFFF · 2^208.
    ///
    /// Exact, in integer arithmetic: the difficulty is taken as the decimal its shortest
    /// round-trip text spells (what the pool wrote in JSON: `0.001` means exactly 1/1000,
    /// not the nearest binary fraction), i.e. N · 10^p with an integer N, and the target is
    /// ⌊diff1 · 10^−p / N⌋ (or ⌊diff1 / N / 10^p⌋). Difficulties so small that the target
    /// passes 2^256 (below about 2.3e-10) give `.max`: every hash is a share.
    public init(difficulty: Double) throws(WorkError) {
        guard difficulty.isFinite, difficulty > 0 else { throw .badDifficulty(difficulty) }
        let (n, p) = Self.decimal(difficulty)
        var wide = WideUInt(Target256.difficulty1)
        if p < 0 {
            for _ in 0..<(-p) {
                guard wide.multiply(by: 10) else {
                    self = .max
                    return
                }
            }
            wide.divide(by: n)
        } else {
            // ⌊⌊x / a⌋ / b⌋ = ⌊x / (a·b)⌋ for positive integers, so dividing in steps is exact.
            wide.divide(by: n)
            for _ in 0..<min(p, 80) { wide.divide(by: 10) }  // 10^80 > 2^256: zero by then
        }
        self = wide.target256 ?? .max
    }

    /// The difficulty a target stands for: diff1 / target (∞ for a zero target).
    public var difficulty: Double {
        let value = doubleValue
        return value == 0 ? .infinity : Target256.difficulty1.doubleValue / value
    }

    /// `value` = n · 10^p, read from Swift's shortest round-trip text (e.g. "1e-06", "0.001",
    /// "2536.5", "1e+16"); n has at most 17 digits so it fits a UInt64.
    static func decimal(_ value: Double) -> (n: UInt64, p: Int) {
        var n: UInt64 = 0
        var p = 0
        var seenPoint = false
        var exponentText = ""
        var inExponent = false
        for ch in value.description {
            if inExponent {
                exponentText.append(ch)
            } else if ch == "e" || ch == "E" {
                inExponent = true
            } else if ch == "." {
                seenPoint = true
            } else if let digit = ch.wholeNumberValue {
                n = n * 10 + UInt64(digit)
                if seenPoint { p -= 1 }
            }
        }
        p += Int(exponentText) ?? 0
        while n != 0 && n % 10 == 0 {
            n /= 10
            p += 1
        }
        return (n, p)
    }
}
