import HearthSupport

/// One named list of records in a reply: `VERSION`, `SUMMARY`, `POOLS`, `STATS`…
public struct CGMinerSection: Sendable, Hashable {
    public var name: String
    public var records: [JSONObject]

    public init(name: String, records: [JSONObject]) {
        self.name = name
        self.records = records
    }
}

/// One command's reply, as the firmware builds it in both forms: the STATUS record,
/// then sections of flat records, then `id` (1, or 0 when the firmware truncated it).
/// Decoding from either form and encoding to either form go through this one model,
/// so the client and, later, Hearth's own API server speak the same shapes.
public struct CGMinerReply: Sendable, Hashable {
    public var status: CGMinerStatus
    public var sections: [CGMinerSection]
    /// The JSON form's trailing `"id":1`; absent in the plain form.
    public var id: Int64?

    public init(status: CGMinerStatus, sections: [CGMinerSection] = [], id: Int64? = 1) {
        self.status = status
        self.sections = sections
        self.id = id
    }

    public func section(_ name: String) -> CGMinerSection? {
        sections.first { $0.name == name }
    }

    /// The records of a section the reply must have, e.g. `VERSION`.
    public func records(_ name: String) throws(CGMinerCodecError) -> [JSONObject] {
        guard let section = section(name) else { throw .missingField(name) }
        return section.records
    }

    /// The first record of a section the reply must have, with its path for errors.
    public func firstRecord(_ name: String) throws(CGMinerCodecError) -> RecordFields {
        guard let record = try records(name).first else { throw .missingField("\(name)[0]") }
        return RecordFields(record, path: "\(name)[0]")
    }
}

/// Everything one connection returned: a single reply, or one per command of a
/// `+`-joined request (`version+summary`), in the order the firmware answered.
public struct CGMinerResponse: Sendable, Hashable {
    public struct Part: Sendable, Hashable {
        /// The command this part answers; nil for a reply to a single command.
        public var command: String?
        public var reply: CGMinerReply

        public init(command: String?, reply: CGMinerReply) {
            self.command = command
            self.reply = reply
        }
    }

    public enum Form: Sendable, Hashable {
        case json
        case plain
    }

    public var parts: [Part]
    public var form: Form

    public init(parts: [Part], form: Form) {
        self.parts = parts
        self.form = form
    }

    /// The reply to a single command; an error when the connection carried several.
    public func single() throws(CGMinerCodecError) -> CGMinerReply {
        guard parts.count == 1 else {
            throw .unexpectedShape(path: "reply", reason: "expected one reply, found \(parts.count)")
        }
        return parts[0].reply
    }

    /// The part answering `command` in a joined reply.
    public func reply(for command: String) throws(CGMinerCodecError) -> CGMinerReply {
        guard let part = parts.first(where: { $0.command == command }) else {
            throw .missingField("reply to \(command)")
        }
        return part.reply
    }
}
