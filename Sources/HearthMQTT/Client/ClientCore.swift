import HearthSupport
import Logging
import NIOCore
import NIOPosix

/// The client's state, confined to one event loop: the connection and its reconnects,
/// the subscriptions (sent again after every connect), the QoS 1 queue (sent again
/// with DUP until acknowledged), the publish rate limit and the on-connected hooks.
/// `MQTTConnectionHandler` does the per-connection protocol.
final class ClientCore {
    struct Subscription {
        var qos: MQTTQoS
        var handler: @Sendable (MQTTMessage) -> Void
    }

    private struct Connection {
        let serial: Int
        var handler: MQTTConnectionHandler?
        var channel: (any Channel)?
        var connectedAt: NIODeadline?
    }

    /// Filters per SUBSCRIBE when re-subscribing, so one packet stays small.
    private static let filtersPerSubscribe = 16

    private let configuration: MQTTClientConfiguration
    private let loop: any EventLoop
    private let logger: Logger
    private let onState: (MQTTClientState) -> Void

    private var retry: RetrySchedule
    private var started = false
    private var stopped = false
    private var serial = 0
    private var attempts = 0
    private var connection: Connection?
    private var retryTimer: Scheduled<Void>?
    private var state = MQTTClientState.idle
    private var observers: [Int: AsyncStream<MQTTClientState>.Continuation] = [:]
    private var hooks: [@Sendable () -> Void] = []

    private var subscriptions: [String: Subscription] = [:]
    private var pendingSubscribes: [UInt16: (filters: [String], promise: EventLoopPromise<MQTTSubscribeResult>?)] = [:]
    private var pendingUnsubscribes: [UInt16: EventLoopPromise<Void>?] = [:]
    private var ids = PacketIDAllocator()
    private var outgoing: OutgoingQueue
    private var rateLimiter: PublishRateLimiter
    private var rateDrops = DropReport()
    private var queueDrops = DropReport()
    private var offlineDrops = DropReport()
    private(set) var statistics = MQTTClientStatistics()

    init(configuration: MQTTClientConfiguration, loop: any EventLoop, logger: Logger,
         onState: @escaping (MQTTClientState) -> Void)
    {
        self.configuration = configuration
        self.loop = loop
        self.logger = logger
        self.onState = onState
        self.retry = configuration.jitterSeed.map { RetrySchedule(policy: configuration.retry, seed: $0) }
            ?? RetrySchedule(policy: configuration.retry)
        self.outgoing = OutgoingQueue(capacity: configuration.maxQueuedMessages, window: configuration.maxInflight)
        self.rateLimiter = PublishRateLimiter(perSecond: configuration.maxPublishesPerSecond,
                                              burst: configuration.publishBurst)
    }

    private var broker: String { configuration.broker }
    private var liveHandler: MQTTConnectionHandler? {
        guard let handler = connection?.handler, handler.isConnected else { return nil }
        return handler
    }

    // MARK: lifecycle

    func start() {
        guard !started, !stopped else { return }
        started = true
        connect()
    }

    func stop() -> EventLoopFuture<Void> {
        guard !stopped else { return loop.makeSucceededVoidFuture() }
        stopped = true
        retryTimer?.cancel()
        var closed = loop.makeSucceededVoidFuture()
        if let current = connection {
            current.handler?.close(reason: "client stopped", sendDisconnect: true)
            if let channel = current.channel {
                channel.close(promise: nil)
                closed = channel.closeFuture
            }
        }
        connection = nil
        settlePending(subscribeResult: nil)
        // Hooks and handlers often hold the client itself: letting go of them breaks the cycle.
        hooks = []
        subscriptions = [:]
        logger.info("MQTT client for broker \(broker) stopped")
        setState(.stopped)
        return closed
    }

    func addObserver(_ id: Int, _ continuation: AsyncStream<MQTTClientState>.Continuation) {
        continuation.yield(state)
        if stopped { return continuation.finish() }
        observers[id] = continuation
    }

    func removeObserver(_ id: Int) { observers[id] = nil }

    func addHook(_ hook: @escaping @Sendable () -> Void) {
        hooks.append(hook)
        if liveHandler != nil { hook() }
    }

    private func setState(_ newState: MQTTClientState) {
        state = newState
        onState(newState)
        for continuation in observers.values { continuation.yield(newState) }
        if case .stopped = newState {
            for continuation in observers.values { continuation.finish() }
            observers = [:]
        }
    }

    // MARK: connecting

