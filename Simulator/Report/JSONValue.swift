/// A JSON value with ordered object keys, so reports print in a stable,
/// readable order that scripts and people can rely on.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.serialized() == b.serialized() }

    /// Looks up a dotted path such as `comfort.rms_error_c`.
    public subscript(path: String) -> JSONValue? {
        var current: JSONValue? = self
        for key in path.split(separator: ".") {
            guard case .object(let pairs)? = current else { return nil }
            current = pairs.first { $0.0 == key }?.1
        }
        return current
    }

    public var number: Double? { if case .number(let n) = self { n } else { nil } }

    public func serialized(pretty: Bool = true, indent: String = "") -> String {
        let inner = indent + "  "
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return Self.number(n)
        case .string(let s): return Self.quote(s)
        case .array(let items):
            if items.isEmpty { return "[]" }
            let parts = items.map { $0.serialized(pretty: pretty, indent: inner) }
            return pretty ? "[\n" + parts.map { inner + $0 }.joined(separator: ",\n") + "\n\(indent)]"
                          : "[" + parts.joined(separator: ",") + "]"
        case .object(let pairs):
            if pairs.isEmpty { return "{}" }
            let parts = pairs.map { Self.quote($0.0) + (pretty ? ": " : ":") + $0.1.serialized(pretty: pretty, indent: inner) }
            return pretty ? "{\n" + parts.map { inner + $0 }.joined(separator: ",\n") + "\n\(indent)}"
                          : "{" + parts.joined(separator: ",") + "}"
        }
    }

    static func number(_ n: Double) -> String {
        guard n.isFinite else { return "null" }
        if n == n.rounded(), abs(n) < 1e15 { return String(Int64(n)) }
        return "\(n)"
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let h = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
