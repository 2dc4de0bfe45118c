/// Nearest-rank percentiles of durations: one rule for every figure the miner reports.
public enum DurationPercentile {
    /// The p-th percentile (0…100) of `samples`, nearest rank; nil when there are none.
    public static func nearestRank(_ samples: [Duration], _ p: Double) -> Duration? {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.sorted()
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }
}
