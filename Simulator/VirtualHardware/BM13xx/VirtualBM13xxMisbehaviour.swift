/// Ways the virtual chain can fail, set by tests and fault scenarios.
public struct VirtualBM13xxMisbehaviour: Sendable, Hashable {
    /// Share of replies with one bit flipped (the CRC catches it).
    public var bitErrorRate = 0.0
    /// Share of replies cut short (the rest never arrives).
    public var shortFrameRate = 0.0
    /// Share of nonces reported wrong (a core's hardware error).
    public var wrongNonceRate = 0.0
    /// The chain answers nothing and hashes nothing (a dead regulator, a cracked joint).
    public var silent = false

    public init(bitErrorRate: Double = 0, shortFrameRate: Double = 0, wrongNonceRate: Double = 0, silent: Bool = false) {
        self.bitErrorRate = bitErrorRate
        self.shortFrameRate = shortFrameRate
        self.wrongNonceRate = wrongNonceRate
        self.silent = silent
    }
}
