/// Counters a miner (and a person watching it) cares about.
public struct MiningStatistics: Sendable, Hashable {
    public var sharesAccepted = 0
    /// Rejections by the pool's reason text ("stale", "low difficulty share", …).
    public var sharesRejected: [String: Int] = [:]
    /// Submissions the pool never answered (timeout, connection lost).
    public var sharesUnanswered = 0
    /// Nonces for work that a clean job had already replaced: dropped, not submitted.
    public var stale = 0
    /// The same share found twice (e.g. two chips on the same work): dropped.
    public var duplicates = 0
    /// Nonces that don't hash under the share target: the chips erred.
    public var hardwareErrors = 0
    /// Nonces for work ids the engine never issued or has forgotten.
    public var unknownWork = 0
    public var bestShareDifficulty = 0.0
    /// Sum of the pool difficulty of accepted shares (each is worth difficulty × 2³² hashes).
    public var acceptedDifficulty = 0.0
    public var jobsReceived = 0
    public var cleanJobSwitches = 0
    /// Times a pool difficulty was below what this board should submit at and was raised locally.
    public var difficultyRaises = 0
    /// Shares found while no pool was connected: not sent anywhere (the chips kept heating).
    public var foundWithoutPool = 0
    /// Times the last job was handed to the board again while no pool gave work.
    public var keepWarmReissues = 0

    public init() {}

    public var totalRejected: Int { sharesRejected.values.reduce(0, +) }
}
