import HearthSupport

/// Reads what one connection returned, in either form the firmware speaks: JSON
/// (`{"STATUS":[…],"VERSION":[…],"id":1}`) after the quirks are forgiven, or plain
/// text (`STATUS=S,…|VERSION,…|`). Joined requests (`version+summary`) come back as
/// one part per command in both forms.
public enum ReplyDecoder {
    public static func decode(_ bytes: [UInt8]) throws(CGMinerCodecError) -> CGMinerResponse {
        let range = try ReplyNormalizer.trimmed(bytes)
        // Plain replies start with a word (`STATUS=`, `CMD=`); anything else is read as
        // JSON, so a reply that lost its head is reported where JSON breaks.
        let first = bytes[range.lowerBound] | 0x20
        if first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z") {
            return CGMinerResponse(parts: try PlainReplyParser.parse(bytes), form: .plain)
        }
        return CGMinerResponse(parts: try decodeJSON(bytes), form: .json)
    }

    /// Decodes and insists on exactly one reply.
    public static func decodeSingle(_ bytes: [UInt8]) throws(CGMinerCodecError) -> CGMinerReply {
        try decode(bytes).single()
    }

    static func decodeJSON(_ bytes: [UInt8]) throws(CGMinerCodecError) -> [CGMinerResponse.Part] {
        let normalized = try ReplyNormalizer.normalize(bytes)
        let value: JSONValue
        do {
            value = try JSONParser.parse(normalized.bytes)
        } catch {
            throw .garbage(offset: normalized.sourceOffset(error.offset), reason: error.reason)
        }
        switch value {
        case .array(let items):
            // Several replies back to back (`}{`): each must be a whole reply.
            var parts: [CGMinerResponse.Part] = []
            for (i, item) in items.enumerated() {
                guard case .object(let object) = item else {
                    throw .unexpectedShape(path: "reply[\(i)]", reason: "expected an object, found \(item.typeName)")
                }
                parts.append(contentsOf: try Self.parts(of: object, path: "reply[\(i)]"))
            }
            return parts
        case .object(let object):
            return try parts(of: object, path: "reply")
        default:
            throw .unexpectedShape(path: "reply", reason: "expected an object, found \(value.typeName)")
        }
    }

    /// A single reply (it has STATUS), or the firmware's joined form:
    /// `{"version":[{…reply…}],"summary":[{…reply…}],"id":1}`.
    static func parts(of object: JSONObject, path: String) throws(CGMinerCodecError) -> [CGMinerResponse.Part] {
        if object["STATUS"] != nil {
            return [CGMinerResponse.Part(command: nil, reply: try reply(from: object, path: path))]
        }
        var parts: [CGMinerResponse.Part] = []
        for (command, value) in object where command != "id" {
            let where_ = "\(path).\(command)"
            guard case .array(let items) = value, items.count == 1, case .object(let inner) = items[0] else {
                throw .unexpectedShape(path: where_, reason: "expected a list holding one reply, found \(value.typeName)")
            }
            parts.append(CGMinerResponse.Part(command: command, reply: try reply(from: inner, path: where_)))
        }
        guard !parts.isEmpty else { throw .unexpectedShape(path: path, reason: "no STATUS and no joined replies") }
        return parts
    }

    static func reply(from object: JSONObject, path: String) throws(CGMinerCodecError) -> CGMinerReply {
        guard let statusValue = object["STATUS"] else { throw .missingField("\(path).STATUS") }
        let statusRecord: JSONObject
        switch statusValue {
        case .array(let items):
            guard case .object(let first)? = items.first else {
                throw .unexpectedShape(path: "\(path).STATUS", reason: "expected a list of one record")
            }
            statusRecord = first
        case .object(let record):
            statusRecord = record  // some third-party builds drop the list
        default:
            throw .wrongType(field: "\(path).STATUS", expected: "a list of one record", found: statusValue.typeName)
        }
        let status = try CGMinerStatus(record: statusRecord, path: "STATUS[0]")
        var sections: [CGMinerSection] = []
        var id: Int64?
        for (key, value) in object where key != "STATUS" {
            if key == "id" {
                id = value.integerValue
                continue
            }
            sections.append(CGMinerSection(name: key, records: try records(value, path: "\(path).\(key)")))
        }
        return CGMinerReply(status: status, sections: sections, id: id)
    }

    static func records(_ value: JSONValue, path: String) throws(CGMinerCodecError) -> [JSONObject] {
        switch value {
        case .object(let record): return [record]
        case .array(let items):
            var out: [JSONObject] = []
            for (i, item) in items.enumerated() {
                guard case .object(let record) = item else {
                    throw .wrongType(field: "\(path)[\(i)]", expected: "a record", found: item.typeName)
                }
                out.append(record)
            }
            return out
        default:
            throw .wrongType(field: path, expected: "a list of records", found: value.typeName)
        }
    }
}
