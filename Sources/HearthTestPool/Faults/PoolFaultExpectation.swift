import HearthStratum

/// What a pool fault must end in, from the client's own timeouts: whether the client
/// must notice at all, and the longest each step may take, with the reason.
public struct PoolFaultExpectation: Sendable {
    /// False for a fault the client should ride out (answers slower than its timeouts allow for).
    public var noticed: Bool
    /// Injection → the client says the pool is lost (naming it).
    public var noticeBound: Duration
    /// Injection → mining on the backup pool.
    public var failoverBound: Duration
    /// Fault cleared → the primary accepts shares again.
    public var resumeBound: Duration
    /// Why the notice takes as long as it may.
    public var reason: String
    /// The client notices only when it sends something (a share): a miner whose thermostat
    /// has the chips off may not notice until its idle timeout.
    public var needsTraffic: Bool

    /// - Parameter slack: room for a share to be found and a loaded machine (added to every bound).
    public static func of(_ fault: PoolFault, options o: StratumClientOptions, slack: Duration) -> PoolFaultExpectation {
        let submitOrIdle = min(o.submitTimeout + slack, o.idleTimeout)
        let garbageRun = PoolGarbage.interval * o.maxBadLinesInARow
        let (noticed, notice, reason): (Bool, Duration, String)
        switch fault {
        case .refuse:
            (noticed, notice, reason) = (true, slack, "the pool closes the connection: seen at once")
        case .closeAfter:
            (noticed, notice, reason) = (true, slack, "the pool closes the connection after a few shares: seen at once")
        case .closeEvery(let period):
            (noticed, notice, reason) = (true, period + slack, "the pool closes each connection one period after it opened")
        case .silent:
            (noticed, notice, reason) = (true, submitOrIdle, "the next share goes unanswered for the submit timeout (idle timeout without shares)")
        case .slow(let delay):
            let late = delay > o.submitTimeout
            (noticed, notice, reason) = (late, submitOrIdle,
                                         late ? "answers come after the submit timeout: the share goes unanswered"
                                              : "answers within the timeouts: the client rides it out")
        case .garbage(.oversize):
            (noticed, notice, reason) = (true, slack, "a line over the client's limit closes the connection at once")
        case .garbage:
            (noticed, notice, reason) = (true, min(garbageRun + slack, submitOrIdle),
                                         "\(o.maxBadLinesInARow) bad lines in a row at one per \(PoolGarbage.interval), or the share answered with garbage times out")
        }
        // A failover after a healthy spell waits out the first backoff step and a handshake on the
        // backup (after failures in a row the step doubles, up to `maxRetryDelay`).
        let failover = notice + max(o.initialRetryDelay, o.retryFloor) + o.handshakeTimeout
        let resume = o.primaryProbeInterval + o.handshakeTimeout + slack
        let needsTraffic: Bool
        switch fault {
        case .silent, .slow, .closeAfter: needsTraffic = true
        case .refuse, .closeEvery, .garbage: needsTraffic = false
        }
        return PoolFaultExpectation(noticed: noticed, noticeBound: notice, failoverBound: failover, resumeBound: resume,
                                    reason: reason, needsTraffic: needsTraffic)
    }
}
