/// Keeps the most recent job-switch latencies (notify read from the socket →
/// new work handed to the hash board) in a bounded ring, for the benchmark.
public struct JobSwitchRecorder: Sendable {
    public let capacity: Int
    private var samples: [Duration] = []
    private var next = 0

    public init(capacity: Int = 4096) {
        self.capacity = max(1, capacity)
        samples.reserveCapacity(self.capacity)
    }

    public mutating func record(_ d: Duration) {
        if samples.count < capacity { samples.append(d) } else { samples[next] = d }
        next = (next + 1) % capacity
    }

    public var count: Int { samples.count }

    /// The p-th percentile (0…100), nearest rank.
    public func percentile(_ p: Double) -> Duration? { DurationPercentile.nearestRank(samples, p) }
}
