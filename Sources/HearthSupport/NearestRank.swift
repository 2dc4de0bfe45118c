/// The project's one percentile rule, nearest rank: the smallest sample with at least a
/// fraction `p` of all samples at or below it (so p99 of 50 samples is the largest).
public enum NearestRank {
    /// `p` in 0…1; nil when there are no samples.
    public static func percentile<T: Comparable>(_ samples: [T], _ p: Double) -> T? {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.sorted()
        let rank = Int((p * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }
}
