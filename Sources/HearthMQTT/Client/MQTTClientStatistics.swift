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
