
/// What one HTTP listener lets clients hold. A heater's API has a handful of users (a
/// phone, Home Assistant, a metrics scraper), so the bounds are small; what matters is
/// that a runaway or hostile client cannot pile up sockets and memory in a process
/// that also runs the control loop.
public struct HTTPLimits: Sendable, Hashable {
    /// Connections open at once; past this the listener stops accepting and new
    /// connections wait in the kernel's backlog until one closes.
    public var maxConnections: Int
    /// A connection with no request in flight for this long is closed: a client that
    /// opens a socket and sends nothing, or trickles a request head, cannot keep it.
    /// An event stream is a request in flight, so it stays open.
    public var idleTimeout: Duration
    /// Connections waiting in the kernel beyond `maxConnections`.
    public var backlog: Int
    /// Request bodies are refused (413) past this (`APIRoutes.maxBodyBytes`); request
    /// heads are bounded by the HTTP parser (80 KiB, llhttp's default).
    public var maxBodyBytes: Int { APIRoutes.maxBodyBytes }

    public init(maxConnections: Int = 256, idleTimeout: Duration = .seconds(30), backlog: Int = 256) {
        self.maxConnections = maxConnections
        self.idleTimeout = idleTimeout
        self.backlog = backlog
    }

    public static let standard = HTTPLimits()

    var idleTimeoutNanoseconds: Int64 { idleTimeout.components.seconds * 1_000_000_000 + idleTimeout.components.attoseconds / 1_000_000_000 }
}
