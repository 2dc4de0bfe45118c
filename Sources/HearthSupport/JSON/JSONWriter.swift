/// JSON text for a `JSONValue`: compact (`jsonText`, one line for Stratum, the API
/// and logs) or pretty (`serialized()`, two-space indent, for people and reports).
/// Object keys come out in the object's order, so the same value always writes the
/// same text. This file holds Hearth's one JSON string escaper (`quoted`).
extension JSONValue: CustomStringConvertible {
    /// Compact JSON text: no spaces, no newline.
    public var jsonText: String {
        var out = ""
        write(to: &out, pretty: false, indent: "")
        return out
    }

    /// JSON text, pretty by default; `indent` is the indent of the line the value starts on.
    public func serialized(pretty: Bool = true, indent: String = "") -> String {
        var out = ""
        write(to: &out, pretty: pretty, indent: indent)
        return out
    }

    public var description: String { jsonText }

    /// `s` as a JSON string literal, quotes included.
    public static func quoted(_ s: String) -> String {
        var out = ""
        writeQuoted(s, to: &out)
        return out
    }

    /// Appends the JSON text to `out`.
    public func write(to out: inout String, pretty: Bool = false, indent: String = "") {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .integer(let i): out += String(i)
        case .double(let d):
            // JSON has no NaN or infinity; null is the conventional stand-in.
            out += d.isFinite ? "\(d)" : "null"
        case .string(let s): Self.writeQuoted(s, to: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            let inner = indent + "  "
            out += pretty ? "[\n" : "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += pretty ? ",\n" : "," }
                if pretty { out += inner }
                item.write(to: &out, pretty: pretty, indent: inner)
            }
            out += pretty ? "\n\(indent)]" : "]"
        case .object(let fields):
            if fields.isEmpty { out += "{}"; return }
            let inner = indent + "  "
            out += pretty ? "{\n" : "{"
            for (i, (key, value)) in fields.enumerated() {
                if i > 0 { out += pretty ? ",\n" : "," }
                if pretty { out += inner }
                Self.writeQuoted(key, to: &out)
                out += pretty ? ": " : ":"
                value.write(to: &out, pretty: pretty, indent: inner)
            }
            out += pretty ? "\n\(indent)}" : "}"
        }
    }

    /// Escapes what JSON requires (quote, backslash, control characters) and nothing
    /// else: non-ASCII text stays as UTF-8, `/` stays as it is.
    public static func writeQuoted(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
