/// The outcome of `subscribe` as far as the broker has answered.
public enum MQTTSubscribeResult: Sendable, Hashable {
    /// SUBACK: the highest QoS the broker will deliver with.
    case granted(MQTTQoS)
    /// Not connected (or the connection went before SUBACK): registered, and sent on (re)connect.
    case pending
}
