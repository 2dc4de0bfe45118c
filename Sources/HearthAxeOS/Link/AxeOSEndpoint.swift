/// `--host` for an AxeOS board: `HOST` or `HOST:PORT` (an IPv6 address in brackets),
/// port 80 by default, as AxeOS serves.
public struct AxeOSEndpoint: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int = 80) {
        self.host = host
        self.port = port
    }

    public init(parsing text: String) throws(AxeOSError) {
        var host = text
        var portText: String?
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            host = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            if rest.hasPrefix(":") { portText = String(rest.dropFirst()) } else if !rest.isEmpty { portText = String(rest) }
        } else if let colon = text.lastIndex(of: ":"), text.firstIndex(of: ":") == colon {
            host = String(text[..<colon])
            portText = String(text[text.index(after: colon)...])
        }
        guard !host.isEmpty else { throw AxeOSError.mismatch(peer: "'\(text)'", problem: "no host name or address") }
        var port = 80
        if let portText {
            guard let p = Int(portText), (1...65535).contains(p) else {
                throw AxeOSError.mismatch(peer: "'\(text)'", problem: "the port must be 1…65535")
            }
            port = p
        }
        self.init(host: host, port: port)
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
