import HearthSupport

/// The simulation's noise source: the project's one SplitMix64 with uniform and
/// Gaussian draws, so every simulation with the same seed produces the same day,
/// bit for bit, on every machine.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var generator: SplitMix64
    private var spareGaussian: Double?

    /// The seed is stepped once before use (seed 0 does not start at state 0); kept so
    /// seeded runs stay identical to earlier releases.
    public init(seed: UInt64) { generator = SplitMix64(state: seed &+ 0x9E37_79B9_7F4A_7C15) }

    public mutating func next() -> UInt64 { generator.next() }

    /// Uniform in [0, 1).
    public mutating func uniform() -> Double { generator.uniform() }

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
