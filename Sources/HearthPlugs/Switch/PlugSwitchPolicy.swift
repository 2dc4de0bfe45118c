import HearthSupport

/// How hard `PlugSwitch` pushes a plug. The defaults suit a heater: the thermostat
/// switches a few times an hour, a relay is rated for ~100 000 cycles, and a plug that
/// stops answering is retried every minute at most (issue 16).
public struct PlugSwitchPolicy: Sendable, Hashable {
    /// No retry toward a plug sooner than this, whatever the policy says.
    public static let minimumRetryFloor: Duration = .seconds(1)

    /// Backoff after failures (its floor is raised to `minimumRetryFloor`).
    public var retry: RetryPolicy
    /// Commands (switchings and their retries) sent to the plug in any 60 s; more wait.
    /// Protects the relay and the heater's PSU from a controller or a bug that flaps.
    public var maxCommandsPerMinute: Int
    /// Failures in a row before the plug counts as "not answering" (`hearth status`).
    public var failuresBeforeNotAnswering: Int
    /// How often the plug's state and watts are read while nothing changes: catches a
    /// plug switched by hand, or one that restarted off after a power cut.
    public var statusInterval: Duration

    public init(retry: RetryPolicy = .standard, maxCommandsPerMinute: Int = 6, failuresBeforeNotAnswering: Int = 3,
                statusInterval: Duration = .seconds(30))
    {
        var retry = retry
        retry.floor = max(retry.floor, Self.minimumRetryFloor)
        self.retry = retry
        self.maxCommandsPerMinute = max(1, maxCommandsPerMinute)
        self.failuresBeforeNotAnswering = max(1, failuresBeforeNotAnswering)
        self.statusInterval = max(statusInterval, .seconds(1))
    }
}
