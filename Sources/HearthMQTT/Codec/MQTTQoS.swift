/// Delivery guarantee of a message (MQTT 3.1.1 §4.3). The client publishes with 0 and 1;
/// 2 exists on the wire (SUBSCRIBE, SUBACK) so it can be named and refused clearly.
public enum MQTTQoS: UInt8, Sendable, Hashable, Comparable, CustomStringConvertible {
    case atMostOnce = 0
    case atLeastOnce = 1
    case exactlyOnce = 2

    public static func < (a: MQTTQoS, b: MQTTQoS) -> Bool { a.rawValue < b.rawValue }
    public var description: String { "QoS \(rawValue)" }
}
