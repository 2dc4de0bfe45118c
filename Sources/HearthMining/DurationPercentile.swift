import HearthSupport

/// Nearest-rank percentiles of durations: one rule for every figure the miner reports.
public enum DurationPercentile {
    /// The p-th percentile (0…100) of `samples`, nearest rank; nil when there are none.
    public static func nearestRank(_ samples: [Duration], _ p: Double) -> Duration? {
        NearestRank.percentile(samples, p / 100)
    }
}
