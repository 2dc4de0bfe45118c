import HearthSupport

/// One request as sent on its own connection: one command or several joined with
/// `+` (`version+summary+estats`), and an optional parameter
/// (`ascset` → `0,worklevel,set,1`). The firmware drops the parameter of joined
/// commands, so a request with a parameter has exactly one command.
public struct CGMinerRequest: Sendable, Hashable, CustomStringConvertible {
    public var commands: [String]
    public var parameter: String?

    /// - Precondition: `command` is a command name (letters, digits, `-`, `_`), possibly `+`-joined.
    public init(_ command: String, parameter: String? = nil) {
        self.commands = command.split(separator: "+", omittingEmptySubsequences: true).map(String.init)
        self.parameter = parameter
    }

    public init(joined commands: [String]) {
        self.commands = commands
        self.parameter = nil
    }

    /// `version+summary`
    public var command: String { commands.joined(separator: "+") }

    /// How errors and logs name the request: `estats`, `ascset|0,worklevel,set,1`.
    public var description: String {
        parameter.map { "\(command)|\($0)" } ?? command
    }

    /// The bytes to send. No newline: the firmware compares the whole text, so
    /// `estats\n` is an invalid command.
    public func encoded(_ form: CGMinerResponse.Form) -> [UInt8] {
        switch form {
        case .json:
            var object: JSONObject = [("command", .string(command))]
            if let parameter { object["parameter"] = .string(parameter) }
            return Array(JSONValue.object(object).jsonText.utf8)
        case .plain:
            return Array(description.utf8)
        }
    }

    /// The requests longer than this are not cgminer commands; the firmware reads at most half its 8 KiB buffer.
    public static let maxLength = 4095

    /// Reads a request as the firmware does (server direction): JSON when it starts
    /// with `{`, else `command|parameter`. Trailing `\0`, `\r` and `\n` are forgiven
    /// (the firmware would answer "Invalid command" to `estats\n`).
    public static func decode(_ bytes: [UInt8]) throws(CGMinerRequestError) -> (request: CGMinerRequest, form: CGMinerResponse.Form) {
        guard bytes.count <= maxLength else { throw .tooLong(bytes.count, limit: maxLength) }
        var end = bytes.count
        while end > 0, [0, 0x0A, 0x0D, 0x20].contains(bytes[end - 1]) { end -= 1 }
        let body = Array(bytes[0..<end])
        guard !body.isEmpty else { throw .empty }
        if body[0] == UInt8(ascii: "{") {
            let value: JSONValue
            do {
                value = try JSONParser.parse(body)
            } catch {
                throw .invalidJSON(offset: error.offset, reason: error.reason)
            }
            guard case .object(let object) = value else { throw .invalidJSON(offset: 0, reason: "not an object") }
            guard let commandValue = object["command"] else { throw .missingCommand }
            guard case .string(let command) = commandValue else { throw .commandNotText(found: commandValue.typeName) }
            var request = CGMinerRequest(command)
            switch object["parameter"] {
            case .string(let s)?: request.parameter = s
            case .integer(let i)?: request.parameter = String(i)
            case .double(let d)?: request.parameter = FirmwareNumberFormat.fixed(d, digits: 6)
            default: break
            }
            if request.commands.count > 1 { request.parameter = nil }
            return (request, .json)
        }
        let text = String(decoding: body, as: UTF8.self)
        let pieces = text.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
        var request = CGMinerRequest(String(pieces[0]), parameter: pieces.count > 1 ? String(pieces[1]) : nil)
        if request.commands.count > 1 { request.parameter = nil }
        return (request, .plain)
    }
}

/// Why a request could not be read (server direction), with the STATUS code the
/// firmware answers it with.
public enum CGMinerRequestError: Error, Sendable, Hashable, CustomStringConvertible {
    case empty
    case tooLong(Int, limit: Int)
    case invalidJSON(offset: Int, reason: String)
    case missingCommand
    case commandNotText(found: String)

    public var statusCode: Int {
        switch self {
        case .invalidJSON: CGMinerStatusCode.invalidJSON
        case .missingCommand: CGMinerStatusCode.missingCommand
        case .empty, .tooLong, .commandNotText: CGMinerStatusCode.invalidCommand
        }
    }

    /// The firmware's message for the code.
    public var statusMessage: String {
        switch self {
        case .invalidJSON: "Invalid JSON"
        case .missingCommand: "Missing JSON 'command'"
        case .empty, .tooLong, .commandNotText: "Invalid command"
        }
    }

    public var description: String {
        switch self {
        case .empty: "empty request"
        case .tooLong(let n, let limit): "request of \(n) bytes, more than the \(limit) the firmware reads"
        case .invalidJSON(let offset, let reason): "invalid JSON at byte \(offset): \(reason)"
        case .missingCommand: "JSON request without 'command'"
        case .commandNotText(let found): "'command' should be text, found \(found)"
        }
    }
}
