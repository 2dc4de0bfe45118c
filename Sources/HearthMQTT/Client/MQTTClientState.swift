/// Where the client's connection to its broker stands. Every change is logged and can be
/// observed (`MQTTClient.stateChanges()`).
public enum MQTTClientState: Sendable, Hashable, CustomStringConvertible {
    /// Created, not started.
    case idle
    /// A TCP connection and CONNECT are under way (`attempt` counts from 1 since start).
    case connecting(attempt: Int)
    /// CONNACK accepted: subscriptions were sent again and the on-connected hooks ran.
    case connected(sessionPresent: Bool)
    /// Lost or refused; the next attempt follows after `retryIn` (the retry policy's backoff).
    case disconnected(reason: String, retryIn: Duration)
    /// `stop()` was called; nothing more happens.
    case stopped

    public var isConnected: Bool {
        if case .connected = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .idle: "idle"
        case .connecting(let attempt): "connecting (attempt \(attempt))"
        case .connected(let sessionPresent): sessionPresent ? "connected (session resumed)" : "connected"
        case .disconnected(let reason, let retryIn): "disconnected: \(reason); retrying in \(retryIn / .seconds(1)) s"
        case .stopped: "stopped"
        }
    }
}

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

/// The outcome of `subscribe` as far as the broker has answered.
public enum MQTTSubscribeResult: Sendable, Hashable {
    /// SUBACK: the highest QoS the broker will deliver with.
    case granted(MQTTQoS)
    /// Not connected (or the connection went before SUBACK): registered, and sent on (re)connect.
    case pending
}

/// Counters since `start()`.
public struct MQTTClientStatistics: Sendable, Hashable {
    /// Publishes handed to the socket (QoS 0) or queued for the broker (QoS 1).
    public var published = 0
    /// QoS 1 publishes the broker acknowledged.
    public var acknowledged = 0
    /// QoS 1 publishes sent again after a reconnect (with DUP).
    public var resent = 0
    public var received = 0
    /// Over the publish rate limit (issue 16).
    public var droppedByRateLimit = 0
    /// QoS 1 messages pushed out of the full queue while the broker was away.
    public var droppedQueueFull = 0
    /// QoS 0 messages published while not connected.
    public var droppedOffline = 0
    /// QoS 1 messages waiting or in flight now.
    public var queued = 0
    public var connections = 0

    public init() {}
}
