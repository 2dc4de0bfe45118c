/// PUBLISH (§3.3): a message on a topic. QoS 1 and 2 carry a packet identifier;
/// `dup` marks a resend of a QoS 1 message the peer may already have.
public struct MQTTPublish: Sendable, Hashable {
    public var topic: String
    public var payload: [UInt8]
    public var qos: MQTTQoS
    public var retain: Bool
    public var dup: Bool
    /// Present exactly when `qos` > 0; never 0.
    public var packetID: UInt16?

    public init(topic: String, payload: [UInt8], qos: MQTTQoS = .atMostOnce, retain: Bool = false, dup: Bool = false,
                packetID: UInt16? = nil)
    {
        self.topic = topic
        self.payload = payload
        self.qos = qos
        self.retain = retain
        self.dup = dup
        self.packetID = packetID
    }

    var flags: UInt8 { (dup ? 0x08 : 0) | qos.rawValue << 1 | (retain ? 0x01 : 0) }

    func encodeBody() throws(MQTTCodecError) -> [UInt8] {
        var w = MQTTWireWriter(packet: "PUBLISH")
        do { try MQTTTopic.validateName(topic) } catch {
            throw MQTTCodecError(packet: "PUBLISH", field: "topic name", offset: 0, problem: error.problem)
        }
        try w.string(topic, field: "topic name")
        switch (qos, packetID) {
        case (.atMostOnce, nil):
            if dup { throw MQTTCodecError(packet: "PUBLISH", field: "DUP flag", offset: 0, problem: "set on a QoS 0 message") }
        case (.atMostOnce, _?):
            throw MQTTCodecError(packet: "PUBLISH", field: "packet identifier", offset: w.bytes.count,
                                 problem: "a QoS 0 message has none")
        case (_, nil), (_, 0?):
            throw MQTTCodecError(packet: "PUBLISH", field: "packet identifier", offset: w.bytes.count,
                                 problem: "\(qos) needs a non-zero packet identifier")
        case (_, let id?):
            w.uint16(id)
        }
        w.raw(payload)
        return w.bytes
    }

    static func decode(_ r: inout MQTTWireReader, flags: UInt8) throws(MQTTCodecError) -> MQTTPublish {
        guard let qos = MQTTQoS(rawValue: (flags >> 1) & 0x03) else {
            throw r.error("fixed header flags", at: 0, "QoS 3 does not exist")
        }
        let dup = flags & 0x08 != 0
        if dup && qos == .atMostOnce { throw r.error("fixed header flags", at: 0, "DUP set on a QoS 0 message") }
        let topicAt = r.index + 2
        let topic = try r.string("topic name")
        do { try MQTTTopic.validateName(topic) } catch { throw r.error("topic name", at: topicAt, error.problem) }
        var packetID: UInt16?
        if qos != .atMostOnce {
            let idAt = r.index
            let id = try r.uint16("packet identifier")
            if id == 0 { throw r.error("packet identifier", at: idAt, "0 is not a valid packet identifier") }
            packetID = id
        }
        return MQTTPublish(topic: topic, payload: r.rest(), qos: qos, retain: flags & 0x01 != 0, dup: dup,
                           packetID: packetID)
    }
}
