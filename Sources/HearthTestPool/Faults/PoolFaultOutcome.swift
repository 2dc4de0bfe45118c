import HearthStratum
import HearthSupport

/// What one drill measured, every time from the injection (resume: from the clearing).
public struct PoolFaultOutcome: Sendable {
    public var fault: PoolFault
    /// The primary pool as the client names it (`host:port`).
    public var peer: String
    public var expectation: PoolFaultExpectation
    /// Injection → the client's first `.disconnected` for the primary; nil: it never said.
    public var notice: Duration?
    /// What the client said then.
    public var noticeReason: String?
    /// Injection → mining on the backup.
    public var failover: Duration?
    /// Injection → the backup's first accepted share.
    public var backupShare: Duration?
    /// Fault cleared → the primary's first accepted share.
    public var resume: Duration?
    /// Connections to the primary while faulted: those it accepted (main and probes), or for a
    /// refusing pool the client's main attempts (a refused probe leaves no trace at either end).
    public var attemptsDuringFault = 0
    public var faultDuration: Duration = .zero
    /// What went against the expectation; nil: the run passed.
    public var failure: String?

    public init(fault: PoolFault, peer: String, expectation: PoolFaultExpectation) {
        self.fault = fault
        self.peer = peer
        self.expectation = expectation
    }

    /// Connection attempts per minute of fault, from `attemptsDuringFault`.
    public var attemptsPerMinute: Double {
        faultDuration > .zero ? Double(attemptsDuringFault) / faultDuration.seconds * 60 : 0
    }

    /// Compares the figures with the expectation and sets `failure` to the first miss.
    mutating func judge() {
        let e = expectation
        var misses: [String] = []
        if e.noticed {
            if let n = notice {
                if n > e.noticeBound { misses.append("noticed after \(n), bound \(e.noticeBound) (\(e.reason))") }
                if let r = noticeReason, !r.contains(peer) { misses.append("the reason does not name \(peer): \(r)") }
            } else {
                misses.append("never noticed within \(e.noticeBound) (\(e.reason))")
            }
            if failover == nil { misses.append("no failover to the backup within \(e.failoverBound)") }
            if backupShare == nil { misses.append("no share accepted by the backup") }
        } else if let n = notice {
            misses.append("dropped a pool that only answered slowly, after \(n): \(noticeReason ?? "")")
        }
        if resume == nil { misses.append("no share accepted by the primary within \(e.resumeBound) of its return") }
        failure = misses.isEmpty ? nil : misses.joined(separator: "; ")
    }
}
