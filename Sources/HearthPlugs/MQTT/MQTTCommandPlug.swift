import HearthCore
import HearthMQTT
import Logging
import Synchronization

/// Any plug that takes commands on an MQTT topic: publishes `ON`/`OFF` (or the
/// configured payloads) to the command topic with QoS 1, never retained (a retained
/// command would switch the heater again whenever the plug reconnects).
///
/// The state comes from the state topic when there is one (Tasmota's `stat/…/POWER` by
/// convention); after a command, `status()` waits a bounded time for the plug to confirm.
/// Without a state topic the state is what Hearth last commanded, and says so.
public final class MQTTCommandPlug: SmartPlug {
    public let name: String
    public let topics: MQTTPlugTopics
    /// How long `status()` waits for the plug to publish its state after a command.
    public let confirmTimeout: Duration
    private let client: MQTTClient
    private let logger: Logger
    private let state = Mutex(State())

    private struct State {
        /// Counts state messages, so a waiter knows whether a new one came.
        var stateMessages = 0
        var reported: Bool?
        var unreadable: String?
        var watts: Watts?
        var lastCommand: Bool?
        /// `stateMessages` when the last command went out.
        var messagesAtCommand = 0
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
        var nextWaiter = 0
        var badPayloads = LogThrottle()
    }

    /// - Throws: a bad broker setting or topic, naming it.
    public init(configuration: MQTTClientConfiguration, topics: MQTTPlugTopics, confirmTimeout: Duration = .seconds(3),
                logger: Logger = Logger(label: "hearth.plug.mqtt")) throws(MQTTClientError)
    {
        do { try topics.validate() } catch { throw MQTTClientError.invalidTopic(error) }
        self.topics = topics
        self.confirmTimeout = confirmTimeout
        self.name = "mqtt \(configuration.broker) \(topics.command)"
        self.client = try MQTTClient(configuration: configuration, logger: logger)
        var logger = logger
        logger[metadataKey: "plug"] = "\(name)"
        self.logger = logger
    }

    /// Subscribes to the state and power topics (again after every reconnect) and connects.
    public func start() async throws(MQTTClientError) {
        if let topic = topics.state {
            try await subscribe(topic) { plug, payload in plug.stateArrived(payload) }
        }
        if let topic = topics.power {
            try await subscribe(topic) { plug, payload in plug.powerArrived(payload) }
        }
        client.start()
    }

