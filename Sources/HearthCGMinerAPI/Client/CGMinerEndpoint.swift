/// Where a device's API listens: `192.168.1.40:4028`.
public struct CGMinerEndpoint: Sendable, Hashable, CustomStringConvertible {
    public static let defaultPort = 4028

    public var host: String
    public var port: Int

    public init(host: String, port: Int = CGMinerEndpoint.defaultPort) {
        self.host = host
        self.port = port
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
