import HearthCGMinerAPI
import TOMLKit

/// `[cgminer_api]`: Hearth's cgminer-style API (docs/cgminer-api.md). On by default,
/// on loopback port 4028, and only loopback may write.
public struct CGMinerAPIConfig: Sendable, Equatable {
    public var enabled = true
    public var host = "127.0.0.1"
    public var port = 4028
    public var allow = CGMinerAllowList.loopbackOnly

    public init() {}

    /// Reads a `[cgminer_api]` table (keys `enabled`, `listen`, `allow`).
    public mutating func read(_ table: TOMLTable) throws(CGMinerAPIConfigError) {
        if let v = table["enabled"] {
            guard let b = v.bool else { throw .init(key: "enabled", problem: "expected true or false") }
            enabled = b
        }
        if let v = table["listen"] {
            guard let s = v.string else { throw .init(key: "listen", problem: "expected \"HOST:PORT\" like \"127.0.0.1:4028\"") }
            try setListen(s)
        }
        if let v = table["allow"] {
            guard let s = v.string else { throw .init(key: "allow", problem: "expected \"W:127.0.0.1/32,…\" (cgminer's api-allow)") }
            try setAllow(s)
        }
    }

    /// `listen = "HOST:PORT"` (`[::1]:4028` for IPv6).
    public mutating func setListen(_ text: String) throws(CGMinerAPIConfigError) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
              (0...65535).contains(port) else { throw .init(key: "listen", problem: "'\(text)' is not HOST:PORT like 127.0.0.1:4028") }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw .init(key: "listen", problem: "'\(text)' has no host; use 127.0.0.1:\(port)") }
        self.host = host
        self.port = port
    }

    /// `allow = "W:127.0.0.1/32,192.168.1.0/24"`: cgminer's `api-allow`.
    public mutating func setAllow(_ text: String) throws(CGMinerAPIConfigError) {
        do { allow = try CGMinerAllowList(parsing: text) } catch { throw .init(key: "allow", problem: error.description) }
    }

    public var isLoopback: Bool { host == "127.0.0.1" || host == "::1" || host == "localhost" || host.hasPrefix("127.") }
}

public struct CGMinerAPIConfigError: Error, Sendable {
    public var key: String
    public var problem: String
}
