/// SplitMix64 (Steele, Lea, Flood 2014): a tiny, fast, deterministic generator.
/// The same state gives the same sequence on every machine, so a seeded simulation
/// reproduces bit for bit and a failing random test case can be replayed.
/// Not for secrets.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The whole generator state; each `next()` advances it by the golden-ratio step.
    public var state: UInt64

    public init(state: UInt64) { self.state = state }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1), from the top 53 bits.
    public mutating func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// `count` pseudo-random bytes.
    public mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &self) }
    }
}
