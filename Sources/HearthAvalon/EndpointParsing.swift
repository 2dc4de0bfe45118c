import HearthCGMinerAPI

extension CGMinerEndpoint {
    /// `HOST` or `HOST:PORT` (an IPv6 address in brackets), port 4028 by default.
    public init(parsing text: String) throws(EndpointParseError) {
        var host = text
        var port = CGMinerEndpoint.defaultPort
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            host = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            if rest.hasPrefix(":") { port = try Self.port(String(rest.dropFirst()), in: text) }
        } else if let colon = text.lastIndex(of: ":"), text.firstIndex(of: ":") == colon {
            host = String(text[..<colon])
            port = try Self.port(String(text[text.index(after: colon)...]), in: text)
        }
        guard !host.isEmpty else { throw EndpointParseError(text: text, problem: "no host name or address") }
        self.init(host: host, port: port)
    }

    private static func port(_ s: String, in text: String) throws(EndpointParseError) -> Int {
        guard let p = Int(s), (1...65535).contains(p) else { throw EndpointParseError(text: text, problem: "the port must be 1…65535") }
        return p
    }
}

public struct EndpointParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public var text: String
    public var problem: String
    public var description: String { "'\(text)': \(problem)" }
}
