import HearthSupport

/// How late ticks ran against the wall clock: the worst over the whole run, and the last
/// `capacity` ticks for percentiles.
///
/// The window is allocated and written once, at start: a log that grew by doubling kept a
/// long-running daemon's memory climbing for days (at 5 s ticks the 65 536 → 131 072 step
/// came at 3.8 simulated days, 1 MiB at a time), which a soak cannot tell from a leak.
public struct LatenessLog: Sendable {
    public static let capacity = 10_000
    private var window: [Duration]
    private var next = 0
    public private(set) var count = 0
    /// The latest tick of the run, over every tick, not only the window.
    public private(set) var worst: Duration = .zero

    public init() { window = Array(repeating: .zero, count: Self.capacity) }

    public mutating func add(_ d: Duration) {
        let late = max(d, .zero)
        window[next] = late
        next = (next + 1) % Self.capacity
        count += 1
        worst = max(worst, late)
    }

    /// Nearest-rank percentile over the last `capacity` ticks; nil before the first tick.
    public func percentile(_ p: Double) -> Duration? {
        NearestRank.percentile(Array(window.prefix(min(count, Self.capacity))), p)
    }
}
