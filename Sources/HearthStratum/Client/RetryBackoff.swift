import HearthSupport

/// Exponential backoff with jitter over a pool list: the first round tries every
/// pool after the initial delay, each further full round doubles it, up to a cap.
struct RetryBackoff {
    var initial: Duration
    var maximum: Duration
    var jitter: Double
    var random: @Sendable () -> Double

    /// Delay before the next attempt after `failures` consecutive failures (≥ 1) over `poolCount` pools.
    func delay(failures: Int, poolCount: Int) -> Duration {
        let rounds = min(max(failures - 1, 0) / max(poolCount, 1), 30)
        let base = min(initial.seconds * Double(1 << rounds), maximum.seconds)
        let r = min(max(random(), 0), 1)
        let fraction = 1 - min(max(jitter, 0), 1) * r
        return .seconds(base * fraction)
    }
}
