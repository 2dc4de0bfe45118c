import HearthSupport

/// Why a Stratum line could not be understood. Field paths name exactly what was
/// wrong (`params[1]`, `result[2]`, `version-rolling.mask`).
public enum StratumCodecError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Not JSON at all; `offset` is the byte where parsing stopped.
    case malformedJSON(offset: Int, reason: String)
    case missingField(String)
    case wrongType(field: String, expected: String, found: String)
    /// Right type, unacceptable value (bad hex, wrong length, out of range).
    case invalidValue(field: String, reason: String)

    public var description: String {
        switch self {
        case .malformedJSON(let offset, let reason): "malformed JSON at byte \(offset): \(reason)"
        case .missingField(let field): "missing field \(field)"
        case .wrongType(let field, let expected, let found): "field \(field) should be \(expected), found \(found)"
        case .invalidValue(let field, let reason): "invalid \(field): \(reason)"
        }
    }
}

/// Typed access to positional params with errors that name the position.
struct ParamReader {
    let context: String
    let values: [JSONValue]

    init(_ context: String, _ values: [JSONValue]) {
        self.context = context
        self.values = values
    }

    func field(_ i: Int) -> String { "\(context)[\(i)]" }

    func require(count: Int) throws(StratumCodecError) {
        guard values.count >= count else { throw .missingField(field(values.count)) }
    }

    func optional(_ i: Int) -> JSONValue? {
        i < values.count && !values[i].isNull ? values[i] : nil
    }

    func value(_ i: Int) throws(StratumCodecError) -> JSONValue {
        guard i < values.count else { throw .missingField(field(i)) }
        return values[i]
    }

    func string(_ i: Int) throws(StratumCodecError) -> String {
        let v = try value(i)
        guard let s = v.stringValue else { throw .wrongType(field: field(i), expected: "string", found: v.typeName) }
        return s
    }

    func bool(_ i: Int) throws(StratumCodecError) -> Bool {
        let v = try value(i)
        guard let b = v.boolValue else { throw .wrongType(field: field(i), expected: "boolean", found: v.typeName) }
        return b
    }

    func integer(_ i: Int) throws(StratumCodecError) -> Int64 {
        let v = try value(i)
        guard let n = v.integerValue else { throw .wrongType(field: field(i), expected: "integer", found: v.typeName) }
        return n
    }

    func number(_ i: Int) throws(StratumCodecError) -> Double {
        let v = try value(i)
        guard let d = v.doubleValue else { throw .wrongType(field: field(i), expected: "number", found: v.typeName) }
        return d
    }

    func array(_ i: Int) throws(StratumCodecError) -> [JSONValue] {
        let v = try value(i)
        guard let a = v.arrayValue else { throw .wrongType(field: field(i), expected: "array", found: v.typeName) }
        return a
    }

    /// Hex bytes, optionally of an exact length in bytes.
    func hex(_ i: Int, bytes count: Int? = nil) throws(StratumCodecError) -> [UInt8] {
        try StratumHex.bytes(string(i), field: field(i), count: count)
    }

    /// A 32-bit number written as 8 hex characters, big-endian (version, nbits, ntime, nonce).
    func word(_ i: Int) throws(StratumCodecError) -> UInt32 {
        try StratumHex.word(string(i), field: field(i))
    }
}
