/// Limits for one device's connections. The defaults suit a unit on the same LAN:
/// healthy firmware answers within 100 ms and closes the connection itself.
public struct CGMinerClientOptions: Sendable, Hashable {
    /// No TCP connection after this: the host is down or a firewall drops the packets.
    public var connectTimeout: Duration = .seconds(3)
    /// From the request sent to the reply's `\0`. The firmware is single-threaded, so a
    /// slow reply also means every other caller waits; a wedged unit must not hold them long.
    public var replyTimeout: Duration = .seconds(5)
    /// A reply longer than this without its terminator is not a cgminer reply. The
    /// largest real replies (estats of a 3-board A-series unit) are tens of KiB.
    public var maxReplyBytes = 512 * 1024
    /// The form requests go out in; replies are read in whichever form comes back.
    public var requestForm: CGMinerResponse.Form = .json

    public init() {}

    public init(connectTimeout: Duration = .seconds(3), replyTimeout: Duration = .seconds(5),
                maxReplyBytes: Int = 512 * 1024, requestForm: CGMinerResponse.Form = .json)
    {
        self.connectTimeout = connectTimeout
        self.replyTimeout = replyTimeout
        self.maxReplyBytes = maxReplyBytes
        self.requestForm = requestForm
    }
}

/// What the client has done, for tests and status: every connection is opened and
/// closed again before the next one starts, so `maxOpenAtOnce` stays 1.
public struct ConnectionCounters: Sendable, Hashable {
    public var opened = 0
    public var open = 0
    public var maxOpenAtOnce = 0
    public var failed = 0

    public init() {}
}
