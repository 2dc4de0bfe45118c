/// What a call on the client can fail with; each says what and where.
public enum MQTTClientError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalidConfiguration(String)
    case invalidTopic(MQTTTopic.Invalid)
    /// The client publishes and subscribes with QoS 0 and 1 only.
    case unsupportedQoS(MQTTQoS)
    case payloadTooLarge(bytes: Int, limit: Int)
    /// SUBACK 0x80 for this filter (e.g. the broker's ACL forbids it).
    case subscriptionRefused(filter: String, broker: String)
    case stopped

    public var description: String {
        switch self {
        case .invalidConfiguration(let text): "invalid MQTT configuration: \(text)"
        case .invalidTopic(let invalid): invalid.description
        case .unsupportedQoS(let qos): "\(qos) is not supported (only QoS 0 and 1)"
        case .payloadTooLarge(let bytes, let limit): "a \(bytes)-byte message is over the \(limit)-byte packet limit"
        case .subscriptionRefused(let filter, let broker): "broker \(broker) refused the subscription to '\(filter)' (SUBACK 0x80)"
        case .stopped: "the MQTT client is stopped"
        }
    }
}
