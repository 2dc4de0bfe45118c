/// A message the broker delivered for one of the client's subscriptions.
public struct MQTTMessage: Sendable, Hashable {
    public var topic: String
    public var payload: [UInt8]
    public var qos: MQTTQoS
    /// Sent because it was retained on the broker (the last value of the topic), not just published.
    public var retain: Bool
    /// The broker may have delivered it before (QoS 1 redelivery).
    public var dup: Bool

    public init(topic: String, payload: [UInt8], qos: MQTTQoS = .atMostOnce, retain: Bool = false, dup: Bool = false) {
        self.topic = topic
        self.payload = payload
        self.qos = qos
        self.retain = retain
        self.dup = dup
    }

    /// The payload as text, when it is valid UTF-8 without U+0000 (sensor values, JSON).
    public var payloadString: String? {
        MQTTUTF8.firstViolation(in: payload) == nil ? String(decoding: payload, as: UTF8.self) : nil
    }
}
