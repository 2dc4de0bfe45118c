/// Where a local device's HTTP server listens, and what to call it in messages:
/// `shelly 192.168.1.50:80`.
public struct HTTPEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// The kind of device, first word of every message about it (`shelly`, `tasmota`).
    public var kind: String
    public var host: String
    public var port: Int

    public init(kind: String, host: String, port: Int = 80) {
        self.kind = kind
        self.host = host
        self.port = port
    }

    /// `host:port`, with an IPv6 address in brackets.
    public var address: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// The value of the `Host` header (the port only when it is not 80).
    var hostHeader: String {
        let host = self.host.contains(":") ? "[\(self.host)]" : self.host
        return port == 80 ? host : "\(host):\(port)"
    }

    public var description: String { "\(kind) \(address)" }
}
