import HearthSupport

/// A request id: Stratum pools use numbers, a few use strings.
public enum StratumID: Sendable, Hashable, CustomStringConvertible {
    case number(Int64)
    case string(String)

    var json: JSONValue {
        switch self {
        case .number(let n): .integer(n)
        case .string(let s): .string(s)
        }
    }

    public var description: String {
        switch self {
        case .number(let n): String(n)
        case .string(let s): "\"\(s)\""
        }
    }
}

/// The error of a response: Stratum's `[code, message, traceback]`, JSON-RPC 2's
/// `{"code", "message"}`, or a bare string, all read into one shape.
public struct StratumRPCError: Sendable, Hashable, CustomStringConvertible {
    public var code: Int
    public var message: String
    public init(code: Int, message: String) {
        self.code = code
        self.message = message
    }
    public var description: String { "\(message) (\(code))" }

    var json: JSONValue { .array([.integer(Int64(code)), .string(message), .null]) }

    init(json: JSONValue) throws(StratumCodecError) {
        switch json {
        case .array(let items):
            let p = ParamReader("error", items)
            self.init(code: Int(clamping: try p.integer(0)), message: try p.string(1))
        case .object(let fields):
            guard let code = fields["code"] else { throw .missingField("error.code") }
            guard let c = code.integerValue else {
                throw .wrongType(field: "error.code", expected: "integer", found: code.typeName)
            }
            let message = fields["message"]?.stringValue ?? ""
            self.init(code: Int(clamping: c), message: message)
        case .string(let s):
            self.init(code: 20, message: s)
        default:
            throw .wrongType(field: "error", expected: "array, object or string", found: json.typeName)
        }
    }
}

/// One line of Stratum V1: a request (has an id, expects an answer), a
/// notification (method with id null or absent), or a response to a request.
public enum StratumMessage: Sendable, Hashable {
    case request(id: StratumID, method: String, params: [JSONValue])
    case notification(method: String, params: [JSONValue])
    case response(id: StratumID?, result: JSONValue, error: StratumRPCError?)

    /// Decodes one line (without its newline).
    public init(line: some Collection<UInt8>) throws(StratumCodecError) {
        let value: JSONValue
        do { value = try JSONParser.parse(line) } catch { throw .malformedJSON(offset: error.offset, reason: error.reason) }
        guard case .object(let fields) = value else {
            throw .wrongType(field: "message", expected: "object", found: value.typeName)
        }
        let id = try Self.decodeID(fields["id"])
        if let method = fields["method"] {
            guard let name = method.stringValue else {
                throw .wrongType(field: "method", expected: "string", found: method.typeName)
            }
            guard let paramsValue = fields["params"] else { throw .missingField("params") }
            guard let params = paramsValue.arrayValue else {
                throw .wrongType(field: "params", expected: "array", found: paramsValue.typeName)
            }
            self = id.map { .request(id: $0, method: name, params: params) } ?? .notification(method: name, params: params)
            return
        }
        guard fields["result"] != nil || fields["error"] != nil else { throw .missingField("method or result") }
        guard fields.keys.contains("id") else { throw .missingField("id") }
        let errorValue = fields["error"] ?? .null
        let error = errorValue.isNull ? nil : try StratumRPCError(json: errorValue)
        self = .response(id: id, result: fields["result"] ?? .null, error: error)
    }

    private static func decodeID(_ value: JSONValue?) throws(StratumCodecError) -> StratumID? {
        switch value {
        case nil, .null?: return nil
        case .integer(let n)?: return .number(n)
        case .double(let d)? where d.rounded() == d && abs(d) < 9.0e15: return .number(Int64(d))
        case .string(let s)?: return .string(s)
        case let other?: throw .wrongType(field: "id", expected: "integer, string or null", found: other.typeName)
        }
    }

    /// The message as one JSON text, without the newline.
    public var jsonText: String {
        var out = ""
        switch self {
        case .request(let id, let method, let params):
            out = "{\"id\":" + id.json.jsonText + ",\"method\":" + JSONValue.string(method).jsonText
                + ",\"params\":" + JSONValue.array(params).jsonText + "}"
        case .notification(let method, let params):
            out = "{\"id\":null,\"method\":" + JSONValue.string(method).jsonText
                + ",\"params\":" + JSONValue.array(params).jsonText + "}"
        case .response(let id, let result, let error):
            out = "{\"id\":" + (id?.json ?? .null).jsonText + ",\"result\":" + result.jsonText
                + ",\"error\":" + (error?.json ?? .null).jsonText + "}"
        }
        return out
    }

    /// The bytes to send: the JSON text and a newline.
    public var encodedLine: [UInt8] {
        Array(jsonText.utf8) + [UInt8(ascii: "\n")]
    }
}
