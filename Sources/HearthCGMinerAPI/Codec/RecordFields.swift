import HearthSupport

/// Typed reads of one reply record, with errors that name the field
/// (`SUMMARY[0].Elapsed`). Plain-form replies carry every value as text and JSON
/// replies carry numbers, so each accessor takes either: `"Code":22` and
/// `Code=22` read the same. A number the firmware printed as `inf` or `nan` arrives
/// as null and reads as absent.
public struct RecordFields: Sendable {
    public let record: JSONObject
    /// Where the record sits in its reply, e.g. `POOLS[1]`.
    public let path: String

    public init(_ record: JSONObject, path: String) {
        self.record = record
        self.path = path
    }

    public func field(_ key: String) -> String { "\(path).\(key)" }

    /// The value as text: strings as they are, numbers and booleans as JSON writes them.
    public func optionalString(_ key: String) -> String? {
        switch record[key] {
        case .string(let s)?: s
        case .integer(let i)?: String(i)
        case .double(let d)?: String(d)
        case .bool(let b)?: b ? "true" : "false"
        default: nil
        }
    }

    public func string(_ key: String) throws(CGMinerCodecError) -> String {
        guard let value = record[key], !value.isNull else { throw .missingField(field(key)) }
        guard let text = optionalString(key) else {
            throw .wrongType(field: field(key), expected: "text", found: value.typeName)
        }
        return text
    }

    public func optionalInteger(_ key: String) throws(CGMinerCodecError) -> Int64? {
        guard let value = record[key], !value.isNull else { return nil }
        switch value {
        case .integer(let i): return i
        case .double(let d) where d.isFinite && d == d.rounded() && abs(d) < 9.0e18: return Int64(d)
        case .string(let s):
            if let i = Int64(s.trimmedSpaces) { return i }
            if let d = Double(s.trimmedSpaces), d.isFinite, d == d.rounded(), abs(d) < 9.0e18 { return Int64(d) }
            if s.isNonFiniteSpelling { return nil }
            throw .invalidValue(field: field(key), reason: "'\(s)' is not a whole number")
        default:
            throw .wrongType(field: field(key), expected: "a whole number", found: value.typeName)
        }
    }

    public func integer(_ key: String) throws(CGMinerCodecError) -> Int64 {
        guard let value = try optionalInteger(key) else { throw .missingField(field(key)) }
        return value
    }

    public func optionalDouble(_ key: String) throws(CGMinerCodecError) -> Double? {
        guard let value = record[key], !value.isNull else { return nil }
        switch value {
        case .integer(let i): return Double(i)
        case .double(let d): return d.isFinite ? d : nil
        case .string(let s):
            if s.isNonFiniteSpelling { return nil }
            guard let d = Double(s.trimmedSpaces), d.isFinite else {
                throw .invalidValue(field: field(key), reason: "'\(s)' is not a number")
            }
            return d
        default:
            throw .wrongType(field: field(key), expected: "a number", found: value.typeName)
        }
    }

    public func double(_ key: String) throws(CGMinerCodecError) -> Double {
        guard let value = try optionalDouble(key) else { throw .missingField(field(key)) }
        return value
    }

    /// JSON booleans, and the firmware's text spellings `true`/`false` and `Y`/`N`.
    public func optionalBool(_ key: String) throws(CGMinerCodecError) -> Bool? {
        guard let value = record[key], !value.isNull else { return nil }
        switch value {
        case .bool(let b): return b
        case .string(let s):
            switch s.trimmedSpaces {
            case "true", "Y": return true
            case "false", "N": return false
            default: throw .invalidValue(field: field(key), reason: "'\(s)' is not true/false or Y/N")
            }
        default:
            throw .wrongType(field: field(key), expected: "a boolean", found: value.typeName)
        }
    }
}

extension String {
    var trimmedSpaces: Substring {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return s
    }

    /// How C's printf spells numbers that are not finite (`inf`, `-nan`, …).
    var isNonFiniteSpelling: Bool {
        switch trimmedSpaces.lowercased() {
        case "inf", "-inf", "+inf", "infinity", "-infinity", "nan", "-nan", "+nan": true
        default: false
        }
    }
}
