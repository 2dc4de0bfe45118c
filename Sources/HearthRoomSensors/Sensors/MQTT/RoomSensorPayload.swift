import HearthCore
import HearthSupport

/// Reads a temperature out of what home automation publishes:
///
/// - a bare number: `20.7` (Home Assistant state topics, ESPHome, scripts), also as a JSON string `"20.7"`;
/// - JSON with the field: `{"temperature":20.7,"humidity":41}` (Zigbee2MQTT; `temperature`
///   is the default field), `{"SI7021":{"Temperature":20.7},"TempUnit":"C"}` (Tasmota's
///   `tele/…/SENSOR`, field `SI7021.Temperature`; `TempUnit` "F" is converted).
///
/// A dotted field walks nested objects; a numeric segment indexes an array. Pure: tested on bytes.
public enum RoomSensorPayload {
    /// The field a JSON object is read from when the spec names none (Zigbee2MQTT).
    public static let defaultField = "temperature"

    public static func temperature(from payload: [UInt8], field: String?) -> Result<Celsius, RoomSensorPayloadProblem> {
        guard let text = String(validating: payload, as: UTF8.self) else { return .failure(.notText) }
        let trimmed = text.trimmingWhitespace
        if trimmed.isEmpty { return .failure(.empty) }
        if let value = decimal(Substring(trimmed)) { return checked(Celsius(value)) }
        if ["unavailable", "unknown", "none", "null", "nan", "offline"].contains(trimmed.lowercased()) {
            return .failure(.unavailable(trimmed))
        }
        let json: JSONValue
        do { json = try JSONParser.parse(trimmed) } catch {
            return .failure(.notANumber(excerpt(trimmed)))
        }
        // A JSON string holding a number ("20.7"): Home Assistant's statestream quotes its states.
        if case .string(let inner) = json {
            if let value = decimal(Substring(inner.trimmingWhitespace)) { return checked(Celsius(value)) }
            return .failure(.unavailable(inner))
        }
        if let number = json.doubleValue { return checked(Celsius(number)) }
        guard case .object(let root) = json else { return .failure(.notANumber(excerpt(trimmed))) }

        let path = field ?? defaultField
        guard let found = lookUp(path, in: json) else {
            return .failure(.missingField(path, numericFields: numericPaths(in: json)))
        }
        let number: Double
        if let n = found.doubleValue {
            number = n
        } else if case .string(let s) = found, let n = decimal(Substring(s.trimmingWhitespace)) {
            number = n
        } else {
            return .failure(.notNumeric(field: path, found: excerpt(found.jsonText)))
        }
        let fahrenheit = root["TempUnit"]?.stringValue?.uppercased() == "F"
        return checked(fahrenheit ? Celsius(fahrenheit: number) : Celsius(number))
    }

    private static func checked(_ t: Celsius) -> Result<Celsius, RoomSensorPayloadProblem> {
        t.isFinite && plausibleRoomTemperature.contains(t) ? .success(t) : .failure(.implausible(t))
    }

    /// `a.b.0.c`: object keys, and array indices where the segment is a number.
    static func lookUp(_ path: String, in value: JSONValue) -> JSONValue? {
        var current = value
        for segment in path.split(separator: ".", omittingEmptySubsequences: false) {
            switch current {
            case .object(let fields):
                guard let next = fields[String(segment)] else { return nil }
                current = next
            case .array(let items):
                guard let i = Int(segment), items.indices.contains(i) else { return nil }
                current = items[i]
            default:
                return nil
            }
        }
        return current
    }

    /// Dotted paths to the numbers in a payload (the first 8), to suggest a `#field`.
    static func numericPaths(in value: JSONValue, prefix: String = "", limit: Int = 8) -> [String] {
        var found: [String] = []
        func walk(_ v: JSONValue, _ path: String, depth: Int) {
            guard found.count < limit, depth < 8 else { return }
            switch v {
            case .integer, .double: if !path.isEmpty { found.append(path) }
            case .object(let fields):
                for (key, child) in fields { walk(child, path.isEmpty ? key : "\(path).\(key)", depth: depth + 1) }
            case .array(let items):
                for (i, child) in items.enumerated() { walk(child, path.isEmpty ? "\(i)" : "\(path).\(i)", depth: depth + 1) }
            default: break
            }
        }
        walk(value, prefix, depth: 0)
        return found
    }

    static func excerpt(_ text: String) -> String {
        text.count <= 40 ? text : String(text.prefix(40)) + "…"
    }
}

/// Why a payload gave no temperature. `kind` groups them, so each kind is logged once.
public enum RoomSensorPayloadProblem: Error, Sendable, Hashable, CustomStringConvertible {
    case notText
    case empty
    /// The sensor says it has no value ("unavailable", "unknown").
    case unavailable(String)
    case notANumber(String)
    case missingField(String, numericFields: [String])
    case notNumeric(field: String, found: String)
    case implausible(Celsius)

    public var kind: String {
        switch self {
        case .notText: "not-text"
        case .empty: "empty"
        case .unavailable: "unavailable"
        case .notANumber: "not-a-number"
        case .missingField: "missing-field"
        case .notNumeric: "field-not-a-number"
        case .implausible: "implausible"
        }
    }

    public var description: String {
        switch self {
        case .notText: "payload is not UTF-8 text"
        case .empty: "payload is empty"
        case .unavailable(let s): "the sensor reports '\(s)' instead of a value"
        case .notANumber(let s): "payload '\(s)' is neither a number nor JSON"
        case .missingField(let field, let numeric):
            "JSON payload has no field '\(field)'" + (numeric.isEmpty
                ? "" : "; numbers in it: \(numeric.joined(separator: ", ")) (name one with #FIELD)")
        case .notNumeric(let field, let found): "field '\(field)' is \(found), not a number"
        case .implausible(let t):
            "\(t) is outside the plausible \(plausibleRoomTemperature.lowerBound)…\(plausibleRoomTemperature.upperBound)"
        }
    }
}

extension String {
    var trimmingWhitespace: String {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
