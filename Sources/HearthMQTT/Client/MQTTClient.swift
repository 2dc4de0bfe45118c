import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// An MQTT 3.1.1 client for one broker: connects with credentials and a last will, keeps
/// the connection alive, reconnects with the one retry policy, subscribes again and runs
/// the on-connected hooks after every connect, and publishes QoS 0 and 1 (QoS 1 queued
/// and resent with DUP until acknowledged) under a rate limit.
///
/// Thread-safe; every method may be called from anywhere. State lives on one event loop,
/// where subscription handlers and hooks are called: they must be quick and not block.
public final class MQTTClient: Sendable {
    public let configuration: MQTTClientConfiguration
    private let loop: any EventLoop
    private let core: NIOLoopBoundBox<ClientCore>
    private let shared: NIOLockedValueBox<(state: MQTTClientState, nextObserver: Int)>

    /// - Throws: `MQTTClientError.invalidConfiguration` naming the first bad setting.
    public init(configuration: MQTTClientConfiguration, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
                logger: Logger = Logger(label: "hearth.mqtt")) throws(MQTTClientError)
    {
        try configuration.validate()
        self.configuration = configuration
        let loop = group.next()
        self.loop = loop
        var logger = logger
        logger[metadataKey: "broker"] = "\(configuration.broker)"
        let shared = NIOLockedValueBox((state: MQTTClientState.idle, nextObserver: 0))
        self.shared = shared
        self.core = NIOLoopBoundBox.makeBoxSendingValue(
            ClientCore(configuration: configuration, loop: loop, logger: logger) { state in
                shared.withLockedValue { $0.state = state }
            }, eventLoop: loop)
    }

    /// Connects, and keeps reconnecting until `stop()`. Calling it again does nothing.
    public func start() {
        loop.execute { self.core.value.start() }
    }

    /// Sends DISCONNECT (so the broker does not publish the will) and closes. The client
    /// can't be started again; make a new one.
    public func stop() async {
        try? await loop.flatSubmit { self.core.value.stop() }.get()
    }

    /// The state now.
    public var state: MQTTClientState { shared.withLockedValue { $0.state } }

    /// The state now, then every change, until the client stops (the newest 64 are kept for a slow reader).
    public func stateChanges() -> AsyncStream<MQTTClientState> {
        let (stream, continuation) = AsyncStream.makeStream(of: MQTTClientState.self, bufferingPolicy: .bufferingNewest(64))
        let id = shared.withLockedValue { shared in
            defer { shared.nextObserver += 1 }
            return shared.nextObserver
        }
        continuation.onTermination = { [loop, core] _ in loop.execute { core.value.removeObserver(id) } }
        loop.execute { self.core.value.addObserver(id, continuation) }
        return stream
    }

    /// Runs after every successful connect, once subscriptions were sent again and queued
    /// messages resent (Home Assistant discovery belongs here). Runs at once if connected now.
    public func onConnected(_ hook: @escaping @Sendable () -> Void) {
        loop.execute { self.core.value.addHook(hook) }
    }

    /// Subscribes now if connected, and again after every reconnect. One handler per filter:
    /// subscribing to the same filter again replaces it. A message matching several filters
    /// reaches each of their handlers.
    /// - Returns: the QoS the broker granted, or `.pending` when not connected now.
    /// - Throws: an invalid filter, QoS 2, or the broker's refusal (SUBACK 0x80).
    @discardableResult
    public func subscribe(_ filter: String, qos: MQTTQoS = .atLeastOnce,
                          handler: @escaping @Sendable (MQTTMessage) -> Void) async throws -> MQTTSubscribeResult
    {
        do { try MQTTTopic.validateFilter(filter) } catch { throw MQTTClientError.invalidTopic(error) }
        if qos == .exactlyOnce { throw MQTTClientError.unsupportedQoS(qos) }
        let promise = loop.makePromise(of: MQTTSubscribeResult.self)
        loop.execute {
            self.core.value.subscribe(filter, ClientCore.Subscription(qos: qos, handler: handler), promise: promise)
        }
        return try await promise.futureResult.get()
    }

    /// Forgets the filter's handler at once and tells the broker (waits for UNSUBACK while connected).
    public func unsubscribe(_ filter: String) async throws {
        do { try MQTTTopic.validateFilter(filter) } catch { throw MQTTClientError.invalidTopic(error) }
        let promise = loop.makePromise(of: Void.self)
        loop.execute { self.core.value.unsubscribe(filter, promise: promise) }
        try await promise.futureResult.get()
    }

    /// Publishes without waiting. QoS 0 goes now if connected (else it is dropped and counted);
    /// QoS 1 is queued until the broker acknowledges it, across reconnects. Over the rate
    /// limit a message is dropped and counted (`statistics()`).
    /// - Throws: an invalid topic, QoS 2, or a message over the packet size limit.
    public func publish(topic: String, payload: [UInt8], qos: MQTTQoS = .atMostOnce, retain: Bool = false)
        throws(MQTTClientError)
    {
        do { try MQTTTopic.validateName(topic) } catch { throw .invalidTopic(error) }
        if qos == .exactlyOnce { throw .unsupportedQoS(qos) }
        // Fixed header (≤ 5), topic length and bytes, packet identifier.
        let size = 5 + 2 + topic.utf8.count + 2 + payload.count
        if size > configuration.maxPacketSize { throw .payloadTooLarge(bytes: size, limit: configuration.maxPacketSize) }
        let publish = MQTTPublish(topic: topic, payload: payload, qos: qos, retain: retain)
        loop.execute { self.core.value.publish(publish) }
    }

    public func publish(topic: String, payload: String, qos: MQTTQoS = .atMostOnce, retain: Bool = false)
        throws(MQTTClientError)
    {
        try publish(topic: topic, payload: Array(payload.utf8), qos: qos, retain: retain)
    }

    public func statistics() async -> MQTTClientStatistics {
        (try? await loop.submit { self.core.value.currentStatistics() }.get()) ?? MQTTClientStatistics()
    }
}
