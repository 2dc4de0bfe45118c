/// The bounds that keep a cgminer-style server from being a way to slow anything
/// else down: how many connections at once, how long one may stay silent, how big a
/// request may be. Everything beyond them is closed, counted, and never queued.
public struct CGMinerServerLimits: Sendable, Hashable {
    /// Connections open at once; more are closed as they arrive.
    public var maxConnections: Int
    /// A connection that has not sent a whole request by then is closed.
    public var idleTimeout: Duration
    /// Longest request; a longer one answers "Invalid command" and is closed (cgminer reads 4095 bytes).
    public var maxRequestBytes: Int

    public init(maxConnections: Int = 64, idleTimeout: Duration = .seconds(5),
                maxRequestBytes: Int = CGMinerRequest.maxLength)
    {
        self.maxConnections = maxConnections
        self.idleTimeout = idleTimeout
        self.maxRequestBytes = maxRequestBytes
    }
}

/// What a server has seen since it started.
public struct CGMinerServerCounters: Sendable, Hashable {
    /// Requests answered.
    public var served = 0
    /// Connections closed at once because `maxConnections` were open.
    public var refusedBusy = 0
    /// Connections from addresses the allow list does not name (closed without a reply).
    public var refusedAddress = 0
    /// Requests longer than `maxRequestBytes`.
    public var oversized = 0
    /// Connections closed for sending no whole request within `idleTimeout`.
    public var idleClosed = 0
    /// Connections open now, and the most at once.
    public var open = 0
    public var maxOpen = 0

    public init() {}
}
