import NIOCore

/// A token bucket for outgoing publishes (issue 16: work a peer or a bug can request is
/// bounded). `burst` publishes may go at once (Home Assistant discovery after a connect),
/// then `perSecond` on average; the excess is dropped and counted by the caller.
struct PublishRateLimiter {
    let perSecond: Double
    let burst: Double
    private var tokens: Double
    private var last: NIODeadline?

    init(perSecond: Double, burst: Int) {
        self.perSecond = max(perSecond, 0)
        self.burst = Double(max(burst, 1))
        self.tokens = self.burst
    }

    mutating func allow(now: NIODeadline) -> Bool {
        if let last, now > last {
            let elapsed = Double((now - last).nanoseconds) / 1e9
            tokens = min(burst, tokens + elapsed * perSecond)
        }
        last = max(last ?? now, now)
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }
}
