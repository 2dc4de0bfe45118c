import HearthSupport

/// Writes replies the way the stock firmware does, so Hearth can serve the same API
/// (issue 13): compact JSON with STATUS first and `"id":1` last, or the plain
/// `key=value|` form; numbers with the firmware's fixed decimals; and the `\0`
/// terminator that clients wait for.
public struct ReplyEncoder: Sendable {
    /// What to print for a number that is not finite.
    public enum NonFinite: Sendable, Hashable {
        /// `0`: what pyasic turns such values into, and valid JSON for every client.
        case zero
        /// `inf`/`nan` as printf writes them, for an emulator that reproduces the quirk.
        case firmware
    }

    public var form: CGMinerResponse.Form
    public var nonFinite: NonFinite
    /// Append the `\0` the firmware sends after every reply.
    public var terminator: Bool

    public init(form: CGMinerResponse.Form, nonFinite: NonFinite = .zero, terminator: Bool = true) {
        self.form = form
        self.nonFinite = nonFinite
        self.terminator = terminator
    }

    /// Sections the plain form introduces with a bare header (`VERSION,CGMiner=…`);
    /// the others start with their first key (`POOL=0,…`), as in `api.c`.
    public static let plainHeaderSections: Set<String> = ["VERSION", "CONFIG", "SUMMARY", "CHECK", "COIN", "LCD"]

    public func encode(_ reply: CGMinerReply) -> [UInt8] {
        var out = ""
        write(reply, to: &out)
        return finish(out)
    }

    /// The reply to a `+`-joined request: one part per command, in request order.
    public func encode(joined parts: [(command: String, reply: CGMinerReply)]) -> [UInt8] {
        var out = ""
        switch form {
        case .json:
            out += "{"
            for (i, part) in parts.enumerated() {
                if i > 0 { out += "," }
                JSONValue.writeQuoted(part.command, to: &out)
                out += ":["
                write(part.reply, to: &out)
                out += "]"
            }
            out += ",\"id\":1}"
        case .plain:
            for part in parts {
                out += "CMD=" + escapedPlain(part.command) + "|"
                write(part.reply, to: &out)
            }
        }
        return finish(out)
    }

    private func finish(_ text: String) -> [UInt8] {
        var bytes = Array(text.utf8)
        if terminator { bytes.append(0) }
        return bytes
    }

    private func write(_ reply: CGMinerReply, to out: inout String) {
        switch form {
        case .json:
            out += "{\"STATUS\":["
            writeJSON(reply.status.record, to: &out)
            out += "]"
            for section in reply.sections {
                out += ","
                JSONValue.writeQuoted(section.name, to: &out)
                out += ":["
                for (i, record) in section.records.enumerated() {
                    if i > 0 { out += "," }
                    writeJSON(record, to: &out)
                }
                out += "]"
            }
            if let id = reply.id { out += ",\"id\":\(id)" }
            out += "}"
        case .plain:
            writePlain(reply.status.record, to: &out)
            out += "|"
            for section in reply.sections {
                for record in section.records {
                    if Self.plainHeaderSections.contains(section.name) {
                        out += section.name + (record.isEmpty ? "" : ",")
                    }
                    writePlain(record, to: &out)
                    out += "|"
                }
            }
        }
    }

    private func writeJSON(_ record: JSONObject, to out: inout String) {
        out += "{"
        for (i, (key, value)) in record.enumerated() {
            if i > 0 { out += "," }
            JSONValue.writeQuoted(key, to: &out)
            out += ":"
            switch value {
            case .double(let d): out += number(d, key: key)
            default: value.write(to: &out)
            }
        }
        out += "}"
    }

    private func writePlain(_ record: JSONObject, to out: inout String) {
        for (i, (key, value)) in record.enumerated() {
            if i > 0 { out += "," }
            out += key + "="
            switch value {
            case .string(let s): out += escapedPlain(s)
            case .integer(let n): out += String(n)
            case .double(let d): out += number(d, key: key)
            case .bool(let b): out += b ? "true" : "false"
            case .null: break
            case .array, .object: out += escapedPlain(value.jsonText)
            }
        }
    }

    private func number(_ d: Double, key: String) -> String {
        if !d.isFinite, nonFinite == .zero { return FirmwareNumberFormat.fixed(0, digits: FirmwareNumberFormat.fractionDigits(forKey: key)) }
        return FirmwareNumberFormat.fixed(d, digits: FirmwareNumberFormat.fractionDigits(forKey: key))
    }

    /// The plain form's escapes: a value may not cut its record or field short.
    private func escapedPlain(_ s: String) -> String {
        var out = ""
        for ch in s {
            if ch == "\\" || ch == "," || ch == "|" || ch == "=" { out.append("\\") }
            out.append(ch)
        }
        return out
    }
}

extension CGMinerReply {
    /// A successful reply in the firmware's shape (`Description` as the stock
    /// firmware fills it).
    public static func success(code: Int, message: String, when: Int64, sections: [CGMinerSection] = [],
                               minerDescription: String = "cgminer 4.11.1") -> CGMinerReply
    {
        CGMinerReply(status: CGMinerStatus(severity: .success, code: code, message: message, when: when,
                                           minerDescription: minerDescription),
                     sections: sections)
    }

    /// A reply with no sections: an error, or an `ascset` outcome. The firmware omits
    /// `Description` from "Invalid command" so a port scan learns nothing.
    public static func status(_ severity: CGMinerStatus.Severity, code: Int, message: String, when: Int64,
                              minerDescription: String = "cgminer 4.11.1") -> CGMinerReply
    {
        let description = code == CGMinerStatusCode.invalidCommand ? nil : minerDescription
        return CGMinerReply(status: CGMinerStatus(severity: severity, code: code, message: message, when: when,
                                                  minerDescription: description))
    }
}
