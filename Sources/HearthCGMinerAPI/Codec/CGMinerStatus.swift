import HearthSupport

/// The STATUS record that opens every reply: severity, code, message, the time of
/// the request and the miner's description (`cgminer 4.11.1`).
public struct CGMinerStatus: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case success = "S"
        case info = "I"
        case warning = "W"
        case error = "E"
        /// The firmware's "unknown message id" case.
        case fatal = "F"
    }

    public var severity: Severity
    public var code: Int
    public var message: String
    /// Unix time of the request, as the device's clock saw it.
    public var when: Int64?
    /// `cgminer 4.11.1`; the firmware leaves it out of "Invalid command" replies so a
    /// stranger probing the port learns nothing.
    public var minerDescription: String?

    public init(severity: Severity, code: Int, message: String, when: Int64? = nil, minerDescription: String? = nil) {
        self.severity = severity
        self.code = code
        self.message = message
        self.when = when
        self.minerDescription = minerDescription
    }

    /// Reads a STATUS record (JSON or plain form); `path` names it in errors.
    public init(record: JSONObject, path: String = "STATUS[0]") throws(CGMinerCodecError) {
        let fields = RecordFields(record, path: path)
        let letter = try fields.string("STATUS")
        guard let severity = Severity(rawValue: letter) else {
            throw .invalidValue(field: "\(path).STATUS", reason: "'\(letter)' is not one of S, I, W, E, F")
        }
        self.severity = severity
        self.code = Int(try fields.integer("Code"))
        self.message = try fields.string("Msg")
        self.when = try fields.optionalInteger("When")
        self.minerDescription = fields.optionalString("Description")
    }

    /// The record in the firmware's key order.
    public var record: JSONObject {
        var out: JSONObject = [("STATUS", .string(severity.rawValue))]
        if let when { out["When"] = .integer(when) }
        out["Code"] = .integer(Int64(code))
        out["Msg"] = .string(message)
        if let minerDescription { out["Description"] = .string(minerDescription) }
        return out
    }

    /// An E or F status: the command did not do what was asked.
    public var isError: Bool { severity == .error || severity == .fatal }

    public var description: String { "STATUS=\(severity.rawValue) Code=\(code) \(message)" }
}
