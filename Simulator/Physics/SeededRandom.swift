/// A small deterministic generator (SplitMix64) so every simulation with the
/// same seed produces the same day, bit for bit, on every machine.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64
    private var spareGaussian: Double?

    public init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    public mutating func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Standard normal (Box–Muller, pairs cached).
    public mutating func gaussian() -> Double {
        if let g = spareGaussian { spareGaussian = nil; return g }
        var u = uniform()
        while u <= .leastNonzeroMagnitude { u = uniform() }
        let v = uniform()
        let r = (-2 * _log(u)).squareRoot()
        spareGaussian = r * _sin(2 * .pi * v)
        return r * _cos(2 * .pi * v)
    }
}
