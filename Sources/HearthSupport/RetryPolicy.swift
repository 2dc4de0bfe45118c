// The one retry backoff for every network client (pools, devices, plugs, the MQTT
// broker): a peer, broken or hostile, must never make Hearth reconnect in a loop.

/// How long to wait before the next attempt to reach a peer.
///
/// The delay after the n-th consecutive failure is `initial · multiplier^(n−1)`, capped
/// at `cap`, minus up to `jitter` of itself (so clients that failed together don't come
/// back together), and never below `floor`, whatever the peer asks for. A peer that
/// accepts and drops the connection at once, or keeps asking for an immediate
/// reconnect, is a failing peer: only a connection that stayed up for `healthyAfter`
/// resets the count.
public struct RetryPolicy: Sendable, Hashable {
    /// No retry sooner than this, even when the peer asks for "now" (issue 16: a pool that
    /// asked for a 0 s reconnect got 4 500 reconnects per second).
    public var floor: Duration
    /// The base delay after the first failure (before jitter).
    public var initial: Duration
    /// Growth per further consecutive failure.
    public var multiplier: Double
    /// The longest base delay: a peer that is down for hours is still retried this often.
    public var cap: Duration
    /// Fraction of the base delay taken off at random (0 = none, 1 = anything down to the floor).
    public var jitter: Double
    /// A connection that stayed up this long counts as healthy: the failure count starts over.
    public var healthyAfter: Duration

    public init(floor: Duration = .seconds(1), initial: Duration = .seconds(2), multiplier: Double = 2,
                cap: Duration = .seconds(60), jitter: Double = 0.5, healthyAfter: Duration = .seconds(30))
    {
        self.floor = floor
        self.initial = initial
        self.multiplier = multiplier
        self.cap = cap
        self.jitter = jitter
        self.healthyAfter = healthyAfter
    }

    /// The default for every client: 1 s floor, 2 s doubling to 60 s, half jitter, healthy after 30 s.
    public static let standard = RetryPolicy()

    /// The delay after `failures` consecutive failures (values below 1 count as 1).
    /// - Parameters:
    ///   - random: a draw in 0..<1 from the caller's random source (clamped to 0...1).
    ///   - requested: a wait the peer asked for (Stratum `client.reconnect`): honoured when
    ///     longer than the backoff, up to `cap`; never allowed to shorten it.
    public func delay(afterFailures failures: Int, random: Double, requested: Duration? = nil) -> Duration {
        let floor = max(self.floor, .zero)
        let cap = max(self.cap, floor)
        // Past ~60 doublings every sane cap is reached; stopping there keeps the power finite.
        let exponent = Double(min(max(failures, 1) - 1, 60))
        let growth = multiplier.isFinite ? max(multiplier, 1) : 1
        let baseSeconds = min(seconds(initial) * power(growth, exponent), seconds(cap))
        let r = random.isFinite ? min(max(random, 0), 1) : 0
        let share = jitter.isFinite ? min(max(jitter, 0), 1) : 0
        var delay = Duration.nanoseconds(Int64((baseSeconds * (1 - share * r) * 1e9).rounded()))
        if let requested { delay = max(delay, min(requested, cap)) }
        return min(max(delay, floor), cap)
    }

    private func seconds(_ d: Duration) -> Double { d / .seconds(1) }

    /// `base^exponent` for a whole exponent without Foundation's `pow`.
    private func power(_ base: Double, _ exponent: Double) -> Double {
        var result = 1.0
        var i = 0.0
        while i < exponent, result < 1e12 {  // beyond 1e12 the cap has long won
            result *= base
            i += 1
        }
        return result
    }
}

/// The retry state of one client toward one peer: consecutive failures, and its own
/// SplitMix64 for the jitter. A value; the client owns it on its own thread or event loop.
public struct RetrySchedule: Sendable {
    public let policy: RetryPolicy
    /// Consecutive failures since the last healthy connection.
    public private(set) var failures = 0
    private var generator: SplitMix64

    /// - Parameter seed: the jitter's seed; the same seed gives the same delays (tests, simulations).
    public init(policy: RetryPolicy = .standard, seed: UInt64) {
        self.policy = policy
        self.generator = SplitMix64(state: seed)
    }

    /// Seeded from the system's random source, so clients that failed together spread out.
    public init(policy: RetryPolicy = .standard) {
        self.init(policy: policy, seed: UInt64.random(in: .min ... .max))
    }

    /// A connection attempt failed, or a connection ended after `connectedFor` (nil when it
    /// never came up). Returns the delay before the next attempt.
    public mutating func failed(connectedFor: Duration? = nil, requested: Duration? = nil) -> Duration {
        if let connectedFor, connectedFor >= policy.healthyAfter { failures = 0 }
        failures += 1
        return policy.delay(afterFailures: failures, random: generator.uniform(), requested: requested)
    }

    /// Starts over, as after a healthy connection (e.g. a person changed the peer's address).
    public mutating func reset() { failures = 0 }
}
