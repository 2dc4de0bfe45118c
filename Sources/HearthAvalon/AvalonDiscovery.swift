import HearthCGMinerAPI

/// `hearth discover`: which hosts of a network answer the miner API, and as what.
/// Bounded: at most `maximumHosts` addresses, `concurrency` at a time, each with a
/// short timeout, so a /24 is scanned in a few seconds and nothing floods the network.
public enum AvalonDiscovery {
    public struct Found: Sendable, Codable, Hashable {
        public var host: String
        public var port: Int
        public var model: String?
        public var product: String?
        public var firmware: String?
    }

    public static let maximumHosts = 1024

    /// The host addresses of an IPv4 CIDR block (network and broadcast left out for /0…/30).
    public static func hosts(cidr: String) throws(DiscoveryError) -> [String] {
        let parts = cidr.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { throw .badCIDR(cidr, "one '/' at most") }
        let octets = parts[0].split(separator: ".", omittingEmptySubsequences: false).map { UInt32($0) }
        guard octets.count == 4, octets.allSatisfy({ $0 != nil && $0! <= 255 }) else {
            throw .badCIDR(cidr, "expected an IPv4 address such as 192.0.2.0/24")
        }
        let prefix = parts.count == 2 ? Int(parts[1]) : 32
        guard let prefix, (0...32).contains(prefix) else { throw .badCIDR(cidr, "the prefix length must be 0…32") }
        let base = octets.reduce(UInt32(0)) { $0 << 8 | $1! }
        let size = UInt64(1) << UInt64(32 - prefix)
        let mask: UInt32 = prefix == 0 ? 0 : ~UInt32(0) << UInt32(32 - prefix)
        let network = base & mask
        let usable = size > 2 ? size - 2 : size
        guard usable <= UInt64(maximumHosts) else {
            throw .badCIDR(cidr, "\(usable) hosts; at most \(maximumHosts) (a /22) are scanned at once")
        }
        let first = size > 2 ? network + 1 : network
        return (0..<UInt32(usable)).map { i in
            let a = first + i
            return "\(a >> 24).\(a >> 16 & 255).\(a >> 8 & 255).\(a & 255)"
        }
    }

    public static func scan(hosts: [String], port: Int = CGMinerEndpoint.defaultPort, concurrency: Int = 32,
                            timeout: Duration = .milliseconds(800)) async -> [Found] {
        let options = CGMinerClientOptions(connectTimeout: timeout, replyTimeout: timeout * 2)
        var found: [Found] = []
        var next = 0
        await withTaskGroup(of: Found?.self) { group in
            func add() {
                guard next < hosts.count else { return }
                let host = hosts[next]
                next += 1
                group.addTask {
                    let client = CGMinerClient(endpoint: CGMinerEndpoint(host: host, port: port), options: options)
                    guard let v = try? await client.version() else { return nil }
                    return Found(host: host, port: port, model: v.model?.description, product: v.product,
                                 firmware: v.firmware)
                }
            }
            for _ in 0..<max(1, concurrency) { add() }
            while let result = await group.next() {
                if let result { found.append(result) }
                add()
            }
        }
        return found.sorted { $0.host.compare($1.host) }
    }
}

public enum DiscoveryError: Error, Sendable, Hashable, CustomStringConvertible {
    case badCIDR(String, String)
    public var description: String {
        switch self {
        case .badCIDR(let text, let why): "'\(text)' is not a network to scan: \(why)"
        }
    }
}

private extension String {
    /// Numeric order of dotted quads.
    func compare(_ other: String) -> Bool {
        let a = split(separator: ".").compactMap { Int($0) }, b = other.split(separator: ".").compactMap { Int($0) }
        return a.lexicographicallyPrecedes(b)
    }
}
