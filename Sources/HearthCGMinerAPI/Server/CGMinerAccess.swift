/// What a client may do, as cgminer's `api-allow` grants it.
public enum CGMinerAccess: Sendable, Hashable, Comparable {
    /// Not in the list: the connection is closed without a reply (cgminer: "Ignored").
    case none
    /// Reads only; a write answers Code 45 "Access denied".
    case read
    /// Everything (`W:` entries).
    case write
}

/// cgminer's `api-allow`: comma-separated entries `[W:]address[/prefix]`, IPv4
/// (`127.0.0.1`, `192.168.1.0/24`, `0/0` for any) or IPv6 (`::1`, `::/0`). `W:`
/// entries may write; the others may only read. The best entry matching a client wins.
public struct CGMinerAllowList: Sendable, Hashable, CustomStringConvertible {
    public struct Entry: Sendable, Hashable {
        public var write: Bool
        /// 16 bytes (IPv4 as `::ffff:a.b.c.d`).
        public var address: [UInt8]
        /// Prefix length over the 16 bytes.
        public var prefix: Int
        public var text: String
    }

    public var entries: [Entry]

    /// Loopback may write, nobody else may connect: the default.
    public static let loopbackOnly = try! CGMinerAllowList(parsing: "W:127.0.0.0/8,W:::1")

    public init(parsing text: String) throws(CGMinerAllowListError) {
        entries = []
        for raw in text.split(separator: ",", omittingEmptySubsequences: false) {
            var item = String(raw.trimmingSpaces)
            guard !item.isEmpty else { throw .init(entry: String(raw), problem: "empty entry") }
            var write = false
            if item.hasPrefix("W:") || item.hasPrefix("w:") {
                write = true
                item.removeFirst(2)
            }
            let parts = item.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            var prefix: Int?
            if parts.count == 2 {
                guard let p = Int(parts[1]), p >= 0 else { throw .init(entry: String(raw), problem: "prefix '\(parts[1])' is not a number of bits") }
                prefix = p
            }
            if parts[0] == "0", prefix == 0 {  // cgminer's "0/0": any IPv4 or IPv6 client
                entries.append(Entry(write: write, address: Array(repeating: 0, count: 16), prefix: 0, text: String(raw)))
                continue
            }
            if let v4 = Self.ipv4(parts[0]) {
                let bits = prefix ?? 32
                guard bits <= 32 else { throw .init(entry: String(raw), problem: "an IPv4 prefix is at most 32 bits") }
                entries.append(Entry(write: write, address: Self.mapped(v4), prefix: 96 + bits, text: String(raw)))
            } else if let v6 = Self.ipv6(parts[0]) {
                let bits = prefix ?? 128
                guard bits <= 128 else { throw .init(entry: String(raw), problem: "an IPv6 prefix is at most 128 bits") }
                entries.append(Entry(write: write, address: v6, prefix: bits, text: String(raw)))
            } else {
                throw .init(entry: String(raw), problem: "'\(parts[0])' is not an IPv4 or IPv6 address")
            }
        }
    }

    /// What a client at `address` (text, IPv4 or IPv6) may do.
    public func access(for address: String) -> CGMinerAccess {
        let bytes: [UInt8]
        if let v4 = Self.ipv4(address) { bytes = Self.mapped(v4) } else if let v6 = Self.ipv6(address) { bytes = v6 } else { return .none }
        var best = CGMinerAccess.none
        for e in entries where Self.matches(bytes, e.address, prefix: e.prefix) {
            best = max(best, e.write ? .write : .read)
        }
        return best
    }

    public var description: String { entries.map(\.text).joined(separator: ",") }

    private static func matches(_ a: [UInt8], _ b: [UInt8], prefix: Int) -> Bool {
        var bits = prefix, i = 0
        while bits > 0 {
            let mask: UInt8 = bits >= 8 ? 0xFF : ~(0xFF >> UInt8(bits))
            if a[i] & mask != b[i] & mask { return false }
            bits -= 8
            i += 1
        }
        return true
    }

    private static func mapped(_ v4: [UInt8]) -> [UInt8] { Array(repeating: 0, count: 10) + [0xFF, 0xFF] + v4 }

    static func ipv4(_ text: String) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var out: [UInt8] = []
        for p in parts {
            guard !p.isEmpty, p.count <= 3, p.allSatisfy(\.isASCIIDigit), let n = UInt8(p) else { return nil }
            out.append(n)
        }
        return out
    }

    /// IPv6 text with `::` (no zone); an IPv4-mapped tail `::ffff:1.2.3.4` too.
    static func ipv6(_ text: String) -> [UInt8]? {
        guard text.contains(":"), text.count <= 45 else { return nil }
        var tail: [UInt8] = []
        var body = text
        if let lastColon = text.lastIndex(of: ":"), text[text.index(after: lastColon)...].contains(".") {
            guard let v4 = ipv4(String(text[text.index(after: lastColon)...])) else { return nil }
            tail = v4
            body = String(text[...lastColon]) + "0:0"
        }
        var halves = [body]
        if let r = body.firstRange(of: "::") {
            halves = [String(body[..<r.lowerBound]), String(body[r.upperBound...])]
            guard !halves[1].contains("::") else { return nil }
        }
        func groups(_ s: String) -> [UInt16]? {
            if s.isEmpty { return [] }
            var out: [UInt16] = []
            for g in s.split(separator: ":", omittingEmptySubsequences: false) {
                guard !g.isEmpty, g.count <= 4, let n = UInt16(g, radix: 16) else { return nil }
                out.append(n)
            }
            return out
        }
        guard let head = groups(halves[0]) else { return nil }
        var all = head
        if halves.count == 2 {
            guard let rest = groups(halves[1]), head.count + rest.count < 8 else { return nil }
            all += Array(repeating: 0, count: 8 - head.count - rest.count) + rest
        }
        guard all.count == 8 else { return nil }
        var bytes = all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        if !tail.isEmpty { bytes.replaceSubrange(12..<16, with: tail) }
        return bytes
    }
}

/// A bad `api-allow` entry, named.
public struct CGMinerAllowListError: Error, Sendable, Hashable, CustomStringConvertible {
    public var entry: String
    public var problem: String
    public var description: String { "allow entry '\(entry)': \(problem)" }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