    public func close() async {
        await client.stop()
        let waiters = state.withLock { s in
            defer { s.waiters.removeAll() }
            return Array(s.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    public var brokerState: MQTTClientState { client.state }

    public func setOn(_ on: Bool) async throws(PlugError) {
        let payload = on ? topics.onPayload : topics.offPayload
        let operation = "publish \(payload) to \(topics.command)"
        let broker = client.state
        guard broker.isConnected else {
            throw PlugError(plug: name, operation: operation,
                            kind: .brokerUnavailable("broker \(client.configuration.broker) is not connected (\(broker))"))
        }
        state.withLock { s in
            s.lastCommand = on
            s.messagesAtCommand = s.stateMessages
        }
        do {
            try client.publish(topic: topics.command, payload: payload, qos: .atLeastOnce)
        } catch {
            throw PlugError(plug: name, operation: operation, kind: .brokerUnavailable("\(error)"))
        }
    }

    public func status() async throws(PlugError) -> PlugStatus {
        guard let stateTopic = topics.state else {
            let (command, watts) = state.withLock { ($0.lastCommand, $0.watts) }
            guard let command else {
                throw PlugError(plug: name, operation: "status", kind: .noState(
                    "no state topic (add ?state=TOPIC to the plug spec), so the state is unknown until Hearth switches the plug"))
            }
            return PlugStatus(isOn: command, watts: watts, isAssumed: true)
        }
        let operation = "status from \(stateTopic)"
        let (awaitingConfirmation, known, seen) = state.withLock { s in
            (s.lastCommand != nil && s.stateMessages == s.messagesAtCommand, s.reported != nil || s.unreadable != nil,
             s.stateMessages)
        }
        if awaitingConfirmation || !known {
            if !known && !awaitingConfirmation && topics.followsTasmotaConvention && client.state.isConnected {
                // An empty payload on cmnd/<name>/POWER makes Tasmota publish its state.
                try? client.publish(topic: topics.command, payload: "", qos: .atLeastOnce)
            }
            let arrived = await waitForState(after: seen)
            if !arrived {
                let why = awaitingConfirmation
                    ? "the plug did not confirm the command on \(stateTopic) within \(Self.text(confirmTimeout))"
                    : "nothing on \(stateTopic) within \(Self.text(confirmTimeout)) (broker \(client.state))"
                throw PlugError(plug: name, operation: operation, kind: .noState(why))
            }
        }
        let (reported, unreadable, watts) = state.withLock { ($0.reported, $0.unreadable, $0.watts) }
        if let unreadable {
            throw PlugError(plug: name, operation: operation, kind: .badReply(unreadable))
        }
        guard let reported else {
            throw PlugError(plug: name, operation: operation, kind: .noState("nothing on \(stateTopic) yet"))
        }
        return PlugStatus(isOn: reported, watts: watts)
    }

    // MARK: - Incoming messages (on the client's event loop: quick, never blocking)

    private func subscribe(_ topic: String, _ handle: @escaping @Sendable (MQTTCommandPlug, String) -> Void)
        async throws(MQTTClientError)
    {
        do {
            try await client.subscribe(topic, qos: .atLeastOnce) { [weak self] message in
                guard let self else { return }
                handle(self, message.payloadString ?? "")
            }
        } catch let error as MQTTClientError {
            throw error
        } catch {
            throw MQTTClientError.invalidConfiguration("subscribing to \(topic): \(error)")
        }
    }

    private func stateArrived(_ payload: String) {
        let value = MQTTPlugPayload.state(payload, onPayload: topics.onPayload, offPayload: topics.offPayload)
        let (waiters, logLine): ([CheckedContinuation<Void, Never>], String?) = state.withLock { s in
            s.stateMessages += 1
            var line: String?
            if let value {
                s.reported = value
                s.unreadable = nil
            } else {
                let why = "state payload '\(payload.prefix(80))' on \(topics.state ?? "") is neither \(topics.onPayload) nor \(topics.offPayload)"
                s.unreadable = why
                if let suppressed = s.badPayloads.allow(now: .now) {
                    line = suppressed > 0 ? "\(why) (and \(suppressed) more like it in the last minute)" : why
                }
            }
            defer { s.waiters.removeAll() }
            return (Array(s.waiters.values), line)
        }
        if let logLine { logger.warning("plug \(name): \(logLine)") }
        for waiter in waiters { waiter.resume() }
    }

    private func powerArrived(_ payload: String) {
        // A SENSOR message without ENERGY (a plug without a meter) leaves the watts unknown.
        guard let watts = MQTTPlugPayload.watts(payload) else { return }
        state.withLock { $0.watts = watts }
    }

    /// True once a state message beyond the `seen`-th arrives, false after `confirmTimeout`.
    private func waitForState(after seen: Int) async -> Bool {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let id: Int? = state.withLock { s in
                guard s.stateMessages == seen else { return nil }
                s.nextWaiter += 1
                s.waiters[s.nextWaiter] = continuation
                return s.nextWaiter
            }
            guard let id else { return continuation.resume() }
            let timeout = confirmTimeout
            Task { [weak self] in
                try? await Task.sleep(for: timeout)  // the deadline, not a wait for something to happen
                let waiter = self?.state.withLock { $0.waiters.removeValue(forKey: id) }
                waiter?.resume()
            }
        }
        return state.withLock { $0.stateMessages } > seen
    }

    /// `3 s`, `300 ms`.
    private static func text(_ d: Duration) -> String {
        let ms = Int((d / .milliseconds(1)).rounded())
        return ms % 1000 == 0 ? "\(ms / 1000) s" : "\(ms) ms"
    }
}
