import HearthCore
import HearthMQTT
import HearthSupport
import Logging
import Synchronization

/// Hearth as a Home Assistant device over MQTT. On every connect (the first and each
/// reconnect) and on HA's birth message it announces: discovery configs, `online`,
/// the last state, all retained, so a broker that lost everything (restarted without
/// persistence) has it all again. The broker publishes `offline` (the last will) when
/// the daemon dies; a clean stop publishes it first.
///
/// Commands go to `handler` only once parsed strictly; a refused one is logged (what,
/// which topic) and dropped. The handler is the daemon's validated settings path.
public final class HomeAssistantBridge: Sendable {
    public static let online = "online"
    public static let offline = "offline"

    public let discovery: HomeAssistantDiscovery
    public var topics: HomeAssistantTopics { discovery.topics }
    private let client: MQTTClient
    private let handler: @Sendable (HomeAssistantCommand) throws -> Void
    private let logger: Logger
    private struct Shared {
        var last: HeaterState?
        var announcements = 0
        var refused = 0
    }
    private let shared = Mutex(Shared())

    /// - Parameters:
    ///   - mqtt: the broker; its will is replaced by the availability topic's `offline`.
    ///   - handler: applies a command (`DaemonState.change` / `requestTripClear`); a throw is logged.
    public init(mqtt: MQTTClientConfiguration, discovery: HomeAssistantDiscovery, logger: Logger,
                handler: @escaping @Sendable (HomeAssistantCommand) throws -> Void) throws(MQTTClientError) {
        var config = mqtt
        config.will = MQTTWill(topic: discovery.topics.availability, payload: Array(Self.offline.utf8),
                               qos: .atLeastOnce, retain: true)
        self.discovery = discovery
        self.handler = handler
        self.logger = logger
        client = try MQTTClient(configuration: config, logger: logger)
    }

    /// Subscribes (HA's status, the command topics) and connects; keeps reconnecting until `stop()`.
    public func start() async throws {
        client.onConnected { [self] in announce(reason: "connected") }
        try await client.subscribe(topics.homeAssistantStatus) { [self] message in
            // HA's birth: it (re)started and forgot discovery; its will `offline` needs nothing.
            if message.payload == Array(Self.online.utf8) { announce(reason: "Home Assistant came online") }
        }
        try await client.subscribe(topics.commandFilter) { [self] message in receive(message) }
        client.start()
    }

    /// `offline` first (retained, so HA greys the entities out at once), then DISCONNECT.
    public func stop() async {
        try? client.publish(topic: topics.availability, payload: Self.offline, qos: .atLeastOnce, retain: true)
        // QoS 1 is queued on the client's loop; stop() runs after it on the same loop.
        await client.stop()
    }

    /// Publishes the state when it changed (retained). While the broker is away the newest
    /// is kept and goes out with the next announcement.
    public func update(_ state: HeaterState) {
        let changed = shared.withLock { s -> Bool in
            defer { s.last = state }
            return s.last != state
        }
        // Stored first: an announcement (on the next connect) always sends the newest.
        if changed && client.state.isConnected { publishState(state) }
    }

    /// Times the bridge announced (connects and HA births), and commands it refused: for tests and status.
    public var announcements: Int { shared.withLock { $0.announcements } }
    public var refusedCommands: Int { shared.withLock { $0.refused } }
    public var connection: MQTTClientState { client.state }
    public func connectionChanges() -> AsyncStream<MQTTClientState> { client.stateChanges() }

    private func announce(reason: String) {
        let last = shared.withLock { s -> HeaterState? in
            s.announcements += 1
            return s.last
        }
        do {
            for m in discovery.messages {
                try client.publish(topic: m.topic, payload: m.payload.jsonText, qos: .atLeastOnce, retain: true)
            }
            try client.publish(topic: topics.availability, payload: Self.online, qos: .atLeastOnce, retain: true)
        } catch {
            logger.error("Home Assistant discovery not published: \(error)")
        }
        if let last { publishState(last) }
        logger.info("Home Assistant: announced \(discovery.messages.count) entities under \(topics.discoveryPrefix)/ (\(reason))")
    }

    private func publishState(_ state: HeaterState) {
        do { try client.publish(topic: topics.state, payload: state.payload.jsonText, qos: .atMostOnce, retain: true) } catch {
            logger.error("Home Assistant state not published: \(error)")
        }
    }

    private func receive(_ message: MQTTMessage) {
        let last = message.topic.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        let current = shared.withLock { $0.last?.mode } ?? .heat
        do {
            guard let command = try HomeAssistantCommand.parse(topic: message.topic, kind: HomeAssistantCommand.Kind(rawValue: last),
                                                               payload: message.payload, current: current)
            else { return }
            try handler(command)
        } catch {
            shared.withLock { $0.refused += 1 }
            if let e = error as? HomeAssistantCommandError {
                logger.warning("\(e.description)")
            } else {
                logger.warning("Home Assistant command on \(message.topic) refused: \(error)")
            }
        }
    }
}
