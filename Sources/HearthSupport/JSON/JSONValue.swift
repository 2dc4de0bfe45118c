/// One JSON value for every part of Hearth that reads or writes JSON: the Stratum
/// codec, the daemon's API and the simulator's reports.
///
/// Integers are kept apart from other numbers so Stratum request ids and sizes
/// survive exactly; objects keep their key order (reports print stably) and look
/// keys up in constant time. Text goes through one writer (`jsonText`,
/// `serialized(pretty:)`), outside text through one strict parser (`JSONParser`).
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case integer(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// A number as reports write it: a whole value (under 10^15, where every integer
    /// is exact in a Double) becomes an integer, so `3.0` prints `3`; others stay doubles.
    public static func number(_ n: Double) -> JSONValue {
        n == n.rounded() && abs(n) < 1e15 ? .integer(Int64(n)) : .double(n)
    }

    /// An object from key–value pairs, in their order (a later duplicate key replaces the value).
    public static func object(_ pairs: [(String, JSONValue)]) -> JSONValue {
        .object(JSONObject(pairs))
    }

    /// The JSON type's name, for "expected a number, found string" messages.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .integer: "integer"
        case .double: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    public var isNull: Bool { self == .null }

    public var stringValue: String? {
        if case .string(let s) = self { s } else { nil }
    }

    public var boolValue: Bool? {
        if case .bool(let b) = self { b } else { nil }
    }

    /// Integers, and numbers with no fractional part that fit in Int64.
    public var integerValue: Int64? {
        switch self {
        case .integer(let i): i
        case .double(let d) where d.rounded() == d && abs(d) < 9.0e18: Int64(d)
        default: nil
        }
    }

    /// Any number, integer or not, as a Double.
    public var doubleValue: Double? {
        switch self {
        case .integer(let i): Double(i)
        case .double(let d): d
        default: nil
        }
    }

    /// Any number, integer or not, as a Double (the same as `doubleValue`).
    public var number: Double? { doubleValue }

    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { a } else { nil }
    }

    public var objectValue: JSONObject? {
        if case .object(let o) = self { o } else { nil }
    }

    /// Looks up a dotted path such as `comfort.rms_error_c` through nested objects.
    /// A key that itself contains a dot is reached with `objectValue?[key]`.
    public subscript(path: String) -> JSONValue? {
        var current = self
        for key in path.split(separator: ".") {
            guard case .object(let fields) = current, let next = fields[String(key)] else { return nil }
            current = next
        }
        return current
    }
}
