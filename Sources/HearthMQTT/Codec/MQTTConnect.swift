/// CONNECT (§3.1): who the client is, its session, keepalive, credentials and last will.
public struct MQTTConnect: Sendable, Hashable {
    public var clientID: String
    /// Start with no session state (the broker forgets subscriptions and queued messages).
    public var cleanSession: Bool
    /// Seconds; the broker drops a client silent for 1.5× this. 0 turns keepalive off.
    public var keepAliveSeconds: UInt16
    public var username: String?
    /// Binary in MQTT 3.1.1; only sent with a username (§3.1.2.9).
    public var password: [UInt8]?
    public var will: MQTTWill?

    public init(clientID: String, cleanSession: Bool = true, keepAliveSeconds: UInt16 = 60, username: String? = nil,
                password: [UInt8]? = nil, will: MQTTWill? = nil)
    {
        self.clientID = clientID
        self.cleanSession = cleanSession
        self.keepAliveSeconds = keepAliveSeconds
        self.username = username
        self.password = password
        self.will = will
    }

    static let protocolName = "MQTT"
    static let protocolLevel: UInt8 = 4  // 3.1.1

    func encodeBody() throws(MQTTCodecError) -> [UInt8] {
        var w = MQTTWireWriter(packet: "CONNECT")
        if password != nil && username == nil {
            throw MQTTCodecError(packet: "CONNECT", field: "password", offset: 7,
                                 problem: "a password needs a user name in MQTT 3.1.1")
        }
        try w.string(Self.protocolName, field: "protocol name")
        w.uint8(Self.protocolLevel)
        var flags: UInt8 = 0
        if username != nil { flags |= 0x80 }
        if password != nil { flags |= 0x40 }
        if let will {
            flags |= 0x04 | will.qos.rawValue << 3
            if will.retain { flags |= 0x20 }
        }
        if cleanSession { flags |= 0x02 }
        w.uint8(flags)
        w.uint16(keepAliveSeconds)
        try w.string(clientID, field: "client identifier")
        if let will {
            try w.string(will.topic, field: "will topic")
            try w.binary(will.payload, field: "will message")
        }
        if let username { try w.string(username, field: "user name") }
        if let password { try w.binary(password, field: "password") }
        return w.bytes
    }

    static func decode(_ r: inout MQTTWireReader) throws(MQTTCodecError) -> MQTTConnect {
        let nameAt = r.index
        let name = try r.string("protocol name")
        guard name == protocolName else { throw r.error("protocol name", at: nameAt, "'\(name)', expected 'MQTT'") }
        let levelAt = r.index
        let level = try r.uint8("protocol level")
        guard level == protocolLevel else {
            throw r.error("protocol level", at: levelAt, "\(level), only 4 (MQTT 3.1.1) is supported")
        }
        let flagsAt = r.index
        let flags = try r.uint8("connect flags")
        if flags & 0x01 != 0 { throw r.error("connect flags", at: flagsAt, "reserved bit 0 is set") }
        let hasWill = flags & 0x04 != 0
        let willQoSBits = (flags >> 3) & 0x03
        guard let willQoS = MQTTQoS(rawValue: willQoSBits) else {
            throw r.error("connect flags", at: flagsAt, "will QoS 3 does not exist")
        }
        if !hasWill && (willQoSBits != 0 || flags & 0x20 != 0) {
            throw r.error("connect flags", at: flagsAt, "will QoS or retain set without a will")
        }
        let hasUsername = flags & 0x80 != 0
        let hasPassword = flags & 0x40 != 0
        if hasPassword && !hasUsername {
            throw r.error("connect flags", at: flagsAt, "password flag without user name flag")
        }
        var connect = MQTTConnect(clientID: "", cleanSession: flags & 0x02 != 0, keepAliveSeconds: try r.uint16("keep alive"))
        connect.clientID = try r.string("client identifier")
        if hasWill {
            let topicAt = r.index + 2
            let topic = try r.string("will topic")
            do { try MQTTTopic.validateName(topic) } catch { throw r.error("will topic", at: topicAt, error.problem) }
            connect.will = MQTTWill(topic: topic, payload: try r.binary("will message"), qos: willQoS,
                                    retain: flags & 0x20 != 0)
        }
        if hasUsername { connect.username = try r.string("user name") }
        if hasPassword { connect.password = try r.binary("password") }
        return connect
    }
}

/// Published by the broker for a client whose connection dies without a DISCONNECT.
public struct MQTTWill: Sendable, Hashable {
    public var topic: String
    public var payload: [UInt8]
    public var qos: MQTTQoS
    public var retain: Bool

    public init(topic: String, payload: [UInt8], qos: MQTTQoS = .atMostOnce, retain: Bool = false) {
        self.topic = topic
        self.payload = payload
        self.qos = qos
        self.retain = retain
    }

    public init(topic: String, payload: String, qos: MQTTQoS = .atMostOnce, retain: Bool = false) {
        self.init(topic: topic, payload: Array(payload.utf8), qos: qos, retain: retain)
    }
}

/// Keeps the password out of logs, `print` and `dump`.
extension MQTTConnect: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        var parts = ["client id '\(clientID)'", "clean session \(cleanSession)", "keepalive \(keepAliveSeconds) s"]
        if let username { parts.append("user '\(username)'") }
        if password != nil { parts.append("password <hidden>") }
        if let will { parts.append("will on '\(will.topic)' (\(will.qos)\(will.retain ? ", retained" : ""))") }
        return "CONNECT(" + parts.joined(separator: ", ") + ")"
    }

    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["description": description]) }
}
