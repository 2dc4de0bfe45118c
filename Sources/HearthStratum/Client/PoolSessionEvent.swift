/// What one pool connection reports to the client that owns it (on the event loop).
enum PoolSessionEvent {
    /// Subscribed, authorized and version rolling settled: work can flow.
    case ready(sessionID: String?)
    case work(StratumWork)
    case difficulty(Double)
    case share(ShareSubmission, ShareOutcome)
    case message(String)
    /// The pool asked us to move (`client.reconnect`); the session has closed itself.
    case reconnect(host: String, port: Int, wait: Duration)
    /// The session is over (closed, failed, timed out); no events follow.
    case ended(reason: String)
}
