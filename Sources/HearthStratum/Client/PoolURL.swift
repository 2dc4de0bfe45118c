/// A pool address: `stratum+tcp://host:port` or `stratum+ssl://host:port`
/// (IPv6 hosts in brackets). User and password come separately (`--user`).
public struct PoolURL: Sendable, Hashable, CustomStringConvertible {
    public enum Transport: String, Sendable, Hashable { case tcp, ssl }
    public var transport: Transport
    public var host: String
    public var port: Int

    public init(transport: Transport, host: String, port: Int) {
        self.transport = transport
        self.host = host
        self.port = port
    }

    public init(parsing text: String) throws(PoolURLError) {
        let schemes: [(String, Transport)] = [("stratum+tcp://", .tcp), ("stratum+ssl://", .ssl), ("stratum+tls://", .ssl)]
        guard let (prefix, transport) = schemes.first(where: { text.lowercased().hasPrefix($0.0) }) else {
            throw PoolURLError(text: text, reason: "expected stratum+tcp://HOST:PORT or stratum+ssl://HOST:PORT")
        }
        var rest = Substring(text.dropFirst(prefix.count))
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        guard !rest.contains("/"), !rest.contains("@") else {
            throw PoolURLError(text: text, reason: "no path or user@ in the URL; give the user with --user")
        }
        let host: Substring, portText: Substring
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw PoolURLError(text: text, reason: "unclosed [ in IPv6 host") }
            host = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            guard after.hasPrefix(":") else { throw PoolURLError(text: text, reason: "missing :PORT") }
            portText = after.dropFirst()
        } else {
            guard let colon = rest.lastIndex(of: ":") else { throw PoolURLError(text: text, reason: "missing :PORT") }
            host = rest[..<colon]
            portText = rest[rest.index(after: colon)...]
        }
        guard !host.isEmpty else { throw PoolURLError(text: text, reason: "empty host") }
        guard let port = Int(portText), (1...65535).contains(port) else {
            throw PoolURLError(text: text, reason: "port '\(portText)' is not a number in 1…65535")
        }
        self.init(transport: transport, host: String(host), port: port)
    }

    public var description: String {
        "stratum+\(transport.rawValue)://\(peer)"
    }

    /// `host:port` (IPv6 in brackets), as logs name the peer.
    public var peer: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}

public struct PoolURLError: Error, Sendable, Hashable, CustomStringConvertible {
    public var text: String
    public var reason: String
    public var description: String { "pool URL '\(text)': \(reason)" }
}