    private func connect() {
        guard !stopped else { return }
        serial += 1
        attempts += 1
        let serial = self.serial
        connection = Connection(serial: serial)
        setState(.connecting(attempt: attempts))
        let configuration = self.configuration
        let logger = self.logger
        let timing = MQTTConnectionHandler.Timing(
            keepAlive: configuration.keepAlive == .zero ? nil : TimeAmount(configuration.keepAlive),
            pingTimeout: TimeAmount(configuration.pingTimeout), connAckTimeout: TimeAmount(configuration.connectTimeout))
        let box = NIOLoopBound(self, eventLoop: loop)
        let bootstrap = ClientBootstrap(group: loop)
            .connectTimeout(TimeAmount(configuration.connectTimeout))
            .channelOption(.socketOption(.so_keepalive), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let core = box.value
                    let handler = MQTTConnectionHandler(serial: serial, connect: configuration.connectPacket,
                                                        broker: configuration.broker, timing: timing, logger: logger)
                    { [weak core] event in
                        core?.handle(event, serial: serial)
                    }
                    core.attach(handler, serial: serial)
                    let decoder = MQTTFrameDecoder(decoder: MQTTPacketDecoder(maxPacketSize: configuration.maxPacketSize))
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(decoder))
                    try channel.pipeline.syncOperations.addHandler(handler)
                }
            }
        bootstrap.connect(host: configuration.host, port: configuration.port).assumeIsolated().whenComplete { result in
            switch result {
            case .success(let channel):
                if self.connection?.serial == serial {
                    self.connection?.channel = channel
                } else {
                    channel.close(promise: nil)  // stopped or superseded while connecting
                }
            case .failure(let error):
                self.ended(serial: serial, reason: "cannot connect to broker \(self.broker): \(error)", refused: nil)
            }
        }
    }

    private func attach(_ handler: MQTTConnectionHandler, serial: Int) {
        if connection?.serial == serial { connection?.handler = handler }
    }

    private func handle(_ event: MQTTConnectionHandler.Event, serial: Int) {
        guard !stopped, connection?.serial == serial else { return }
        switch event {
        case .connected(let sessionPresent): connectionUp(sessionPresent: sessionPresent)
        case .packet(let packet): handle(packet)
        case .ended(let reason, let refused): ended(serial: serial, reason: reason, refused: refused)
        }
    }

    private func connectionUp(sessionPresent: Bool) {
        guard let handler = liveHandler else { return }
        connection?.connectedAt = loop.now
        statistics.connections += 1
        logger.info("connected to broker \(broker) as '\(configuration.clientID)'\(sessionPresent ? " (session resumed)" : "")")
        // Whatever the broker kept, subscribing again is harmless and covers a clean session.
        let filters = subscriptions.keys.sorted()
        var start = 0
        while start < filters.count {
            let chunk = Array(filters[start..<min(start + Self.filtersPerSubscribe, filters.count)])
            start += Self.filtersPerSubscribe
            sendSubscribe(chunk, promise: nil, on: handler)
        }
        for publish in outgoing.resend() {
            statistics.resent += 1
            handler.send(.publish(publish))
        }
        pump()
        for hook in hooks { hook() }
        setState(.connected(sessionPresent: sessionPresent))
    }

    /// The connection `serial` is over: settle what waited on it and schedule the next attempt.
    private func ended(serial: Int, reason: String, refused: MQTTConnectReturnCode?) {
        guard let current = connection, current.serial == serial else { return }
        connection = nil
        current.channel?.close(promise: nil)
        settlePending(subscribeResult: .pending)
        guard !stopped else { return }
        let upFor = current.connectedAt.map { Duration.nanoseconds((loop.now - $0).nanoseconds) }
        let delay = retry.failed(connectedFor: upFor)
        let retryText = "reconnecting in \(delay / .seconds(1)) s"
        if refused != nil {
            logger.error("\(reason); \(retryText)")
        } else if upFor != nil {
            logger.warning("lost connection: \(reason); \(retryText)")
        } else {
            logger.warning("\(reason); \(retryText)")
        }
        setState(.disconnected(reason: reason, retryIn: delay))
        retryTimer = loop.assumeIsolated().scheduleTask(in: TimeAmount(delay)) { [weak self] in self?.connect() }
    }

    /// A connection ended or the client stopped: nothing pending will be acknowledged on it.
    /// Subscriptions stay registered (sent again on connect); unsubscribes already took effect here.
    private func settlePending(subscribeResult: MQTTSubscribeResult?) {
        for (id, pending) in pendingSubscribes {
            ids.release(id)
            if let subscribeResult { pending.promise?.succeed(subscribeResult) } else { pending.promise?.fail(MQTTClientError.stopped) }
        }
        pendingSubscribes = [:]
        for (id, promise) in pendingUnsubscribes {
            ids.release(id)
            promise?.succeed()
        }
        pendingUnsubscribes = [:]
    }

    // MARK: packets from the broker

    private func handle(_ packet: MQTTPacket) {
        switch packet {
        case .publish(let publish): deliver(publish)
        case .puback(let id):
            if outgoing.acknowledge(id) {
                ids.release(id)
                statistics.acknowledged += 1
                pump()
            } else {
                logger.debug("broker \(broker) acknowledged packet \(id), which is not in flight")
            }
        case .suback(let ack): subscribed(ack)
        case .unsuback(let id):
            guard let promise = pendingUnsubscribes.removeValue(forKey: id) else {
                return logger.debug("broker \(broker) sent UNSUBACK \(id) for no UNSUBSCRIBE")
            }
            ids.release(id)
            promise?.succeed()
        default: break  // the handler lets nothing else through
        }
    }

    private func deliver(_ publish: MQTTPublish) {
        statistics.received += 1
        let message = MQTTMessage(topic: publish.topic, payload: publish.payload, qos: publish.qos, retain: publish.retain,
                                  dup: publish.dup)
        for (filter, subscription) in subscriptions where MQTTTopic.matches(filter: filter, topic: publish.topic) {
            subscription.handler(message)
        }
        // Acknowledged after the handlers ran: at-least-once means at least once to them.
        if publish.qos == .atLeastOnce, let id = publish.packetID { liveHandler?.send(.puback(packetID: id)) }
    }

    private func subscribed(_ ack: MQTTSubAck) {
        guard let pending = pendingSubscribes.removeValue(forKey: ack.packetID) else {
            return logger.debug("broker \(broker) sent SUBACK \(ack.packetID) for no SUBSCRIBE")
        }
        ids.release(ack.packetID)
        guard ack.returnCodes.count == pending.filters.count else {
            let reason = "broker \(broker) answered \(pending.filters.count) filters with \(ack.returnCodes.count) SUBACK codes"
            pending.promise?.succeed(.pending)
            connection?.handler?.close(reason: reason, sendDisconnect: false)
            return
        }
        for (filter, code) in zip(pending.filters, ack.returnCodes) {
            switch code {
            case .granted(let qos):
                logger.debug("subscribed to '\(filter)' on broker \(broker) with \(qos)")
                pending.promise?.succeed(.granted(qos))
            case .failure:
                // Refused (an ACL, most likely): asking again after every reconnect would not help.
                logger.error("broker \(broker) refused the subscription to '\(filter)' (SUBACK 0x80); dropped it")
                subscriptions[filter] = nil
                pending.promise?.fail(MQTTClientError.subscriptionRefused(filter: filter, broker: broker))
            }
        }
    }

    // MARK: requests from the application

    func subscribe(_ filter: String, _ subscription: Subscription, promise: EventLoopPromise<MQTTSubscribeResult>) {
        guard !stopped else { return promise.fail(MQTTClientError.stopped) }
        subscriptions[filter] = subscription
        guard let handler = liveHandler else { return promise.succeed(.pending) }
        sendSubscribe([filter], promise: promise, on: handler)
    }

    func unsubscribe(_ filter: String, promise: EventLoopPromise<Void>) {
        guard subscriptions.removeValue(forKey: filter) != nil, let handler = liveHandler, let id = ids.allocate() else {
            return promise.succeed()
        }
        pendingUnsubscribes[id] = promise
        handler.send(.unsubscribe(MQTTUnsubscribe(packetID: id, filters: [filter])))
    }

    private func sendSubscribe(_ filters: [String], promise: EventLoopPromise<MQTTSubscribeResult>?,
                               on handler: MQTTConnectionHandler)
    {
        let requests = filters.compactMap { f in subscriptions[f].map { MQTTSubscribe.Request(filter: f, qos: $0.qos) } }
        guard !requests.isEmpty, let id = ids.allocate() else {
            promise?.succeed(.pending)
            return
        }
        pendingSubscribes[id] = (requests.map(\.filter), promise)
        handler.send(.subscribe(MQTTSubscribe(packetID: id, requests: requests)))
    }

    func publish(_ publish: MQTTPublish) {
        guard !stopped else { return }
        let now = loop.now
        guard rateLimiter.allow(now: now) else {
            statistics.droppedByRateLimit += 1
            if let count = rateDrops.record(now: now) {
                logger.warning("dropped \(count) publish(es) over the limit of \(configuration.maxPublishesPerSecond) per second (latest to '\(publish.topic)')")
            }
            return
        }
        if publish.qos == .atMostOnce {
            guard let handler = liveHandler else {
                statistics.droppedOffline += 1
                if let count = offlineDrops.record(now: now) {
                    logger.info("dropped \(count) QoS 0 publish(es) while not connected to broker \(broker)")
                }
                return
            }
            statistics.published += 1
            handler.send(.publish(publish))
            return
        }
        statistics.published += 1
        if outgoing.enqueue(publish) != nil {
            statistics.droppedQueueFull += 1
            if let count = queueDrops.record(now: now) {
                logger.warning("QoS 1 queue full (\(outgoing.capacity) messages for broker \(broker)): dropped the oldest \(count)")
            }
        }
        pump()
    }

    /// Sends waiting QoS 1 messages while the in-flight window has room.
    private func pump() {
        guard let handler = liveHandler else { return }
        while let publish = outgoing.nextToSend(allocate: { ids.allocate() }) {
            handler.send(.publish(publish))
        }
    }

    func currentStatistics() -> MQTTClientStatistics {
        var copy = statistics
        copy.queued = outgoing.count
        return copy
    }
}
